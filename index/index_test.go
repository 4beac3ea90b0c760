package index

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
)

type relevanceFile struct {
	Docs  []article.Article `json:"docs"`
	Cases []struct {
		Name    string   `json:"name"`
		Q       string   `json:"q"`
		From    string   `json:"from"`
		To      string   `json:"to"`
		Section string   `json:"section"`
		Region  string   `json:"region"`
		Substr  bool     `json:"substr"`
		Want    []string `json:"want"`
		First   string   `json:"first"`
		// SubstrOnly, when given, is the count of articles found only
		// inside other words.
		SubstrOnly *uint64 `json:"substr_only"`
	} `json:"cases"`
}

func loadRelevance(t testing.TB) relevanceFile {
	t.Helper()
	raw, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var rf relevanceFile
	if err := json.Unmarshal(raw, &rf); err != nil {
		t.Fatal(err)
	}
	return rf
}

// newTestIndex creates a real Bleve index on disk holding docs.
func newTestIndex(t testing.TB, docs []article.Article) *Index {
	t.Helper()
	return newTestIndexWith(t, Options{}, docs)
}

// newTestIndexWith is newTestIndex with options.
func newTestIndexWith(t testing.TB, opts Options, docs []article.Article) *Index {
	t.Helper()
	x, err := Open(filepath.Join(t.TempDir(), "index"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	applyAll(t, x, docs, len(docs))
	return x
}

// applyAll indexes docs in batches of batch, with sequences 1, 2, ….
func applyAll(t testing.TB, x *Index, docs []article.Article, batch int) {
	t.Helper()
	for i := 0; i < len(docs); i += max(batch, 1) {
		var changes []Change
		for j := i; j < min(i+batch, len(docs)); j++ {
			changes = append(changes, Change{Seq: uint64(j + 1), ID: docs[j].ID, Article: &docs[j]})
		}
		if err := x.Apply(context.Background(), changes); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRelevanceCases(t *testing.T) {
	rf := loadRelevance(t)
	x := newTestIndex(t, rf.Docs)
	for _, c := range rf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			res, err := x.Search(context.Background(), search.Request{Query: c.Q, From: c.From, To: c.To, Sections: nonEmpty(c.Section), Regions: nonEmpty(c.Region), Substr: c.Substr, CountSubstr: true, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if int(res.Total) != len(got) {
				t.Errorf("total %d but %d hits", res.Total, len(got))
			}
			if !sameSet(got, c.Want) {
				t.Errorf("q=%q: got %v, want %v", c.Q, got, c.Want)
			}
			if c.SubstrOnly != nil && res.SubstrOnly != *c.SubstrOnly {
				t.Errorf("q=%q: substr_only %d, want %d", c.Q, res.SubstrOnly, *c.SubstrOnly)
			}
			if c.First != "" && (len(got) == 0 || got[0] != c.First) {
				t.Errorf("q=%q: first hit %v, want %s", c.Q, got, c.First)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestHighlights(t *testing.T) {
	rf := loadRelevance(t)
	x := newTestIndex(t, rf.Docs)
	cases := []struct {
		q, id, title, bodyContains string
	}{
		{"长春市", "cc-gov", "<mark>长春市</mark>人民政府发布冬季供暖新规", "电  <mark>长春市</mark>人民政府发布通知"},
		{"长春", "trad", "<mark>長春</mark>經濟發展迅速", "<mark>長春</mark>市政府表示"},
		{"IBM 2024", "fullwidth", "<mark>ＩＢＭ</mark>公布<mark>２０２４</mark>年计划", "<mark>ＩＢＭ</mark>表示"},
		{"\"政府发布\"", "cc-gov", "长春市人民<mark>政府发布</mark>冬季供暖新规", "人民<mark>政府发布</mark>通知"},
		{"春天", "repeat", "<mark>春天</mark>的故事", "<mark>春天</mark>来了。<mark>春天</mark>来了，<mark>春天</mark>真的来了。"},
	}
	for _, c := range cases {
		res, err := x.Search(context.Background(), search.Request{Query: c.q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		var hit *search.Hit
		for i := range res.Hits {
			if res.Hits[i].ID == c.id {
				hit = &res.Hits[i]
			}
		}
		if hit == nil {
			t.Fatalf("q=%q: %s not found", c.q, c.id)
		}
		if hit.Highlights.Title != c.title {
			t.Errorf("q=%q title highlight = %q, want %q", c.q, hit.Highlights.Title, c.title)
		}
		found := false
		for _, s := range hit.Highlights.Body {
			found = found || strings.Contains(s, c.bodyContains)
		}
		if !found {
			t.Errorf("q=%q body highlights %q lack %q", c.q, hit.Highlights.Body, c.bodyContains)
		}
	}
}

func TestBadParameters(t *testing.T) {
	x := newTestIndex(t, nil)
	cases := []struct {
		req   search.Request
		param string
	}{
		{search.Request{From: "2019-13-01"}, "from"},
		{search.Request{To: "yesterday"}, "to"},
		{search.Request{From: "2020-01-02", To: "2020-01-01"}, "to"},
		{search.Request{Size: 1000}, "size"},
		{search.Request{Size: -1}, "size"},
		{search.Request{Page: -2}, "page"},
		{search.Request{Page: 5000, Size: 100}, "page"},
		{search.Request{Query: strings.Repeat("长春 ", 200)}, "q"},
		{search.Request{Query: strings.Repeat("春 ", MaxClauses+1)}, "q"}, // too many clauses
		{search.Request{Query: "经济发展规划 社会进步力量 人民生活水平 文化繁荣时代 科技创新能力 教育公平机会 医疗卫生体系 生态环境保护 国防建设任务 外交政策目标 城乡统筹方案 对外开放格局"}, "q"}, // 36 words
		{search.Request{Page: math.MaxInt, Size: 2}, "page"},
		{search.Request{To: "9999-12-31"}, "to"},
		{search.Request{From: "1600-01-01"}, "from"},
	}
	for _, c := range cases {
		_, err := x.Search(context.Background(), c.req)
		var pe *search.ParamError
		if !errors.As(err, &pe) || pe.Param != c.param || !errors.Is(err, search.ErrBadRequest) {
			t.Errorf("%+v: err %v, want a ParamError for %s", c.req, err, c.param)
		}
	}
}

func TestPagingAndSortByDateWithoutQuery(t *testing.T) {
	rf := loadRelevance(t)
	x := newTestIndex(t, rf.Docs)
	var all []search.Hit
	for page := 1; page <= (len(rf.Docs)+2)/3; page++ {
		res, err := x.Search(context.Background(), search.Request{Page: page, Size: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != uint64(len(rf.Docs)) {
			t.Fatalf("total %d, want %d", res.Total, len(rf.Docs))
		}
		all = append(all, res.Hits...)
	}
	if len(all) != len(rf.Docs) {
		t.Fatalf("paged through %d hits, want %d", len(all), len(rf.Docs))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Date < all[i].Date {
			t.Errorf("hit %d (%s) is older than hit %d (%s): want newest first", i-1, all[i-1].Date, i, all[i].Date)
		}
	}
}

func TestReopenAndVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := article.Article{ID: "x", Date: "2020-01-01", Title: "长春"}
	if err := x.Apply(context.Background(), []Change{{Seq: 7, ID: "x", Article: &a}}); err != nil {
		t.Fatal(err)
	}
	x.Close()

	x, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if seq, _ := x.Seq(); seq != 7 {
		t.Errorf("seq after reopen = %d, want 7", seq)
	}
	if n, _ := x.Count(); n != 1 {
		t.Errorf("count after reopen = %d, want 1", n)
	}
	x.Close()
	// Opened while the data directory's dictionary says otherwise, the
	// index keeps the dictionary it was built with (its copy), so it goes
	// on answering as it indexed until a rebuild replaces it.
	_, built := x.Version()
	y, err := Open(dir, Options{UserDict: []byte("娘家人服务 100 n\n")})
	if err != nil {
		t.Fatalf("open with another user dictionary: %v", err)
	}
	if _, got := y.Version(); got != built {
		t.Errorf("reopened under another dictionary: analyzer %s, want the one it was built with, %s", got, built)
	}
	y.Close()
	// One whose record of its versions is from elsewhere or gone is
	// refused with advice.
	os.WriteFile(filepath.Join(dir, metaFile), []byte(`{"layout":"baosou-index-1","analyzer":"old"}`), 0o644)
	if _, err = Open(dir, Options{}); !errors.Is(err, ErrVersion) || !strings.Contains(err.Error(), "baosou rebuild") {
		t.Errorf("open older index: %v, want ErrVersion telling to run baosou rebuild", err)
	}
	os.Remove(filepath.Join(dir, metaFile))
	if _, err = Open(dir, Options{}); !errors.Is(err, ErrVersion) {
		t.Errorf("open index without %s: %v, want ErrVersion", metaFile, err)
	}
}

// An operator's user dictionary changes how the index cuts text: a new
// word stays whole, and the query side cuts it the same way.
func TestUserDictionary(t *testing.T) {
	user := []byte("# 运营方词典\n娘家人服务站 2000 n\n")
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{UserDict: user})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	plain, err := Segmenter(nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Version() == x.seg.Version() {
		t.Fatal("a user dictionary must change the analyzer version")
	}
	terms := func(toks []segment.Token) (out []string) {
		for _, t := range toks {
			out = append(out, t.Term)
		}
		return out
	}
	if got := terms(plain.Tokenize("娘家人服务站", segment.ModeQuery)); slices.Contains(got, "娘家人服务站") {
		t.Fatalf("without the user dictionary the word is already whole: %v", got)
	}
	toks, err := x.Analyze(context.Background(), "娘家人服务站", "index")
	if err != nil || len(toks) == 0 || toks[0].Term != "娘家人服务站" {
		t.Errorf("index analysis with the user dictionary: %+v %v", toks, err)
	}
	a := article.Article{ID: "u", Date: "2017-09-15", Title: "宽城区娘家人服务站开门"}
	if err := x.Apply(context.Background(), []Change{{Seq: 1, ID: "u", Article: &a}}); err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(context.Background(), search.Request{Query: "娘家人服务站"})
	if err != nil || res.Total != 1 || res.Hits[0].Highlights.Title != "宽城区<mark>娘家人服务站</mark>开门" {
		t.Errorf("search with the user dictionary: %+v %v", res, err)
	}
}

func TestDeleteChange(t *testing.T) {
	rf := loadRelevance(t)
	x := newTestIndex(t, rf.Docs)
	if err := x.Apply(context.Background(), []Change{{Seq: 100, ID: "trad"}}); err != nil {
		t.Fatal(err)
	}
	res, _ := x.Search(context.Background(), search.Request{Query: `"經濟發展迅速"`})
	if res.Total != 0 {
		t.Errorf("deleted article still found: %d hits", res.Total)
	}
}

// TestSubstringWordOrAcross checks both ways a string of three or more
// characters is found: as a word of the article (人民大学 in
// 中国人民大学招生), and across the article's word boundaries (人民|大学生),
// where only the bigram positions tell; and that bigrams present apart
// (人民 … 大学) are not taken for the string.
func TestSubstringWordOrAcross(t *testing.T) {
	docs := []article.Article{
		{ID: "word", Newspaper: "人民日报", Date: "2020-01-01", Title: "中国人民大学招生"},
		{ID: "across", Newspaper: "人民日报", Date: "2020-01-02", Title: "中国人民大学生志愿者"},
		{ID: "apart", Newspaper: "人民日报", Date: "2020-01-03", Title: "人民的大学", Body: []string{"人民满意的大学。"}},
		{ID: "trad", Newspaper: "人民日报", Date: "2020-01-04", Title: "人民大學生活"},
	}
	x := newTestIndex(t, docs)
	cases := []struct {
		q    string
		want []string
	}{
		{`"人民大学"`, []string{"word", "across", "trad"}},
		{`"人民大学生"`, []string{"across", "trad"}},
		{`"民大学生志"`, []string{"across"}},
		{"人民大学", []string{"word", "apart", "trad"}}, // unquoted: its words 人民 and 大学, as words
		{`"的大学"`, []string{"apart"}},
	}
	for _, c := range cases {
		res, err := x.Search(context.Background(), search.Request{Query: c.q, Size: 50, CountSubstr: true})
		if err == nil && c.q == "人民大学" {
			// 大学 inside 大学生 is not a word of its own: found on request.
			sub, err := x.Search(context.Background(), search.Request{Query: c.q, Size: 50, Substr: true, CountSubstr: true})
			if plain, _ := x.Search(context.Background(), search.Request{Query: c.q}); plain.SubstrOnly != 0 {
				t.Errorf("q=%s: substr_only %d counted without CountSubstr", c.q, plain.SubstrOnly)
			}
			if err != nil || sub.Total != 4 || res.Total != 3 || sub.SubstrOnly != 1 || res.SubstrOnly != 1 {
				t.Errorf("q=%s substr: %d (%v), default %d, substr_only %d", c.q, sub.Total, err, res.Total, res.SubstrOnly)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if !sameSet(got, c.want) || int(res.Total) != len(c.want) {
			t.Errorf("q=%s: got %v (total %d), want %v", c.q, got, res.Total, c.want)
		}
	}
}

// TestDateFilterEdges checks date ranges, narrow ones (which the year
// terms cut first) and wide ones (left to the date filter), at the edges
// of years and with one end open.
func TestDateFilterEdges(t *testing.T) {
	var docs []article.Article
	for _, d := range []string{"1950-01-01", "1999-12-31", "2000-01-01", "2000-12-31", "2030-06-01"} {
		// Distinct texts: identical ones on near dates collapse into one hit.
		docs = append(docs, article.Article{ID: d, Newspaper: "人民日报", Date: d, Title: "长春新闻" + d})
	}
	x := newTestIndex(t, docs)
	cases := []struct {
		from, to string
		want     []string
	}{
		{"2000-01-01", "2000-12-31", []string{"2000-01-01", "2000-12-31"}},
		{"1999-12-31", "2000-01-01", []string{"1999-12-31", "2000-01-01"}},
		{"2000-01-02", "2000-12-30", nil},
		{"1950-01-01", "2030-06-01", []string{"1950-01-01", "1999-12-31", "2000-01-01", "2000-12-31", "2030-06-01"}},
		{"", "1999-12-31", []string{"1950-01-01", "1999-12-31"}},
		{"2000-12-31", "", []string{"2000-12-31", "2030-06-01"}},
	}
	for _, c := range cases {
		for _, q := range []string{"长春", ""} {
			res, err := x.Search(context.Background(), search.Request{Query: q, From: c.from, To: c.to, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if !sameSet(got, c.want) {
				t.Errorf("q=%q from %q to %q: got %v, want %v", q, c.from, c.to, got, c.want)
			}
		}
	}
}

// TestDeadline checks that a search that outlives its deadline stops with
// ErrUnavailable (503 at the server), not a server error.
func TestDeadline(t *testing.T) {
	x := newTestIndexWith(t, Options{Timeout: time.Nanosecond}, loadRelevance(t).Docs)
	_, err := x.Search(context.Background(), search.Request{Query: "长春"})
	if !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("search past its deadline: err %v, want ErrUnavailable", err)
	}
}

// nonEmpty is s as a one-value filter, or no filter.
func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
