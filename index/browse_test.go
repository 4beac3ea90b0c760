package index

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

const samplePath = "../testdata/sample/rmrb-sample.jsonl"

// otherPaper is a second newspaper beside the sample's 人民日报: lettered
// pages out of order, a page named two ways, a page of two sections, and
// an article without a page.
var otherPaper = []article.Article{
	{ID: "zg-1", Newspaper: "中国妇女报", Date: "2019-02-14", Page: "A10", Section: "文化", Title: "春节里的长春", Body: []string{"长春的春节热闹非凡。"}},
	{ID: "zg-2", Newspaper: "中国妇女报", Date: "2019-02-14", Page: "A2", Section: "要闻", Title: "新春走基层", Body: []string{"新春佳节，记者走基层。"}},
	{ID: "zg-3", Newspaper: "中国妇女报", Date: "2019-02-14", Page: "A02", Section: "评论", Title: "春风", Body: []string{"春风又绿江南岸。"}},
	{ID: "zg-4", Newspaper: "中国妇女报", Date: "2019-02-14", Page: "A2版", Section: "要闻", Title: "春运", Body: []string{"春运返程高峰。"}},
	{ID: "zg-5", Newspaper: "中国妇女报", Date: "2019-02-14", Page: "", Title: "启事", Body: []string{"本报启事。"}},
	{ID: "zg-6", Newspaper: "中国妇女报", Date: "2019-01-02", Page: "A1", Section: "要闻", Title: "新年", Body: []string{"新年新气象。"}},
	{ID: "zg-7", Newspaper: "中国妇女报", Date: "2019-03-08", Page: "B1", Section: "妇女", Title: "三八节", Body: []string{"妇女节快乐。"}},
}

