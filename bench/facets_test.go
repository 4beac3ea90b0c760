package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSearchURLFacets(t *testing.T) {
	c := &client{base: "http://127.0.0.1:1"}
	q := Query{Class: "word", Filter: "region", Q: "全球 经济", Region: "长春"}
	for _, noFacets := range []bool{false, true} {
		u, err := url.Parse(c.searchURL(q, noFacets))
		if err != nil {
			t.Fatal(err)
		}
		v := u.Query()
		if u.Path != "/api/search" || v.Get("q") != q.Q || v.Get("region") != "长春" || v.Get("size") != "10" || v.Has("from") {
			t.Errorf("noFacets %v: %s", noFacets, u)
		}
		if got, want := v.Get("facets"), map[bool]string{true: "0"}[noFacets]; got != want || v.Has("facets") != noFacets {
			t.Errorf("noFacets %v: facets=%q in %s", noFacets, got, u)
		}
	}
	u, err := url.Parse(c.suggestURL("泰康"))
	if err != nil {
		t.Fatal(err)
	}
	if u.Path != "/api/suggest" || u.Query().Get("q") != "泰康" || u.Query().Get("size") != "8" {
		t.Errorf("suggest URL %s", u)
	}
}

// fakeBaosou serves /api/search (noting whether facets were asked off) and,
// when suggest is set, /api/suggest; every other path is a 404.
type fakeBaosou struct {
	mu       sync.Mutex
	searches []string // "q facets=0" or "q"
	suggest  bool
}

func (f *fakeBaosou) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch {
	case r.URL.Path == "/api/search":
		f.mu.Lock()
		s := q.Get("q")
		if q.Get("facets") == "0" {
			s += " facets=0"
		}
		f.searches = append(f.searches, s)
		f.mu.Unlock()
		fmt.Fprintf(w, `{"total": %d, "hits": []}`, len(q.Get("q")))
	case r.URL.Path == "/api/suggest" && f.suggest:
		if q.Get("q") == "无" {
			fmt.Fprint(w, `{"suggestions":[]}`)
			return
		}
		fmt.Fprintf(w, `{"suggestions":[{"text":%q,"count":3},{"text":"x","count":1}]}`, q.Get("q")+"康")
	default:
		http.NotFound(w, r)
	}
}

// twoGroups serves a fake Baosou for the test and returns it, a client of
// it and two groups of word queries: two without a filter, one with a date.
func twoGroups(t *testing.T) (*fakeBaosou, *client, []queryGroup) {
	fake := &fakeBaosou{}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c := newClient(srv.URL, 2)
	t.Cleanup(c.close)
	return fake, c, []queryGroup{
		{class: "word", filter: "none", queries: []Query{{Q: "a"}, {Q: "b"}}},
		{class: "word", filter: "date", queries: []Query{{Q: "c"}}},
	}
}

