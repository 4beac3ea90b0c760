package archive

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

const sample = "testdata/rmrb-20.jsonl" // 20 人民日报 articles, 2019-02

func openTest(t *testing.T, dir string, mutate ...func(*Config)) *Archive {
	t.Helper()
	cfg := Config{Dir: dir, Create: true}
	for _, m := range mutate {
		m(&cfg)
	}
	a, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func ingestSample(t *testing.T, a *Archive) {
	t.Helper()
	sum, err := a.IngestFiles(context.Background(), []string{sample}, false)
	if err != nil || sum.Added != 20 {
		t.Fatalf("ingest: %+v %v", sum, err)
	}
}

func total(t *testing.T, a *Archive, q string) uint64 {
	t.Helper()
	res, err := a.Searcher().Search(context.Background(), search.Request{Query: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return res.Total
}

func ids(t *testing.T, a *Archive, q string) []string {
	t.Helper()
	res, err := a.Searcher().Search(context.Background(), search.Request{Query: q, Size: 100})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// terms returns how the serving index cuts text at query time.
func terms(t *testing.T, a *Archive, text string) []string {
	t.Helper()
	toks, err := a.Analyzer().Analyze(context.Background(), text, "query")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tk := range toks {
		out = append(out, tk.Text)
	}
	return out
}

func indexDirs(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "index*"))
	var out []string
	for _, p := range m {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			out = append(out, filepath.Base(p))
		}
	}
	return out
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