// loadSample reads the bundled 人民日报 sample as the corpus is read (see
// loadCorpus), plus otherPaper.
func loadSample(t testing.TB) []article.Article {
	t.Helper()
	f, err := os.Open(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var out []article.Article
	for sc.Scan() {
		var rec struct{ Newspaper, Date, Page, Kicker, Title, Subtitle, Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		a := article.Article{Newspaper: rec.Newspaper, Date: rec.Date, Page: rec.Page, Section: sectionOfPage(rec.Page),
			Kicker: rec.Kicker, Title: rec.Title, Subtitle: rec.Subtitle, Body: strings.Split(rec.Body, "\n")}
		if err := a.Normalize(); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, a := range otherPaper {
		if err := a.Normalize(); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// shared is one index of the sample for the tests that only read it:
// building one takes seconds on a loaded machine.
var shared struct {
	sync.Once
	dir  string
	x    *Index
	docs []article.Article
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.x != nil {
		shared.x.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// sampleIndex returns the shared index of loadSample, which callers must
// not change.
func sampleIndex(t testing.TB) (*Index, []article.Article) {
	t.Helper()
	shared.Do(func() {
		shared.docs = loadSample(t)
		if shared.dir, shared.err = os.MkdirTemp("", "baosou-sample-index-"); shared.err != nil {
			return
		}
		if shared.x, shared.err = Open(filepath.Join(shared.dir, "index"), Options{}); shared.err != nil {
			return
		}
		applyAll(t, shared.x, shared.docs, 100)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.x, shared.docs
}

func TestPapers(t *testing.T) {
	x, docs := sampleIndex(t)
	want := map[string]*search.Paper{}
	for _, a := range docs {
		p := want[a.Newspaper]
		if p == nil {
			p = &search.Paper{Newspaper: a.Newspaper, First: a.Date, Last: a.Date}
			want[a.Newspaper] = p
		}
		p.Articles++
		p.First, p.Last = min(p.First, a.Date), max(p.Last, a.Date)
	}
	got, err := x.Papers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Newspaper != "人民日报" {
		t.Fatalf("papers %+v: want 人民日报 (most articles) first of 2", got)
	}
	for _, p := range got {
		if w := want[p.Newspaper]; w == nil || *w != p {
			t.Errorf("paper %+v, want %+v", p, w)
		}
	}
}

// The list of papers follows the index.
func TestPapersFollowChanges(t *testing.T) {
	a := otherPaper[0]
	x := newTestIndex(t, []article.Article{a})
	ctx := context.Background()
	got, err := x.Papers(ctx)
	if err != nil || len(got) != 1 || got[0] != (search.Paper{Newspaper: a.Newspaper, First: a.Date, Last: a.Date, Articles: 1}) {
		t.Fatalf("papers %+v %v", got, err)
	}
	b := a
	b.ID, b.Newspaper, b.Date = "new", "光明日报", "2020-05-04"
	if err := x.Apply(ctx, []Change{{Seq: 2, ID: b.ID, Article: &b}, {Seq: 2, ID: a.ID}}); err != nil {
		t.Fatal(err)
	}
	got, err = x.Papers(ctx)
	if err != nil || len(got) != 1 || got[0] != (search.Paper{Newspaper: b.Newspaper, First: b.Date, Last: b.Date, Articles: 1}) {
		t.Fatalf("after a change: papers %+v %v", got, err)
	}
}

func TestCalendar(t *testing.T) {
	x, docs := sampleIndex(t)
	ctx := context.Background()
	for _, c := range []struct{ paper, month string }{{"人民日报", "2019-02"}, {"人民日报", "2020-02"}, {"中国妇女报", "2019-02"}, {"人民日报", "2018-01"}} {
		want := []search.Day{}
		counts := map[string]uint64{}
		for _, a := range docs {
			if a.Newspaper == c.paper && strings.HasPrefix(a.Date, c.month+"-") {
				counts[a.Date]++
			}
		}
		for d, n := range counts {
			want = append(want, search.Day{Date: d, Articles: n})
		}
		slices.SortFunc(want, func(a, b search.Day) int { return strings.Compare(a.Date, b.Date) })
		got, err := x.Calendar(ctx, c.paper, c.month)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s: got %v, want %v", c.paper, c.month, got, want)
		}
	}
	for _, c := range []struct{ paper, month, param string }{
		{"", "2019-02", "newspaper"}, {"人民日报", "2019-2", "month"}, {"人民日报", "2019-13", "month"},
		{"人民日报", "", "month"}, {"人民日报", "2019-02-01", "month"}, {"人民日报", "1000-01", "month"},
	} {
		_, err := x.Calendar(ctx, c.paper, c.month)
		wantParamError(t, err, c.param, "Calendar", c.paper, c.month)
	}
}

func TestIssue(t *testing.T) {
	x, docs := sampleIndex(t)
	ctx := context.Background()
	byIssue := map[[2]string][]article.Article{}
	dates := map[string][]string{}
	for _, a := range docs {
		k := [2]string{a.Newspaper, a.Date}
		if byIssue[k] == nil {
			dates[a.Newspaper] = append(dates[a.Newspaper], a.Date)
		}
		byIssue[k] = append(byIssue[k], a)
	}
	for _, ds := range dates {
		slices.Sort(ds)
	}
	for k, arts := range byIssue {
		is, err := x.Issue(ctx, k[0], k[1])
		if err != nil {
			t.Fatal(err)
		}
		ds := dates[k[0]]
		i := slices.Index(ds, k[1])
		var prev, next string
		if i > 0 {
			prev = ds[i-1]
		}
		if i+1 < len(ds) {
			next = ds[i+1]
		}
		if is.Newspaper != k[0] || is.Date != k[1] || is.Prev != prev || is.Next != next {
			t.Errorf("issue %v: %s %s prev %q next %q, want prev %q next %q", k, is.Newspaper, is.Date, is.Prev, is.Next, prev, next)
		}
		seen := map[string]int{}
		for j, p := range is.Pages {
			if j > 0 && p.Page != "" && article.ComparePages(is.Pages[j-1].Page, p.Page) >= 0 {
				t.Errorf("issue %v: page %q after %q", k, p.Page, is.Pages[j-1].Page)
			}
			if p.Page == "" && j != len(is.Pages)-1 {
				t.Errorf("issue %v: articles without a page are not last", k)
			}
			if !slices.IsSortedFunc(p.Articles, func(a, b search.Hit) int { return strings.Compare(a.ID, b.ID) }) {
				t.Errorf("issue %v page %s: articles not in id order", k, p.Page)
			}
			for _, h := range p.Articles {
				seen[h.ID]++
				if article.PageKey(h.Page) != article.PageKey(p.Page) || h.Date != k[1] || h.Newspaper != k[0] || h.Highlights.Body == nil {
					t.Errorf("issue %v page %s: hit %+v", k, p.Page, h)
				}
			}
		}
		for _, a := range arts {
			if seen[a.ID] != 1 {
				t.Errorf("issue %v: article %s listed %d times", k, a.ID, seen[a.ID])
			}
		}
		if len(seen) != len(arts) {
			t.Errorf("issue %v: %d articles listed, want %d", k, len(seen), len(arts))
		}
	}

	// Lettered pages in print order, one page under three names, the most
	// common section, unpaged articles last.
	is, err := x.Issue(ctx, "中国妇女报", "2019-02-14")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range is.Pages {
		var ids []string
		for _, h := range p.Articles {
			ids = append(ids, h.ID)
		}
		got = append(got, p.Page+"/"+p.Section+"/"+strings.Join(ids, ","))
	}
	want := []string{"A2/要闻/zg-2,zg-3,zg-4", "A10/文化/zg-1", "//zg-5"}
	if !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
	if is.Prev != "2019-01-02" || is.Next != "2019-03-08" {
		t.Errorf("prev %s next %s", is.Prev, is.Next)
	}

	for _, c := range []struct{ paper, date string }{{"人民日报", "2019-02-04"}, {"人民日报", "2019-01-31"}, {"中国妇女报", "2019-02-15"}, {"没有这份报", "2019-02-14"}} {
		if _, err := x.Issue(ctx, c.paper, c.date); !errors.Is(err, search.ErrNotFound) {
			t.Errorf("Issue(%s, %s) = %v, want not found", c.paper, c.date, err)
		}
	}
	for _, c := range []struct{ paper, date, param string }{{"", "2019-02-14", "newspaper"}, {"人民日报", "2019-02", "date"}, {"人民日报", "2019-02-30", "date"}, {"人民日报", "", "date"}} {
		_, err := x.Issue(ctx, c.paper, c.date)
		wantParamError(t, err, c.param, "Issue", c.paper, c.date)
	}
}

func TestRelated(t *testing.T) {
	x, docs := sampleIndex(t)
	ctx := context.Background()
	// An article with a reprint: the same title on the same date.
	var self article.Article
	reprints := map[string]bool{}
	key := func(a article.Article) string { return a.Date + a.Title }
	n := map[string]int{}
	for _, a := range docs {
		n[key(a)]++
	}
	for _, a := range docs {
		if n[key(a)] > 1 && a.Newspaper == "人民日报" && len(a.Body) > 3 {
			self = a
			break
		}
	}
	for _, a := range docs {
		if key(a) == key(self) && a.ID != self.ID {
			reprints[a.ID] = true
		}
	}
	if len(reprints) == 0 {
		t.Fatal("the sample has no reprint to leave out")
	}
	res, err := x.Related(ctx, self.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || len(res.Hits) > 10 || res.Total < uint64(len(res.Hits)) {
		t.Fatalf("%d hits of %d", len(res.Hits), res.Total)
	}
	for _, h := range res.Hits {
		if h.ID == self.ID || reprints[h.ID] {
			t.Errorf("related lists %s, the article itself or its reprint", h.ID)
		}
		marked := strings.Count(h.Highlights.Title, "<mark>")
		for _, s := range h.Highlights.Body {
			marked += strings.Count(s, "<mark>")
		}
		if marked == 0 || h.Title == "" || h.Date == "" || h.Highlights.Body == nil {
			t.Errorf("hit %s %q shares no marked word: %+v", h.ID, h.Title, h.Highlights)
		}
	}
	again, err := x.Related(ctx, self.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if ids(again.Hits) != ids(res.Hits) {
		t.Errorf("not deterministic: %s then %s", ids(res.Hits), ids(again.Hits))
	}
	def, err := x.Related(ctx, self.ID, 0)
	if err != nil || len(def.Hits) != min(DefaultRelated, len(res.Hits)) || !strings.HasPrefix(ids(res.Hits), ids(def.Hits)) {
		t.Errorf("default size: %v %v", err, def)
	}
	if _, err := x.Related(ctx, "no-such-id", 5); !errors.Is(err, search.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	for _, size := range []int{-1, MaxRelated + 1} {
		_, err := x.Related(ctx, self.ID, size)
		wantParamError(t, err, "size", "Related", size)
	}
}

// wantParamError fails unless err is a ParamError on param.
func wantParamError(t *testing.T, err error, param, call string, args ...any) {
	t.Helper()
	var pe *search.ParamError
	if !errors.As(err, &pe) || pe.Param != param {
		t.Errorf("%s%v = %v, want a ParamError on %s", call, args, err, param)
	}
}

func ids(hits []search.Hit) string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return strings.Join(out, ",")
}

// wordCounts is, for every word of the articles' text (headings and
// body), the number of articles it occurs in.
func wordCounts(x *Index, docs []article.Article) map[string]uint64 {
	counts := map[string]uint64{}
	for _, a := range docs {
		seen := map[string]bool{}
		for _, text := range []string{a.Title, a.Kicker, a.Subtitle, a.BodyText()} {
			for _, tok := range x.seg.Tokenize(text, segment.ModeIndex) {
				if !seen[tok.Term] {
					seen[tok.Term] = true
					counts[tok.Term]++
				}
			}
		}
	}
	return counts
}

func TestSuggest(t *testing.T) {
	x, docs := sampleIndex(t)
	ctx := context.Background()
	if err := x.BuildSuggestions(ctx); err != nil {
		t.Fatal(err)
	}
	counts := wordCounts(x, docs)

	got, err := x.Suggest(ctx, " 春 ", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != DefaultSuggestions {
		t.Fatalf("春: %d suggestions, want %d: %v", len(got), DefaultSuggestions, got)
	}
	checkSuggestions(t, "春", got, counts)
	if !strings.HasPrefix(got[0].Text, "春") {
		t.Errorf("春: %v: a prefix match first", got)
	}
	// Every candidate containing 春, in the order the contract ranks them.
	var want []search.Suggestion
	for w, n := range counts {
		if strings.Contains(w, "春") && suggestable(w) && (n >= minBodyCount || titleHas(docs, w, x)) {
			want = append(want, search.Suggestion{Text: w, Count: n})
		}
	}
	slices.SortFunc(want, func(a, b search.Suggestion) int {
		pa, pb := strings.HasPrefix(a.Text, "春"), strings.HasPrefix(b.Text, "春")
		if pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(utf8.RuneCountInString(a.Text), utf8.RuneCountInString(b.Text)), strings.Compare(a.Text, b.Text))
	})
	// A quarter of the places (at least one) go to infix matches.
	var prefix, infix []search.Suggestion
	for _, s := range want {
		if strings.HasPrefix(s.Text, "春") {
			prefix = append(prefix, s)
		} else {
			infix = append(infix, s)
		}
	}
	slots := max(1, MaxSuggestions/4)
	keep := min(len(prefix), max(MaxSuggestions-len(infix), MaxSuggestions-slots))
	want = append(prefix[:keep], infix...)
	all, err := x.Suggest(ctx, "春", MaxSuggestions)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(all, want[:min(len(want), MaxSuggestions)]) {
		t.Errorf("春: got %v\nwant %v", all, want[:min(len(want), MaxSuggestions)])
	}
	if eight, _ := x.Suggest(ctx, "春", 8); !slices.ContainsFunc(eight, func(s search.Suggestion) bool { return s.Text == "长春" }) {
		t.Errorf("春 (8 places): %v lacks 长春", eight)
	}

	got, err = x.Suggest(ctx, "长", MaxSuggestions)
	if err != nil {
		t.Fatal(err)
	}
	checkSuggestions(t, "长", got, counts)
	if !slices.ContainsFunc(got, func(s search.Suggestion) bool { return s.Text == "长春" }) {
		t.Errorf("长: %v lacks 长春", got)
	}
	got, _ = x.Suggest(ctx, "長春", 3) // traditional, folded
	if len(got) == 0 || got[0].Text != "长春" {
		t.Errorf("長春: %v", got)
	}
	for _, q := range []string{"", "  ", strings.Repeat("春", MaxSuggestRunes+1), "ｚｚｚｚ"} {
		if got, err := x.Suggest(ctx, q, 5); err != nil || got == nil || len(got) != 0 {
			t.Errorf("Suggest(%q) = %v, %v; want an empty list", q, got, err)
		}
	}
	for _, size := range []int{-1, MaxSuggestions + 1} {
		_, err := x.Suggest(ctx, "春", size)
		wantParamError(t, err, "size", "Suggest", size)
	}
}

// TestSuggestBuildsInBackground: before its words are built, Suggest
// answers an empty list and starts building them.
func TestSuggestBuildsInBackground(t *testing.T) {
	x := newTestIndex(t, loadRelevance(t).Docs)
	ctx := context.Background()
	got, err := x.Suggest(ctx, "长春", 0)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("before the build: %v, %v", got, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(got) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the background build did not finish")
		}
		time.Sleep(10 * time.Millisecond)
		if got, err = x.Suggest(ctx, "长春", 0); err != nil {
			t.Fatal(err)
		}
	}
	if got[0].Text != "长春" && !strings.HasPrefix(got[0].Text, "长春") {
		t.Errorf("长春: %v", got)
	}
}

func titleHas(docs []article.Article, w string, x *Index) bool {
	for _, a := range docs {
		for _, tok := range x.seg.Tokenize(a.Title, segment.ModeIndex) {
			if tok.Term == w {
				return true
			}
		}
	}
	return false
}

// checkSuggestions: each contains q, prefix matches first, each group by
// count, then shorter, and counts are document frequencies.
func checkSuggestions(t *testing.T, q string, got []search.Suggestion, counts map[string]uint64) {
	t.Helper()
	for i, s := range got {
		if !strings.Contains(s.Text, q) {
			t.Errorf("%s: %q does not contain it", q, s.Text)
		}
		if s.Count != counts[s.Text] {
			t.Errorf("%s: %q counted %d, occurs in %d", q, s.Text, s.Count, counts[s.Text])
		}
		if i == 0 {
			continue
		}
		p, cur := got[i-1], s
		pp, cp := strings.HasPrefix(p.Text, q), strings.HasPrefix(cur.Text, q)
		if !pp && cp {
			t.Errorf("%s: prefix match %q after infix %q", q, cur.Text, p.Text)
		}
		if pp == cp && (p.Count < cur.Count || p.Count == cur.Count && utf8.RuneCountInString(p.Text) > utf8.RuneCountInString(cur.Text)) {
			t.Errorf("%s: %v before %v", q, p, cur)
		}
	}
}

// TestRelatedSameAfterMerge asks for the related articles of one article,
// merges every segment of the index into one, and asks again: the same
// articles in the same order (Bleve's own field statistics change with
// the segments).
func TestRelatedSameAfterMerge(t *testing.T) {
	docs := loadSample(t)
	x := newTestIndex(t, nil)
	applyAll(t, x, docs, 40) // many segments
	ctx := context.Background()
	self := docs[len(docs)/2].ID
	before, err := x.Related(ctx, self, 10)
	if err != nil {
		t.Fatal(err)
	}
	adv, err := x.bleve.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		t.Fatalf("not a scorch index: %T", adv)
	}
	if err := s.ForceMerge(ctx, &mergeplan.MergePlanOptions{MaxSegmentsPerTier: 1, MaxSegmentSize: 1 << 30, TierGrowth: 10, SegmentsPerMergeTask: 1 << 10, FloorSegmentSize: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	after, err := x.Related(ctx, self, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(before.Hits) == 0 || ids(before.Hits) != ids(after.Hits) {
		t.Errorf("related before the merge: %s\nafter: %s", ids(before.Hits), ids(after.Hits))
	}
}
