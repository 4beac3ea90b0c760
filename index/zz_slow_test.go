package index

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/baosou/baosou/region"
)

func BenchmarkZZSlow(b *testing.B) {
	gaz, _ := region.Default()
	x, err := Open(os.Getenv("BAOSOU_BENCH_INDEX"), Options{ResolveRegion: gaz.Resolve})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	time.Sleep(2 * time.Second)
	type r struct {
		q     string
		class string
		d     time.Duration
		total uint64
	}
	var rs []r
	for b.Loop() {
		for _, class := range []string{"word", "substring", "phrase", "onechar"} {
			for _, req := range harnessQueries(b)[class] {
				req.Facets = true
				best := time.Hour
				var tot uint64
				for k := 0; k < 2; k++ {
					t0 := time.Now()
					res, err := x.Search(context.Background(), req)
					if err != nil {
						b.Fatal(err)
					}
					best = min(best, time.Since(t0))
					tot = res.Total
				}
				rs = append(rs, r{fmt.Sprintf("%q f=%s t=%s s=%v r=%v", req.Query, req.From, req.To, req.Sections, req.Regions), class, best, tot})
			}
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	for _, x := range rs[:40] {
		fmt.Println(x.class, x.d.Round(100*time.Microsecond), x.total, x.q)
	}
}
