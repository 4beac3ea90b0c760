package index

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

// Swapping the live index while searches run fails none of them, and
// searches after the swap see the new index.
func TestLiveSwapFailsNoRequest(t *testing.T) {
	mk := func(title string) *Index {
		x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := article.Article{ID: "a", Date: "2020-01-01", Title: title}
		if err := x.Apply(context.Background(), []Change{{Seq: 1, ID: "a", Article: &a}}); err != nil {
			t.Fatal(err)
		}
		return x
	}
	live := NewLive(mk("旧索引里的标题"))
	var failed, done atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := live.Search(context.Background(), search.Request{Query: "标题"})
				if err != nil || res.Total != 1 {
					failed.Add(1)
				}
				done.Add(1)
			}
		}()
	}
	for range 3 {
		for done.Load() < 50 {
			runtime.Gosched()
		}
		old := live.Swap(mk("新索引里的标题"))
		if err := old.Close(); err != nil {
			t.Fatal(err)
		}
		done.Store(0)
	}
	close(stop)
	wg.Wait()
	if failed.Load() != 0 {
		t.Errorf("%d searches failed during swaps", failed.Load())
	}
	res, err := live.Search(context.Background(), search.Request{Query: "新索引"})
	if err != nil || res.Total != 1 {
		t.Errorf("after the swap: %+v %v", res, err)
	}
	live.Close()
}

// The data directory names its current index in INDEX; without the file it
// is index/. Switching and cleaning up leave exactly the current one.
func TestIndexDirs(t *testing.T) {
	data := t.TempDir()
	cur, err := CurrentDir(data)
	if err != nil || cur != filepath.Join(data, "index") {
		t.Fatalf("default current dir %q %v", cur, err)
	}
	os.MkdirAll(cur, 0o755)
	next := NewDir(data)
	os.MkdirAll(next, 0o755)
	os.MkdirAll(filepath.Join(data, "index-leftover"), 0o755)
	os.MkdirAll(filepath.Join(data, "store"), 0o755)
	if err := MakeCurrent(data, next); err != nil {
		t.Fatal(err)
	}
	if cur, _ := CurrentDir(data); cur != next {
		t.Errorf("current %q, want %q", cur, next)
	}
	if err := RemoveOthers(data, next); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(data)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"INDEX", filepath.Base(next), "store"}; !slices.Equal(names, want) {
		t.Errorf("data directory holds %v, want %v", names, want)
	}
	os.WriteFile(filepath.Join(data, "INDEX"), []byte("../elsewhere\n"), 0o644)
	if _, err := CurrentDir(data); err == nil {
		t.Error("INDEX naming a path outside the data directory was accepted")
	}
}
