package index

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

// A search runs only with a turn: while every turn is taken, a search
// waits (and answers ErrUnavailable when its time runs out waiting); it
// runs as soon as a turn is free.
func TestSearchTakesTurns(t *testing.T) {
	x := newTestIndexWith(t, Options{Searches: 1, Timeout: time.Second}, loadRelevance(t).Docs)
	ctx := context.Background()
	req := search.Request{Query: "长春"}
	done, err := x.turn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Search(ctx, req); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("with the only turn taken: %v, want ErrUnavailable once the search's time ran out", err)
	}
	answered := make(chan error, 1)
	go func() {
		res, err := x.Search(ctx, req)
		if err == nil && res.Total == 0 {
			err = errors.New("no hits")
		}
		answered <- err
	}()
	select {
	case err := <-answered:
		t.Fatalf("a search ran without a turn: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	done()
	if err := <-answered; err != nil {
		t.Fatalf("once the turn was free: %v", err)
	}
}

func TestOpenRefusesNegativeSearches(t *testing.T) {
	if _, err := Open(t.TempDir()+"/index", Options{Searches: -1}); err == nil {
		t.Fatal("Open with Searches -1: no error")
	}
}
