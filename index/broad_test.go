package index

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestBroadRanksAsEveryHit runs the harness's queries (words, substrings,
// phrases, single characters, with and without filters) and a few broad
// ones on the bundled sample, in several segments, once ranking every hit
// and ranking broad matches by their candidates (every match broad), as
// chosen and whenever there are candidates (so that some fall short and
// every hit is ranked after all): the same hits in the same order with the
// same scores, the same totals and facets, on the first page and a later
// one.
func TestBroadRanksAsEveryHit(t *testing.T) {
	gaz, err := region.Default()
	if err != nil {
		t.Fatal(err)
	}
	x, err := Open(t.TempDir()+"/index", Options{ResolveRegion: gaz.Resolve})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	applyAll(t, x, loadSample(t), 40)
	reqs := harnessQueries(t)["all"]
	for _, q := range []string{"中国", "的", "人民 发展", "习近平 总书记", "经济 -发展", "中国 OR 世界", "title:中国"} {
		reqs = append(reqs, search.Request{Query: q}, search.Request{Query: q, From: "2019-01-01", To: "2019-06-30"})
	}
	ctx := context.Background()
	run := func(req search.Request, broadHits uint64, always bool) *search.Result {
		t.Helper()
		x.broadHits, x.broadAlways = broadHits, always
		x.facets = facetCache{} // count facets every time
		res, err := x.Search(ctx, req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		res.TookMS = 0
		return res
	}
	for _, req := range reqs {
		for _, v := range []struct {
			facets bool
			page   int
		}{{false, 1}, {true, 1}, {true, 3}} {
			req := req
			req.Facets, req.Page, req.Size = v.facets, v.page, 5
			// Merges in the background change BM25's statistics: compare
			// runs on one state, ranking every hit before and after.
			var want, got, always *search.Result
			for try := 0; try < 20; try++ {
				want, got, always = run(req, 0, false), run(req, 1, false), run(req, 1, true)
				if reflect.DeepEqual(want, run(req, 0, false)) {
					break
				}
			}
			for _, r := range []*search.Result{got, always} {
				if !reflect.DeepEqual(r, want) {
					t.Errorf("%q (from %s to %s, sections %v, regions %v), facets %v, page %d:\nevery hit: %s\ncandidates: %s",
						req.Query, req.From, req.To, req.Sections, req.Regions, v.facets, v.page, brief(want), brief(r))
				}
			}
		}
	}
	ranked, short := x.broad.candidates.Load(), x.broad.fellShort.Load()
	t.Logf("ranked by candidates %d times, %d of them fell short", ranked, short)
	if ranked-short < 10 || short == 0 {
		t.Errorf("ranked by candidates %d times, %d fell short: want both ways tried", ranked, short)
	}
	// A broad word with titles to rank by: its first page is the
	// candidates'.
	run(search.Request{Query: "中国", Size: 5}, 1, false)
	if r, s := x.broad.candidates.Load()-ranked, x.broad.fellShort.Load()-short; r != 1 || s != 0 {
		t.Errorf("中国: ranked by candidates %d times, %d fell short; want once, exactly", r, s)
	}
}

func brief(r *search.Result) string {
	s := fmt.Sprintf("total %d:", r.Total)
	for _, h := range r.Hits {
		s += fmt.Sprintf(" %s %.6g", h.ID, h.Score)
	}
	if r.Facets != nil {
		s += fmt.Sprintf(" facets %+v", *r.Facets)
	}
	return s
}

// TestBroadChoosesWithinDates searches a broad word within single days:
// whether to rank by candidates is decided on the hits and candidates
// within the range, so a day with fewer title matches than a page ranks
// every hit at once, and no search is ranked twice (the candidates of
// the whole archive, mostly outside the day, made each fall short).
func TestBroadChoosesWithinDates(t *testing.T) {
	x, err := Open(t.TempDir()+"/index", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	docs := loadSample(t)
	applyAll(t, x, docs, 40)
	days := map[string]bool{}
	for _, a := range docs {
		if strings.Contains(a.Title+strings.Join(a.Body, ""), "中国") {
			days[a.Date[:10]] = true
		}
	}
	if len(days) < 20 {
		t.Fatalf("%d days with 中国 in the sample, want at least 20", len(days))
	}
	x.broadHits = 1
	ctx := context.Background()
	for day := range days {
		req := search.Request{Query: "中国", From: day, To: day, Size: 5}
		short := x.broad.fellShort.Load()
		res, err := x.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("%s: no hits", day)
		}
		if n := x.broad.fellShort.Load() - short; n != 0 {
			t.Errorf("%s: candidates fell short %d times; want the choice made within the day", day, n)
		}
	}
}

// TestScoringParts: the parts that only filter (a date range, terms of
// boost 0) are left out of a match led by its bitmaps; the rest stays.
func TestScoringParts(t *testing.T) {
	word := termQuery(FieldWords, "中国")
	section := termQuery(FieldSection, "要闻")
	years := yearTerms(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC))
	dated := func(q query.Query) query.Query { return &datedQuery{Query: q, dates: &dateRange{From: 1, To: 2}} }
	for _, c := range []struct {
		name    string
		in, out query.Query
	}{
		{"a word", word, word},
		{"a dated word", dated(word), word},
		{"years and a word, dated", dated(query.NewConjunctionQuery([]query.Query{years, word})), word},
		{"years, a section and a word", query.NewConjunctionQuery([]query.Query{years, section, word}), query.NewConjunctionQuery([]query.Query{section, word})},
		{"a section and a word", query.NewConjunctionQuery([]query.Query{section, word}), query.NewConjunctionQuery([]query.Query{section, word})},
		{"years alone", query.NewConjunctionQuery([]query.Query{years}), query.NewConjunctionQuery([]query.Query{years})},
	} {
		if got := scoringParts(c.in); !reflect.DeepEqual(got, c.out) {
			t.Errorf("%s: got %#v, want %#v", c.name, got, c.out)
		}
	}
}
