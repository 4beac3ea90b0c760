package archive

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A start defers counting the store and building suggestions until the
// first search is answered; the count is right whichever comes first, the
// deferred work or a write.
func TestStartDefersCountUntilFirstSearch(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	a.Close()

	b := openTest(t, dir, func(c *Config) { c.Create = false })
	b.Suggester()
	if b.woken() {
		t.Fatal("deferred start-up work began before any search")
	}
	if n := total(t, b, "习近平"); n == 0 {
		t.Fatal("no hits")
	}
	if !b.woken() {
		t.Fatal("the first search did not start the deferred work")
	}
	waitFor(t, 10*time.Second, "the stored articles counted", func() bool { return b.Status(context.Background()).StoreArticles == 20 })
	b.Close()

	// A write before the deferred work counts first, so its own change is
	// neither lost nor counted twice.
	c := openTest(t, dir, func(c *Config) { c.Create = false })
	n, err := c.Delete(context.Background(), ids(t, c, "习近平")[:1])
	if err != nil || n != 1 {
		t.Fatalf("delete: %d %v", n, err)
	}
	if got := c.Status(context.Background()).StoreArticles; got != 19 {
		t.Fatalf("after a take-down before the count: %d stored, want 19", got)
	}
}

// A start with a segmenter snapshot in the cache loads it; a start without
// one (or with a damaged one) loads the dictionaries and writes it.
func TestStartKeepsSegmenterSnapshot(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	snaps, _ := filepath.Glob(filepath.Join(dir, CacheDir, "segmenter-*.snap"))
	// The segmenter may have been loaded by an earlier test in this
	// process, so only its version's file name is checked, not that it
	// was written here.
	analyzer := a.Status(context.Background()).IndexAnalyzer
	a.Close()
	for _, s := range snaps {
		if filepath.Base(s) != "segmenter-"+analyzer+".snap" {
			t.Errorf("unexpected snapshot %s", s)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, CacheDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CacheDir, "segmenter-"+analyzer+".snap"), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := openTest(t, dir, func(c *Config) { c.Create = false })
	if n := total(t, b, "习近平"); n == 0 {
		t.Fatal("no hits after a start with a damaged snapshot")
	}
}
