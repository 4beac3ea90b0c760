package index

import (
	"context"
	"path/filepath"
	"runtime"
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
		if _, err := live.Replace(mk("新索引里的标题")); err != nil {
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
