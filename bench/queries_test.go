package bench

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/segment"
)

func tools(t *testing.T) (*segment.Segmenter, *region.Gazetteer) {
	t.Helper()
	seg, err := index.Segmenter(nil)
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := region.Default()
	if err != nil {
		t.Fatal(err)
	}
	return seg, gaz
}

func TestRegionNamesResolve(t *testing.T) {
	gaz, err := region.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range RegionNames {
		if _, err := gaz.Resolve(name); err != nil {
			t.Errorf("region filter %q: %v", name, err)
		}
	}
}

// TestQueryClasses checks the class rules on queries drawn from every title
// of the excerpt.
func TestQueryClasses(t *testing.T) {
	seg, gaz := tools(t)
	src, err := LoadSource(context.Background(), excerpt, Holdout{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, h := range src.Heads {
		titles = append(titles, h.Title)
	}
	qs, err := MakeQueries(titles, seg, gaz, 5, 20)
	if err != nil {
		t.Fatal(err)
	}
	again, err := MakeQueries(titles, seg, gaz, 5, 20)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(qs, again) {
		t.Error("the same seed drew different queries")
	}
	other, _ := MakeQueries(titles, seg, gaz, 6, 20)
	if reflect.DeepEqual(qs, other) {
		t.Error("seeds 5 and 6 drew the same queries")
	}
	if len(qs) != len(Classes)*len(FilterKinds)*20 {
		t.Fatalf("%d queries, want %d", len(qs), len(Classes)*len(FilterKinds)*20)
	}
	cut := cutTitles(titles, seg)
	sections := strings.Join(Sections(), " ")
	for _, q := range qs {
		checkClass(t, q, titles, cut)
		switch q.Filter {
		case "none":
			if q.From+q.To+q.Region+q.Section != "" {
				t.Errorf("%+v: unfiltered query has a filter", q)
			}
		case "date":
			if len(q.From) != 10 || len(q.To) != 10 || q.From >= q.To || q.From < "1949-01-01" || q.To > "2024-12-31" {
				t.Errorf("%+v: bad date range", q)
			}
		case "region":
			if _, err := gaz.Resolve(q.Region); err != nil {
				t.Errorf("%+v: %v", q, err)
			}
		case "section":
			if q.Section == "" || !strings.Contains(sections, q.Section) {
				t.Errorf("%+v: section not one the scaler uses", q)
			}
		}
	}
}

func checkClass(t *testing.T, q Query, titles []string, cut []cutTitle) {
	t.Helper()
	switch q.Class {
	case "word":
		ws := strings.Fields(q.Q)
		if len(ws) < 1 || len(ws) > 3 {
			t.Errorf("%q: %d words", q.Q, len(ws))
		}
		for _, w := range ws {
			if utf8.RuneCountInString(w) < 2 || !allHan(w) || !isTitleWord(w, cut) {
				t.Errorf("%q: %q is not a word of two or more Han characters that a title was cut into", q.Q, w)
			}
		}
	case "substring":
		runs := strings.Fields(q.Q)
		if len(runs) < 1 || len(runs) > 2 {
			t.Errorf("%q: %d runs", q.Q, len(runs))
		}
		for _, r := range runs {
			if n := utf8.RuneCountInString(r); n < 2 || n > 8 || !allHan(r) {
				t.Errorf("%q: run %q is not 2–8 Han characters", q.Q, r)
			}
			if !cutsWord(r, titles, cut) {
				t.Errorf("%q: run %q cuts no word of any title it occurs in", q.Q, r)
			}
		}
	case "phrase":
		inner, ok := strings.CutPrefix(q.Q, `"`)
		inner, ok2 := strings.CutSuffix(inner, `"`)
		rs := []rune(inner)
		if !ok || !ok2 || len(rs) < 2 || len(rs) > 8 || strings.ContainsAny(inner, "\" ") {
			t.Errorf("%q: not a quoted run of 2–8 characters", q.Q)
		} else if !unicode.Is(unicode.Han, rs[0]) || !unicode.Is(unicode.Han, rs[len(rs)-1]) {
			t.Errorf("%q: does not start and end with Han", q.Q)
		}
		if !containsAny(titles, inner) {
			t.Errorf("%q: in no title", q.Q)
		}
	case "onechar":
		if utf8.RuneCountInString(q.Q) != 1 || !allHan(q.Q) {
			t.Errorf("%q: not one Han character", q.Q)
		}
	default:
		t.Errorf("unknown class %q", q.Class)
	}
}

// cutTitle is a title as the query-mode segmenter cuts it, worked out
// here independently of the generator.
type cutTitle struct {
	words []string
	spans [][2]int // rune span of each word
}

func cutTitles(titles []string, seg *segment.Segmenter) []cutTitle {
	out := make([]cutTitle, len(titles))
	for i, tt := range titles {
		var c cutTitle
		for _, tok := range seg.Tokenize(tt, segment.ModeQuery) {
			w := tt[tok.Start:tok.End]
			c.words = append(c.words, w)
			c.spans = append(c.spans, [2]int{tok.Position - 1, tok.Position - 1 + utf8.RuneCountInString(w)})
		}
		out[i] = c
	}
	return out
}

// isTitleWord reports whether the segmenter cut some title into w.
func isTitleWord(w string, cut []cutTitle) bool {
	for _, c := range cut {
		if slices.Contains(c.words, w) {
			return true
		}
	}
	return false
}

// cutsWord reports whether run occurs in some title at a place that starts
// or ends inside a word of that title.
func cutsWord(run string, titles []string, cut []cutTitle) bool {
	rr := []rune(run)
	for i, tt := range titles {
		rs := []rune(tt)
		for s := 0; s+len(rr) <= len(rs); s++ {
			if string(rs[s:s+len(rr)]) != run {
				continue
			}
			if insideWord(cut[i], s) || insideWord(cut[i], s+len(rr)) {
				return true
			}
		}
	}
	return false
}

// insideWord: rune position p lies strictly inside some word.
func insideWord(c cutTitle, p int) bool {
	return slices.ContainsFunc(c.spans, func(sp [2]int) bool { return sp[0] < p && p < sp[1] })
}

func containsAny(titles []string, s string) bool {
	for _, tt := range titles {
		if strings.Contains(tt, s) {
			return true
		}
	}
	return false
}

// TestGenerateQueriesRealCorpus makes the full query set from the shared
// corpus: at least 1,000 queries, every class with every filter.
func TestGenerateQueriesRealCorpus(t *testing.T) {
	corpus := filepath.Join("..", DefaultCorpus)
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("shared corpus not present: %v", err)
	}
	out := filepath.Join(t.TempDir(), "queries.jsonl")
	cfg := QueryConfig{In: corpus, Out: out, Seed: 1, Holdout: DefaultHoldout, PerGroup: 64}
	if err := GenerateQueries(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	qs, err := ReadQueries(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 1000 {
		t.Errorf("%d queries, want at least 1000", len(qs))
	}
	count := map[string]int{}
	distinct := map[string]map[string]bool{}
	for _, q := range qs {
		count[q.Group()]++
		if distinct[q.Class] == nil {
			distinct[q.Class] = map[string]bool{}
		}
		distinct[q.Class][q.Q] = true
	}
	for _, c := range Classes {
		for _, f := range FilterKinds {
			if n := count[c+"/"+f]; n < 60 {
				t.Errorf("%s/%s: %d queries, want at least 60", c, f, n)
			}
		}
		if n := len(distinct[c]); n < 4*60 {
			t.Errorf("%s: only %d distinct queries", c, n)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "README.md")); err != nil {
		t.Errorf("no README beside the query set: %v", err)
	}
	// The committed set is made the same way; it must at least read.
	if _, err := ReadQueries(filepath.Join("..", DefaultQueries)); err != nil {
		t.Errorf("committed query set: %v", err)
	}
}
