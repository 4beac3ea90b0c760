package server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/server"
	"github.com/baosou/baosou/store"
)

var benchQueries = []string{"长春", "吉林", "一带一路", "政府发布", `"市人民"`, "脱贫攻坚", "习近平", "疫情防控", "冰雪", "人工智能",
	"长春 冰雪", `"共和国成立70周年"`, "简单", "北京", "发展", "5G", "新冠肺炎", "春节", "经济", "教育"}

// BenchmarkSearchHTTP measures search latency over real HTTP on loopback
// against an existing data directory (e.g. one holding the whole shared
// corpus), reporting the median and 99th percentile per request:
//
//	baosou --data /tmp/full ingest ../shared/corpus/rmrb-2019-2020.jsonl.gz
//	BAOSOU_BENCH_DATA=/tmp/full go test ./server -run XXX -bench SearchHTTP
func BenchmarkSearchHTTP(b *testing.B) {
	dir := os.Getenv("BAOSOU_BENCH_DATA")
	if dir == "" {
		b.Skip("set BAOSOU_BENCH_DATA to a baosou data directory")
	}
	st, err := store.Open(filepath.Join(dir, "store"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	gaz, err := region.Default()
	if err != nil {
		b.Fatal(err)
	}
	current, _, err := index.CurrentDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	idx, err := index.Open(current, index.Options{ResolveRegion: gaz.Resolve})
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	srv := httptest.NewServer(server.New(server.Config{Searcher: idx, Articles: st, Analyzer: idx}))
	defer srv.Close()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		q := benchQueries[i%len(benchQueries)]
		start := time.Now()
		resp, err := http.Get(srv.URL + "/api/search?q=" + url.QueryEscape(q))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d", q, resp.StatusCode)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
