package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baosou/baosou/article"
)

// A pipeline's batches are all searchable, and on disk with their highest
// sequence, once Close returns, whether they went in one or several at a
// time; an article the stream deletes stays deleted.
func TestPipelineDurableInOrder(t *testing.T) {
	for _, depth := range []int{1, 2, 3} {
		t.Run(fmt.Sprint("depth=", depth), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			x, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var applied []uint64
			p := x.Pipeline(context.Background(), func(seq uint64) { applied = append(applied, seq) })
			p.depth = depth
			seq := uint64(0)
			for b := range 5 {
				var changes []Change
				for i := range 3 {
					seq++
					a := article.Article{ID: fmt.Sprintf("a%d-%d", b, i), Date: "2020-01-02", Title: "长春冰雪"}
					changes = append(changes, Change{Seq: seq, ID: a.ID, Article: &a})
				}
				if b == 4 {
					seq++
					changes = append(changes, Change{Seq: seq, ID: "a0-0"}) // deleted since
				}
				if err := p.Add(changes); err != nil {
					t.Fatal(err)
				}
			}
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			if want := []uint64{3, 6, 9, 12, 16}; !slices.Equal(applied, want) {
				t.Errorf("applied %v, want %v", applied, want)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			x, err = Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if got, _ := x.Seq(); got != seq {
				t.Errorf("seq after reopen = %d, want %d", got, seq)
			}
			if n, _ := x.Count(); n != 14 {
				t.Errorf("count after reopen = %d, want 14", n)
			}
		})
	}
}

// After an error no batch is left running, and the error is reported by
// Add or Close.
func TestPipelineCancelled(t *testing.T) {
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	p := x.Pipeline(ctx, nil)
	a := article.Article{ID: "a", Date: "2020-01-02", Title: "长春"}
	if err := p.Add([]Change{{Seq: 1, ID: "a", Article: &a}}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := p.Add([]Change{{Seq: 2, ID: "a", Article: &a}}); err == nil {
		t.Error("Add after cancel: no error")
	}
	if err := p.Close(); err == nil {
		t.Error("Close after cancel: no error")
	}
	if got, _ := x.Seq(); got > 1 {
		t.Errorf("seq = %d after a cancelled pipeline, want at most 1", got)
	}
}
