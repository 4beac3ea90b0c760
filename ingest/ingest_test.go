package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/store"
)

type env struct {
	dir string
	st  *store.Store
	idx *index.Index
}

func openEnv(t *testing.T, dir string) *env {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "store"), nil)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	e := &env{dir: dir, st: st, idx: idx}
	t.Cleanup(e.close)
	return e
}

func (e *env) close() {
	if e.idx != nil {
		e.idx.Close()
		e.st.Close()
		e.idx, e.st = nil, nil
	}
}

func (e *env) ingest(t *testing.T, strict bool, paths ...string) (Summary, error) {
	t.Helper()
	gaz, err := region.Default()
	if err != nil {
		t.Fatal(err)
	}
	in := &Ingester{Store: e.st, Index: e.idx, Tagger: gaz, Strict: strict}
	return in.Run(context.Background(), paths)
}

func TestIngestReportsBadLinesAndKeepsTheRest(t *testing.T) {
	e := openEnv(t, t.TempDir())
	sum, err := e.ingest(t, false, "testdata/mixed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 3 || sum.Rejected != 6 {
		t.Errorf("summary %+v, want 3 added, 6 rejected", sum)
	}
	wantLines := map[int]string{2: "invalid JSON", 3: "date is missing", 5: "not YYYY-MM-DD", 7: "neither title nor body", 8: "authors", 9: "invalid JSON"}
	for _, p := range sum.Problems {
		want, ok := wantLines[p.Line]
		if !ok || p.File != "testdata/mixed.jsonl" || !strings.Contains(p.Err, want) {
			t.Errorf("problem %v: want file testdata/mixed.jsonl and line in %v", p, wantLines)
		}
		delete(wantLines, p.Line)
	}
	if len(wantLines) > 0 {
		t.Errorf("lines not reported: %v", wantLines)
	}
	a, err := e.st.Get(context.Background(), "given-1")
	if err != nil || a.Title != "给定编号" {
		t.Errorf("given id: %+v %v", a, err)
	}
	res, err := e.idx.Search(context.Background(), search.Request{Query: "数字版次"})
	if err != nil || res.Total != 1 || res.Hits[0].Page != "3" || res.Hits[0].Authors[0] != "杜一菲" {
		t.Errorf("numeric page / authors array: %+v %v", res, err)
	}
	res, _ = e.idx.Search(context.Background(), search.Request{Query: "长春市人民政府"})
	if res.Total != 1 || !slicesContain(res.Hits[0].Regions, "吉林省/长春市") {
		t.Errorf("region tags of the 长春 article: %+v", res.Hits)
	}
}

