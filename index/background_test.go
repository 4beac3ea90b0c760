package index

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// Close waits for the work running in the background and starts no more.
func TestBackgroundCloseWaits(t *testing.T) {
	var b background
	release, ran := make(chan struct{}), make(chan struct{})
	if !b.Go(func() { <-release; close(ran) }) {
		t.Fatal("Go before Close did not start its work")
	}
	closed := make(chan struct{})
	go func() { b.Close(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("Close returned while work was running")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	<-closed
	select {
	case <-ran:
	default:
		t.Fatal("Close returned before the work ended")
	}
	if b.Go(func() { t.Error("work started after Close") }) {
		t.Error("Go after Close reported the work started")
	}
}

// An index's directory can be removed as soon as Close returns, even when
// a suggestion build (which writes its words there) was under way.
func TestCloseLeavesNothingRunning(t *testing.T) {
	docs := loadRelevance(t).Docs
	for i := range 5 {
		dir := filepath.Join(t.TempDir(), "index")
		x, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		applyAll(t, x, docs, len(docs))
		x.refreshSuggestions(nil)
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatalf("round %d: remove the index after Close: %v", i, err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("round %d: %s written again after Close: %v", i, dir, err)
		}
	}
}

// Once starts no second run while one with the same flag runs, and none
// after Close; the flag is clear whenever nothing runs.
func TestBackgroundOnce(t *testing.T) {
	var b background
	var running atomic.Bool
	release, runs := make(chan struct{}), atomic.Int32{}
	b.Once(&running, func() { runs.Add(1); <-release })
	b.Once(&running, func() { runs.Add(1) })
	close(release)
	b.Wait()
	if n := runs.Load(); n != 1 || running.Load() {
		t.Fatalf("%d runs, running %v; want 1 run and the flag clear", n, running.Load())
	}
	b.Once(&running, func() { runs.Add(1) })
	b.Wait()
	if n := runs.Load(); n != 2 {
		t.Fatalf("after the first ended: %d runs, want 2", n)
	}
	b.Close()
	b.Once(&running, func() { t.Error("ran after Close") })
	if running.Load() {
		t.Error("the flag stays set after Close refused the work")
	}
}
