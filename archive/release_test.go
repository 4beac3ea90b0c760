package archive

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Pages released all through an ingest and a rebuild (every millisecond,
// while Badger and Bleve write through their maps) cost nothing that was
// written: the same articles are stored and found, before and after a
// reopen.
func TestIngestReleasingPagesKeepsData(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, func(c *Config) { c.ReleaseEvery = time.Millisecond })
	ingestSample(t, a)
	if n, err := a.Rebuild(context.Background()); err != nil || n != 20 {
		t.Fatalf("rebuild: %d articles, %v", n, err)
	}
	want := map[string][]string{}
	for _, q := range []string{"春节", "道德模范", "长春", "习近平"} {
		if want[q] = ids(t, a, q); len(want[q]) == 0 {
			t.Fatalf("%q: no hits", q)
		}
	}
	a.Close()
	b := openTest(t, dir)
	if st := b.Status(context.Background()); st.IndexArticles != 20 || st.StoreSeq != 20 {
		t.Fatalf("after reopening: %+v", st)
	}
	for q, w := range want {
		got := ids(t, b, q)
		if !slices.Equal(got, w) {
			t.Errorf("%q after reopening: %v, want %v", q, got, w)
		}
		for _, id := range got {
			if _, err := b.Store().Get(context.Background(), id); err != nil {
				t.Errorf("%s: %v", id, err)
			}
		}
	}
}

func TestReleasableIndexDirs(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	got := a.releasableIndexDirs()
	if len(got) != 1 || filepath.Dir(got[0]) != dir {
		t.Errorf("a command releases %v, want the one index directory of %s", got, dir)
	}
	a.cfg.Serves = true
	if got := a.releasableIndexDirs(); got != nil {
		t.Errorf("a server releases %v of the index it searches", got)
	}
}