func slicesContain(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestStrictStopsAtFirstProblemKeepingEarlierArticles(t *testing.T) {
	e := openEnv(t, t.TempDir())
	sum, err := e.ingest(t, true, "testdata/mixed.jsonl")
	if !errors.Is(err, errStrict) || !strings.Contains(err.Error(), "mixed.jsonl line 2") {
		t.Fatalf("strict: err %v, want the line 2 error", err)
	}
	if sum.Added != 1 {
		t.Errorf("strict: added %d before the bad line, want 1", sum.Added)
	}
	if n, _ := e.idx.Count(); n != 1 {
		t.Errorf("strict: index holds %d, want the 1 article accepted before the error", n)
	}
}

func TestReingestIsUnchangedAndGzipEqualsPlain(t *testing.T) {
	e := openEnv(t, t.TempDir())
	sum, err := e.ingest(t, false, "testdata/rmrb-20.jsonl")
	if err != nil || sum.Added != 20 {
		t.Fatalf("first ingest %+v %v", sum, err)
	}
	sum, err = e.ingest(t, false, "testdata/rmrb-20.jsonl.gz")
	if err != nil || sum.Unchanged != 20 || sum.Added+sum.Updated != 0 {
		t.Fatalf("gzip re-ingest %+v %v, want 20 unchanged", sum, err)
	}
	if n, _ := e.st.Count(context.Background()); n != 20 {
		t.Errorf("store count %d, want 20", n)
	}
	if n, _ := e.idx.Count(); n != 20 {
		t.Errorf("index count %d, want 20", n)
	}
}

func TestFolderWalkAndFileErrors(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile("testdata/rmrb-20.jsonl")
	os.MkdirAll(filepath.Join(dir, "in", "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "in", "sub", "a.ndjson"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "in", "notes.md"), []byte("ignored"), 0o644)
	os.WriteFile(filepath.Join(dir, "in", "broken.jsonl.gz"), []byte("not gzip"), 0o644)
	e := openEnv(t, filepath.Join(dir, "data"))
	sum, err := e.ingest(t, false, filepath.Join(dir, "in"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 2 || sum.Added != 20 || sum.Rejected != 1 || !strings.Contains(sum.Problems[0].String(), "broken.jsonl.gz: not a gzip file") {
		t.Errorf("summary %+v", sum)
	}
	if _, err := e.ingest(t, false, filepath.Join(dir, "missing.jsonl")); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing path: %v", err)
	}
}

// A run that stopped after writing the store but before indexing (as a
// SIGKILL can) is repaired by the next run: nothing lost, nothing doubled.
func TestCatchUpAfterStoreOnlyWrite(t *testing.T) {
	dir := t.TempDir()
	e := openEnv(t, dir)
	if _, err := e.ingest(t, false, "testdata/rmrb-20.jsonl"); err != nil {
		t.Fatal(err)
	}
	// Write straight to the store, as if the process died before indexing.
	extra, _ := e.st.Get(context.Background(), firstID(t, e))
	extra.ID, extra.Title = "late", "迟到的文章标题"
	if _, err := e.st.Put(context.Background(), []*article.Article{extra}); err != nil {
		t.Fatal(err)
	}
	e.close()

	e = openEnv(t, dir)
	sum, err := e.ingest(t, false, "testdata/rmrb-20.jsonl")
	if err != nil || sum.Unchanged != 20 {
		t.Fatalf("%+v %v", sum, err)
	}
	if n, _ := e.idx.Count(); n != 21 {
		t.Errorf("index count %d, want 21", n)
	}
	res, _ := e.idx.Search(context.Background(), search.Request{Query: "迟到的文章标题"})
	if res.Total != 1 {
		t.Errorf("late article found %d times, want 1", res.Total)
	}
}

func firstID(t *testing.T, e *env) string {
	var id string
	e.st.Scan(context.Background(), func(a *article.Article) error {
		if id == "" {
			id = a.ID
		}
		return nil
	})
	return id
}

// A gzip file cut short mid-stream keeps the records read before the cut
// and reports the file.
func TestTruncatedGzipKeepsWhatWasRead(t *testing.T) {
	data, err := os.ReadFile("testdata/rmrb-20.jsonl.gz")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	os.WriteFile(path, data[:len(data)*2/3], 0o644)
	e := openEnv(t, t.TempDir())
	sum, err := e.ingest(t, false, path)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rejected != 1 || sum.Added == 0 || sum.Added >= 20 || !strings.Contains(sum.Problems[0].Err, "unexpected EOF") {
		t.Errorf("summary %+v: want some articles added and the file reported", sum)
	}
	if n, _ := e.idx.Count(); int(n) != sum.Added {
		t.Errorf("index holds %d, want the %d added", n, sum.Added)
	}
}

// seedPageDir returns a new folder holding the seed page, an e-paper
// article page, as seed.txt.
func seedPageDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seed, err := os.ReadFile("../testdata/sample/zgfnb-2017-09-15-zhzx.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644)
	return dir
}

func TestIngestEpaperPages(t *testing.T) {
	dir := seedPageDir(t)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "binary.html"), []byte{0, 1, 2, 0xff, 0xfe, 0, 0, 9}, 0o644)
	e := openEnv(t, filepath.Join(t.TempDir(), "data"))
	sum, err := e.ingest(t, false, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 || sum.Rejected != 2 || sum.Files != 3 {
		t.Fatalf("summary %+v", sum)
	}
	for _, p := range sum.Problems {
		if !strings.Contains(p.String(), "empty.txt") && !strings.Contains(p.String(), "binary.html") {
			t.Errorf("problem %v names neither bad file", p)
		}
	}
	res, err := e.idx.Search(context.Background(), search.Request{Query: "娘家人", Regions: []string{"吉林省/长春市/宽城区"}})
	if err != nil || res.Total != 1 {
		t.Fatalf("seed page not found by title and district: %+v %v", res, err)
	}
	h := res.Hits[0]
	if h.Newspaper != "中国妇女报" || h.Date != "2017-09-15" || h.Section != "综合新闻" || strings.Join(h.Authors, ",") != "徐旭,李亚辉" {
		t.Errorf("seed hit %+v", h)
	}
	if _, err := e.ingest(t, true, dir); err == nil || !strings.Contains(err.Error(), "binary.html") {
		t.Errorf("strict: %v, want the first bad file named", err)
	}
	if n, _ := e.st.Count(context.Background()); n != 1 {
		t.Errorf("store holds %d after the strict failure, want 1", n)
	}
}

// A story printed on two pages is stored once with both pages; different
// stories that share a title (图片报道) stay apart; re-ingesting changes nothing.
func TestReprintsAreMerged(t *testing.T) {
	for _, split := range []bool{false, true} {
		e := openEnv(t, t.TempDir())
		var sum Summary
		if split {
			// The second printing arrives in a later run, from the store.
			lines, _ := os.ReadFile("testdata/reprints.jsonl")
			parts := strings.SplitAfterN(string(lines), "\n", 3)
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(parts[0]+parts[1]), 0o644)
			os.WriteFile(filepath.Join(dir, "b.jsonl"), []byte(parts[2]), 0o644)
			s1, _ := e.ingest(t, false, filepath.Join(dir, "a.jsonl"))
			s2, _ := e.ingest(t, false, filepath.Join(dir, "b.jsonl"))
			sum = Summary{Added: s1.Added + s2.Added, Merged: s1.Merged + s2.Merged, Unchanged: s1.Unchanged + s2.Unchanged}
		} else {
			sum, _ = e.ingest(t, false, "testdata/reprints.jsonl")
		}
		if sum.Added != 3 || sum.Merged != 1 || sum.Unchanged != 0 {
			t.Errorf("split=%v: %+v, want 3 added and 1 merged", split, sum)
		}
		res, _ := e.idx.Search(context.Background(), search.Request{Query: "生态文明建设迈上新台阶"})
		if res.Total != 1 {
			t.Fatalf("split=%v: story found %d times, want once", split, res.Total)
		}
		a, err := e.st.Get(context.Background(), res.Hits[0].ID)
		if err != nil || strings.Join(a.Pages, ",") != "01,04" || a.Page != "01" {
			t.Errorf("split=%v: stored %+v %v, want pages 01,04", split, a, err)
		}
		again, _ := e.ingest(t, false, "testdata/reprints.jsonl")
		if again.Unchanged != 4 || again.Added+again.Updated+again.Merged != 0 {
			t.Errorf("split=%v: re-ingest %+v, want 4 unchanged", split, again)
		}
		if n, _ := e.st.Count(context.Background()); n != 3 {
			t.Errorf("split=%v: store holds %d, want 3", split, n)
		}
	}
}

// A layout page names the sections of its issue's pages; articles of that
// issue get their section from it, in whichever order the two arrive.
func TestLayoutPagesNameSections(t *testing.T) {
	records := `{"newspaper": "人民日报", "date": "2017-10-16", "page": "01", "title": "头版文章", "body": "正文一。"}
{"newspaper": "人民日报", "date": "2017-10-16", "page": "3", "title": "三版文章", "body": "正文三。"}
{"newspaper": "人民日报", "date": "2017-10-17", "page": "01", "title": "次日头版", "body": "正文。"}
`
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "issue.jsonl")
	os.WriteFile(jsonl, []byte(records), 0o644)
	layout := "../epaper/testdata/rmrb_2017-10-16_nbs.D110000renmrb_01.html"
	for _, order := range [][]string{{jsonl, layout}, {layout, jsonl}} {
		e := openEnv(t, t.TempDir())
		var sectioned int
		for _, p := range order {
			sum, err := e.ingest(t, false, p)
			if err != nil || sum.Rejected != 0 {
				t.Fatalf("ingest %s: %+v %v", p, sum, err)
			}
			sectioned += sum.Sectioned
		}
		want := map[string]string{"头版文章": "要闻", "三版文章": "要闻", "次日头版": ""}
		if order[0] == jsonl && sectioned != 2 {
			t.Errorf("layout after articles: %d articles sectioned, want 2", sectioned)
		}
		for title, sec := range want {
			res, _ := e.idx.Search(context.Background(), search.Request{Query: title})
			if res.Total != 1 || res.Hits[0].Section != sec {
				t.Errorf("order %v: %s has section %+v, want %q", order, title, res.Hits, sec)
			}
		}
		res, _ := e.idx.Search(context.Background(), search.Request{Sections: []string{"要闻"}})
		if res.Total != 2 {
			t.Errorf("order %v: section filter finds %d, want 2", order, res.Total)
		}
		again, _ := e.ingest(t, false, layout, jsonl)
		if again.Unchanged != 3 || again.Sectioned+again.Updated+again.Added != 0 {
			t.Errorf("order %v: re-ingest %+v, want 3 unchanged", order, again)
		}
	}
}

// A corrected record under the same id replaces the stored text; the same
// id twice in one run keeps the later record; an oversized article is
// reported with its line and the rest goes in.
func TestCorrectionsAndLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	e := openEnv(t, filepath.Join(dir, "data"))
	first := write("a.jsonl", `{"id":"x1","date":"2020-01-01","title":"原题","subtitle":"副题","body":"原来的正文比较长一些，有错字。"}`+"\n")
	if sum, _ := e.ingest(t, false, first); sum.Added != 1 {
		t.Fatalf("%+v", sum)
	}
	fixed := write("b.jsonl", `{"id":"x1","date":"2020-01-01","title":"原题","body":"更正后的正文。"}`+"\n")
	sum, _ := e.ingest(t, false, fixed)
	a, _ := e.st.Get(context.Background(), "x1")
	if sum.Updated != 1 || a.BodyText() != "更正后的正文。" || a.Subtitle != "副题" {
		t.Errorf("correction: %+v, stored %+v", sum, a)
	}
	twice := write("c.jsonl", `{"id":"x2","date":"2020-01-02","title":"初稿","body":"一。"}`+"\n"+
		`{"id":"x2","date":"2020-01-02","title":"定稿","body":"二。"}`+"\n")
	sum, _ = e.ingest(t, false, twice)
	a, _ = e.st.Get(context.Background(), "x2")
	if sum.Added != 1 || sum.Updated != 1 || a.Title != "定稿" {
		t.Errorf("same id twice: %+v, stored %+v", sum, a)
	}
	if res, _ := e.idx.Search(context.Background(), search.Request{Query: "初稿"}); res.Total != 0 {
		t.Errorf("the first version is still indexed")
	}
	huge := write("d.jsonl", `{"date":"2020-01-03","title":"小","body":"正文。"}`+"\n"+
		`{"date":"2020-01-03","title":"大","body":"`+strings.Repeat("长", MaxArticleBytes/3+1)+`"}`+"\n")
	sum, _ = e.ingest(t, false, huge)
	if sum.Added != 1 || sum.Rejected != 1 || sum.Problems[0].Line != 2 || !strings.Contains(sum.Problems[0].Err, "bytes of text") {
		t.Errorf("oversized article: %+v", sum)
	}
}

