package region

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
)

// corpusPath is the shared 人民日报 corpus, seen from this package's directory.
const corpusPath = "../../shared/corpus/rmrb-2019-2020.jsonl.gz"

// datelineRE matches an opening 本报<城市>X月X日电 dateline and the
// （记者…） credit that follows it.
var datelineRE = regexp.MustCompile(`^\s*本报([\p{Han}]{2,8}?)\s*\d{1,2}月\d{1,2}日电\s*(（[^）]*）|\([^)]*\))?\s*`)

func loadCorpus(tb testing.TB) []*article.Article {
	tb.Helper()
	f, err := os.Open(corpusPath)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("corpus absent: %s", corpusPath)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	var out []*article.Article
	for line := 1; sc.Scan(); line++ {
		var r struct {
			Kicker, Title, Subtitle, Body string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s line %d: %v", corpusPath, line, err)
		}
		out = append(out, &article.Article{Kicker: r.Kicker, Title: r.Title, Subtitle: r.Subtitle, Body: strings.Split(r.Body, "\n")})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// missesFlag asks TestMeasureDateline to log that many misses, drawn at
// random with a fixed seed, for reading.
var missesFlag = flag.Int("region.misses", 0, "log this many random dateline misses in TestMeasureDateline")

// dlStats counts, over the articles with a 本报<城市>…电 dateline whose city
// is a division, how often the tagger (run without the dateline) finds it.
type dlStats struct {
	n, hit, prov int // all datelines; city among tags; city or its province
	bj, bjHit    int // 北京 datelines
	// precision proxy on non-北京 datelines: city-level tags (prefectures,
	// and divisions right below a province) that are the dateline city or
	// in its province, against those elsewhere.
	in, out int
}

// TestMeasureDateline measures, on the shared corpus, how often the city of
// a 本报<城市>…电 dateline is among the tags once the dateline is removed,
// and the average number of tags per article. Run with
//
//	go test -run TestMeasureDateline -v ./region/
//	go test -run TestMeasureDateline -v ./region/ -args -region.misses 30
func TestMeasureDateline(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	g := gaz(t)
	arts := loadCorpus(t)
	for _, o := range []struct {
		name string
		opt  Options
	}{{"default", Options{}}, {"with Options.Seats", Options{Seats: true}}} {
		st, unresolved, misses := measureDateline(g, arts, o.opt, *missesFlag)
		nb := st.n - st.bj
		t.Logf("[%s] dateline articles %d (city not a division: %d); dateline city among tags without the dateline: %d = %.3f",
			o.name, st.n, unresolved, st.hit, ratio(st.hit, st.n))
		t.Logf("[%s]   non-北京 datelines: %d of %d = %.3f; 北京 datelines: %d of %d = %.3f",
			o.name, st.hit-st.bjHit, nb, ratio(st.hit-st.bjHit, nb), st.bjHit, st.bj, ratio(st.bjHit, st.bj))
		t.Logf("[%s]   city or its province among tags: %d = %.3f", o.name, st.prov, ratio(st.prov, st.n))
		t.Logf("[%s]   precision proxy (non-北京 datelines): city-level tags in the dateline's province %d, elsewhere %d, share in = %.3f",
			o.name, st.in, st.out, ratio(st.in, st.in+st.out))
		total := 0
		for _, a := range arts {
			total += len(g.TagWith(a, o.opt))
		}
		t.Logf("[%s]   articles %d, tags %d, average %.2f tags/article", o.name, len(arts), total, float64(total)/float64(len(arts)))
		for _, m := range misses {
			t.Logf("[%s] MISS %s", o.name, m)
		}
	}
	start := time.Now()
	var bytes int
	for _, a := range arts {
		g.Tag(a)
		bytes += len(a.Title) + len(a.Kicker) + len(a.Subtitle) + len(a.BodyText())
	}
	el := time.Since(start)
	t.Logf("throughput %.0f articles/s, %.1f MiB/s (one goroutine, default options)", float64(len(arts))/el.Seconds(), float64(bytes)/el.Seconds()/(1<<20))
}

func measureDateline(g *Gazetteer, arts []*article.Article, opt Options, nMiss int) (st dlStats, unresolved int, sample []string) {
	var misses []string
	for _, a := range arts {
		m := datelineRE.FindStringSubmatchIndex(a.Body[0])
		if m == nil {
			continue
		}
		city := a.Body[0][m[2]:m[3]]
		want, err := g.Resolve(city)
		if err != nil {
			unresolved++
			continue
		}
		st.n++
		b := slices.Clone(a.Body)
		b[0] = b[0][m[1]:]
		c := *a
		c.Body = b
		tags := g.TagWith(&c, opt)
		prov := strings.SplitN(want, "/", 2)[0]
		ok := slices.Contains(tags, want)
		if ok {
			st.hit++
		} else {
			misses = append(misses, fmt.Sprintf("%s | %q | %s | %s | %s", city, tags, c.Kicker, c.Title, clip(strings.Join(c.Body, "¶"), 160)))
		}
		if ok || slices.Contains(tags, prov) {
			st.prov++
		}
		if want == "北京市" {
			st.bj++
			if ok {
				st.bjHit++
			}
			continue
		}
		for _, tg := range tags {
			if strings.Count(tg, "/") != 1 || strings.HasPrefix(tg, want+"/") {
				continue // not city-level, or below the dateline city
			}
			if tg == want || strings.HasPrefix(tg, prov+"/") {
				st.in++
			} else {
				st.out++
			}
		}
	}
	r := rand.New(rand.NewPCG(4, 4))
	for _, i := range r.Perm(len(misses))[:min(nMiss, len(misses))] {
		sample = append(sample, misses[i])
	}
	return st, unresolved, sample
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