func TestRunLoadsFacetsBoth(t *testing.T) {
	fake, c, gs := twoGroups(t)
	lf, err := runLoads(context.Background(), c, gs, facetVariants(FacetsBoth), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Group by group, the order of the two ways alternating.
	want := []string{"a facets=0", "b facets=0", "a", "b", "c", "c facets=0"}
	if !slices.Equal(fake.searches, want) {
		t.Errorf("sent %q, want %q", fake.searches, want)
	}
	for key, n := range map[string]int{
		"word/none": 2, "word/none+facets": 2, "word/date": 1, "word/date+facets": 1,
		"word/*": 3, "word/*+facets": 3, "*/none": 2, "*/none+facets": 2, "*/*": 3, "*/*+facets": 3,
	} {
		if l := lf.Groups[key]; l.N != n || l.OK != n {
			t.Errorf("%s: %d of %d answered, want %d", key, l.OK, l.N, n)
		}
	}
	if len(lf.Groups) != 12 || len(lf.Micros["word/none+facets"]) != 2 || len(lf.Micros["word/date"]) != 1 {
		t.Errorf("groups %d, micros %v", len(lf.Groups), lf.Micros)
	}

	for mode, want := range map[string]string{FacetsOn: "a", FacetsOff: "a facets=0"} {
		fake.searches = nil
		lf, err := runLoads(context.Background(), c, gs[:1], facetVariants(mode), 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		if fake.searches[0] != want || len(fake.searches) != 2 || len(lf.Groups) != 4 || lf.Groups["word/none"].N != 2 {
			t.Errorf("facets %s: sent %q, groups %v", mode, fake.searches, lf.Groups)
		}
	}
}

// TestRunLoadsRounds: with rounds, every group is sent again, the groups
// in reverse order every other round, and each group's figures pool all
// its requests.
func TestRunLoadsRounds(t *testing.T) {
	fake, c, gs := twoGroups(t)
	lf, err := runLoads(context.Background(), c, gs, facetVariants(FacetsBoth), 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a facets=0", "b facets=0", "a", "b", "c", "c facets=0", // round 1
		"c facets=0", "c", "a", "b", "a facets=0", "b facets=0", // round 2, groups reversed
	}
	if !slices.Equal(fake.searches, want) {
		t.Errorf("sent %q, want %q", fake.searches, want)
	}
	for key, n := range map[string]int{"word/none": 4, "word/date+facets": 2, "word/*": 6, "*/*+facets": 6} {
		if l := lf.Groups[key]; l.N != n || l.OK != n {
			t.Errorf("%s: %d of %d answered, want %d", key, l.OK, l.N, n)
		}
	}
	if len(lf.Micros["word/none"]) != 4 || len(lf.Micros["word/date+facets"]) != 2 {
		t.Errorf("micros %v", lf.Micros)
	}
}

func TestRunSuggest(t *testing.T) {
	gs := SuggestGroups([]Query{{Class: "word", Q: "泰康 同济"}, {Class: "word", Q: "无锡"}}, 0)
	for _, served := range []bool{true, false} {
		srv := httptest.NewServer(&fakeBaosou{suggest: served})
		c := newClient(srv.URL, 4)
		raw := map[string][]int64{}
		lat, err := runSuggest(context.Background(), c, gs, 4, raw)
		c.close()
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		all := lat["*"]
		if all.N != 6 || len(lat) != 5 || len(raw["suggest/prefix2"]) != 2 || len(raw["suggest/infix"]) != 1 {
			t.Fatalf("served %v: %+v, raw %v", served, lat, raw)
		}
		if served && (all.OK != 6 || all.ZeroHits != 1 || all.P99 <= 0) {
			t.Errorf("served: %+v", all)
		}
		if !served && (all.OK != 0 || all.Errors != 6 || raw["suggest/prefix1"][0] != -1) {
			t.Errorf("404: %+v, raw %v", all, raw)
		}
	}
}

func TestCountSuggestions(t *testing.T) {
	for body, want := range map[string]int64{
		`{"suggestions":[{"text":"泰康","count":3}]}`: 1,
		`{"suggestions":[]}`:                        0,
		`{"hits":[]}`:                               -1,
		`404 page not found`:                        -1,
	} {
		if got := countSuggestions([]byte(body)); got != want {
			t.Errorf("countSuggestions(%s) = %d, want %d", body, got, want)
		}
	}
}

func TestSuggestGroups(t *testing.T) {
	qs := []Query{
		{Class: "word", Filter: "none", Q: "泰康 同济"},
		{Class: "phrase", Filter: "none", Q: `"国内确诊"`},
		{Class: "word", Filter: "date", Q: "泰康"},
		{Class: "word", Filter: "region", Q: "国内 确诊"},
		{Class: "word", Filter: "section", Q: "泰山"},
	}
	got := map[string][]string{}
	for _, g := range SuggestGroups(qs, 0) {
		for _, q := range g.queries {
			if q.Class != SuggestClass || q.Filter != g.filter || g.class != SuggestClass {
				t.Errorf("%+v in group %s/%s", q, g.class, g.filter)
			}
			got[g.filter] = append(got[g.filter], q.Q)
		}
	}
	want := map[string][]string{
		"prefix1": {"泰", "国"},
		"prefix2": {"泰康", "国内", "泰山"},
		"prefix3": {"泰康同", "国内确"},
		"infix":   {"康同", "内确"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	capped := SuggestGroups(qs, 1)
	if len(capped) != 4 || len(capped[1].queries) != 1 || capped[1].queries[0].Q != "泰康" {
		t.Errorf("capped: %+v", capped)
	}
}

// TestSuggestGroupsCommitted makes the suggest queries of the committed
// query set: every kind has many, the same every time.
func TestSuggestGroupsCommitted(t *testing.T) {
	qs, err := ReadQueries("../" + DefaultQueries)
	if err != nil {
		t.Fatal(err)
	}
	gs := SuggestGroups(qs, 0)
	if len(gs) != len(SuggestKinds) {
		t.Fatalf("%d suggest groups", len(gs))
	}
	var words []string
	for _, q := range qs {
		if q.Class == "word" {
			words = append(words, strings.ReplaceAll(q.Q, " ", ""))
		}
	}
	for i, g := range gs {
		if g.filter != SuggestKinds[i] || len(g.queries) < 50 {
			t.Errorf("%s: %d queries", g.filter, len(g.queries))
		}
		for _, q := range g.queries {
			from := map[bool]int{true: 1}[g.filter == "infix"]
			if !slices.ContainsFunc(words, func(w string) bool {
				rs := []rune(w)
				return len(rs) >= from+len([]rune(q.Q)) && string(rs[from:from+len([]rune(q.Q))]) == q.Q
			}) {
				t.Errorf("%s %q is not from a word query", g.filter, q.Q)
			}
		}
	}
	if fmt.Sprint(gs) != fmt.Sprint(SuggestGroups(qs, 0)) {
		t.Error("suggest queries differ between two calls")
	}
}

func TestReportFacetsAndSuggest(t *testing.T) {
	lat := func(n int, p50, p99 float64) Latency {
		return Latency{N: n, OK: n, P50: p50, P95: p99, P99: p99, Max: p99, QPS: 100}
	}
	b := LoadFigures{Clients: 8, Groups: map[string]Latency{
		"*/*": lat(2, 2, 4), "*/*+facets": lat(2, 3, 5),
		"word/*": lat(2, 2, 4), "word/*+facets": lat(2, 3, 5),
		"*/none": lat(2, 2, 4), "*/none+facets": lat(2, 3, 5),
		"word/none": lat(2, 2, 4), "word/none+facets": lat(2, 3, 5),
	}, Suggest: map[string]Latency{"*": lat(4, 1, 8), "prefix1": lat(2, 1, 2), "infix": {N: 2, Errors: 2}}}
	p := LoadFigures{Clients: 8, Groups: map[string]Latency{"*/*": lat(2, 1, 2), "word/*": lat(2, 1, 2), "*/none": lat(2, 1, 2), "word/none": lat(2, 1, 2)}}
	rep := &Report{Facets: FacetsBoth, Queries: QueryInfo{Sent: 2, SuggestSent: 4}, Engines: []EngineReport{
		{Name: "Baosou", Loads: []LoadFigures{b}}, {Name: "peer", Loads: []LoadFigures{p}},
	}}
	var out bytes.Buffer
	writeMarkdown(&out, rep)
	for _, want := range []string{
		"Baosou facets: both.",
		"4 suggest requests per run",
		"| word, filter none, facets=0 | 2 | 2.00 / 4.00 / 4.00 / 4.00 | 100 | — | — | — | — | 0 · — | 0 · — |",
		"| word, filter none, with facets | 2 | 3.00 / 5.00 / 5.00 / 5.00 | 100 | 1.00 / 2.00 / 2.00 / 2.00 | 100 | 3.00 · 2.50 | 1.00 | 0 · 0 | 0 · 0 |",
		"#### Facets, 8 client(s)",
		"| **all** | 2 | 2.00 | 3.00 | 1.50 | 4.00 | 5.00 | 1.25 | 0 · 0 |",
		"| **word**, any filter | 2 | 2.00 | 3.00 | 1.50 | 4.00 | 5.00 | 1.25 | 0 · 0 |",
		"### Suggestions, 8 client(s)",
		"| **all** | 4 | 1.00 / 8.00 / 8.00 / 8.00 | 100 | n/a | 0 | 0 |",
		"| prefix1 | 2 | 1.00 / 2.00 / 2.00 / 2.00 | 100 | n/a | 0 | 0 |",
		"| infix | 2 | — | 0 | n/a | 2 | 0 |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "prefix2") {
		t.Error("report has a row for a kind not measured")
	}

	// One way only: one row per group, no facet table.
	rep.Facets = FacetsOff
	out.Reset()
	writeMarkdown(&out, rep)
	if !strings.Contains(out.String(), "| word, filter none | 2 | 2.00 / 4.00 / 4.00 / 4.00 | 100 | 1.00 / 2.00 / 2.00 / 2.00 |") ||
		strings.Contains(out.String(), "#### Facets") || !strings.Contains(out.String(), "facets=0 (no facets") {
		t.Errorf("facets off:\n%s", out.String())
	}
}