// An index that has applied more of the change log than the store holds
// (the store lost its tail in a crash) is reported as ErrAhead, for the
// archive to rebuild it, rather than written on.
func TestCatchUpReportsIndexAheadOfStore(t *testing.T) {
	e := openEnv(t, t.TempDir())
	a := &article.Article{ID: "a", Date: "2020-01-01", Title: "标题"}
	if err := e.idx.Apply(context.Background(), []index.Change{{Seq: 50, ID: "a", Article: a}}); err != nil {
		t.Fatal(err)
	}
	e.st.Put(context.Background(), []*article.Article{a})
	err := CatchUp(context.Background(), e.st, e.idx)
	if !errors.Is(err, ErrAhead) {
		t.Errorf("catch up with the index ahead: %v, want ErrAhead", err)
	}
}

// Two records of one article that differ only in where they came from (the
// corpus has five): the later one is kept, and re-ingesting the file
// reports everything unchanged.
func TestSameArticleTwiceInAFileIsStableOnReingest(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "dup.jsonl")
	os.WriteFile(p, []byte(`{"newspaper":"人民日报","date":"2019-02-01","page":"05","title":"同一篇","body":"正文。","source":"rmrb/20190201-05-01"}
{"newspaper":"人民日报","date":"2019-02-01","page":"05","title":"同一篇","body":"正文。","source":"rmrb/20190201-05-02"}
`), 0o644)
	e := openEnv(t, filepath.Join(dir, "data"))
	sum, _ := e.ingest(t, false, p)
	if sum.Added != 1 || sum.Updated+sum.Unchanged != 1 {
		t.Errorf("first ingest %+v", sum)
	}
	for range 2 {
		if sum, _ := e.ingest(t, false, p); sum.Unchanged != 2 || sum.Added+sum.Updated+sum.Merged != 0 {
			t.Errorf("re-ingest %+v, want 2 unchanged", sum)
		}
	}
}
