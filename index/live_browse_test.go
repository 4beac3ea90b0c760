package index

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

// The Live index browses, suggests and relates on its current index, and
// a swap under them, with a suggestion build under way, fails none.
func TestLiveBrowseSwaps(t *testing.T) {
	mk := func(day string) *Index {
		x, err := Open(filepath.Join(t.TempDir(), "index"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		arts := []article.Article{
			{ID: "a", Newspaper: "人民日报", Date: day, Page: "01", Title: "春节长春冰雪旅游", Body: []string{"长春冰雪旅游火热。"}},
			{ID: "b", Newspaper: "人民日报", Date: day, Page: "02", Title: "吉林冰雪旅游", Body: []string{"吉林冰雪旅游火热。"}},
		}
		applyAll(t, x, arts, 2)
		return x
	}
	ctx := context.Background()
	live := NewLive(mk("2019-01-01"))
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 30 {
				if _, err := live.Papers(ctx); err != nil {
					errs <- err
				}
				if _, err := live.Calendar(ctx, "人民日报", "2019-01"); err != nil {
					errs <- err
				}
				if _, err := live.Related(ctx, "a", 0); err != nil {
					errs <- err
				}
				if _, err := live.Suggest(ctx, "冰", 0); err != nil {
					errs <- err
				}
			}
		}()
	}
	for range 2 {
		live.WarmSuggestions()
		if _, err := live.Replace(mk("2019-01-01")); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("during swaps: %v", err)
	}
	is, err := live.Issue(ctx, "人民日报", "2019-01-01")
	if err != nil || len(is.Pages) != 2 {
		t.Errorf("issue: %+v %v", is, err)
	}
	live.Close()
	if _, err := live.Papers(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("papers without an index: %v", err)
	}
	if _, err := live.Suggest(ctx, "冰", 0); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("suggest without an index: %v", err)
	}
}
