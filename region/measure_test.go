package region

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io/fs"
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

// TestMeasureDateline measures, on the shared corpus, how often the city of
// a 本报<城市>…电 dateline is among the tags once the dateline is removed,
// and the average number of tags per article. Run with
//
//	go test -run TestMeasureDateline -v ./region/
func TestMeasureDateline(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	g := gaz(t)
	arts := loadCorpus(t)
	var withDL, hit, unresolved, notBJ, hitNotBJ, provHit int
	misses := map[string]int{}
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
		withDL++
		b := slices.Clone(a.Body)
		b[0] = b[0][m[1]:]
		c := *a
		c.Body = b
		tags := g.Tag(&c)
		ok := slices.Contains(tags, want)
		if ok {
			hit++
		} else {
			misses[city]++
		}
		if ok || slices.Contains(tags, strings.SplitN(want, "/", 2)[0]) {
			provHit++
		}
		if want != "北京市" {
			notBJ++
			if ok {
				hitNotBJ++
			}
		}
	}
	total := 0
	start := time.Now()
	var bytes int
	for _, a := range arts {
		total += len(g.Tag(a))
		bytes += len(a.Title) + len(a.Kicker) + len(a.Subtitle) + len(a.BodyText())
	}
	el := time.Since(start)
	if withDL == 0 {
		t.Fatal("no dateline found: the pattern or the corpus changed")
	}
	t.Logf("dateline articles %d (city not a division: %d); dateline city among tags without the dateline: %d = %.3f",
		withDL, unresolved, hit, float64(hit)/float64(withDL))
	t.Logf("same without 北京 datelines: %d of %d = %.3f", hitNotBJ, notBJ, float64(hitNotBJ)/float64(notBJ))
	t.Logf("city or its province among tags: %d = %.3f", provHit, float64(provHit)/float64(withDL))
	t.Logf("misses by city: %v", misses)
	t.Logf("articles %d, tags %d, average %.2f tags/article", len(arts), total, float64(total)/float64(len(arts)))
	t.Logf("throughput %.0f articles/s, %.1f MiB/s (one goroutine)", float64(len(arts))/el.Seconds(), float64(bytes)/el.Seconds()/(1<<20))
}
