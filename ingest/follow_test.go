package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInterruptLeavesIndexToCatchUp interrupts an ingest while the index
// follows the store in the background: every record the store took stays,
// the index is never ahead of the store, and the next catch-up (as the
// next ingest or serve start runs) makes it complete.
func TestInterruptLeavesIndexToCatchUp(t *testing.T) {
	e := openEnv(t, t.TempDir())
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, `{"newspaper":"人民日报","date":"2020-01-%02d","page":"%02d","title":"第%d篇 长春冰雪旅游","body":"长春市今年冰雪旅游人数增长。第%d段。"}`+"\n", i%28+1, i%20+1, i, i)
	}
	path := filepath.Join(t.TempDir(), "many.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for {
			if last, _ := e.st.LastSeq(); last >= 600 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	in := &Ingester{Store: e.st, Index: e.idx}
	_, err := in.Run(ctx, []string{path})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted ingest: err %v, want context.Canceled", err)
	}
	last, err := e.st.LastSeq()
	if err != nil {
		t.Fatal(err)
	}
	seq, err := e.idx.Seq()
	if err != nil {
		t.Fatal(err)
	}
	if seq > last || last < 600 {
		t.Fatalf("after the interrupt: index at %d, store at %d", seq, last)
	}
	if err := CatchUp(context.Background(), e.st, e.idx); err != nil {
		t.Fatal(err)
	}
	n, err := e.idx.Count()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := e.st.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != uint64(stored) {
		t.Fatalf("after catching up: %d indexed, %d stored", n, stored)
	}
}
