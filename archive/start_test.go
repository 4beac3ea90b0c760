package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/segment"
	"github.com/baosou/baosou/store"
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

// A start with a damaged segmenter snapshot in the cache still answers.
// (Whether a snapshot is used is index's test: in this process the
// segmenter may already be loaded.)
func TestStartPastDamagedSegmenterSnapshot(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	analyzer := a.Status(context.Background()).IndexAnalyzer
	a.Close()
	snaps, _ := filepath.Glob(filepath.Join(dir, CacheDir, "segmenter-*.snap"))
	for _, p := range snaps {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if s, err := segment.DecodeSnapshot(data); err != nil || s.Version() != analyzer {
			t.Errorf("snapshot %s: %v, want one of %s", p, err, analyzer)
		}
	}
	h := sha256.Sum256(nil)
	snaps = append(snaps, filepath.Join(dir, CacheDir, "segmenter-"+hex.EncodeToString(h[:8])+".snap"))
	if err := os.MkdirAll(filepath.Join(dir, CacheDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range snaps {
		if err := os.WriteFile(p, []byte("damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := openTest(t, dir, func(c *Config) { c.Create = false })
	if n := total(t, b, "习近平"); n == 0 {
		t.Fatal("no hits after a start with a damaged snapshot")
	}
}

// A second open of a data directory in use fails with the store's error,
// having opened the index beside the store, and the first keeps serving.
func TestSecondOpenRefusedFirstServes(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	want := total(t, a, "习近平")
	_, err := Open(context.Background(), Config{Dir: dir})
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("second open: %v, want store.ErrLocked", err)
	}
	if got := total(t, a, "习近平"); got != want || want == 0 {
		t.Fatalf("after the refused open: %d hits, before %d", got, want)
	}
}

// A start opens the index beside the store and serves it, caught up.
func TestStartOpensIndexBesideStore(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	want := total(t, a, "习近平")
	a.Close()
	var log bytes.Buffer
	b := openTest(t, dir, func(c *Config) {
		c.Create = false
		c.Log = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	if !strings.Contains(log.String(), `msg="start: index opened beside the store"`) || b.early != nil {
		t.Fatalf("the index was not opened beside the store, or not taken; log:\n%s", log.String())
	}
	if got := total(t, b, "习近平"); got != want || want == 0 {
		t.Fatalf("after a start: %d hits, before %d", got, want)
	}
}
