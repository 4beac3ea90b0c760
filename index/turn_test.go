package index

import (
	"context"
	"errors"
	"slices"
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
	done, err := x.turn(ctx, cheapSearch)
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

// waitFor polls until n searches wait for a turn.
func waitFor(t *testing.T, tu *turns, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		tu.mu.Lock()
		got := tu.waiting.Len()
		tu.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("%d searches never came to wait", n)
}

func TestTurnsGoToTheDueFirst(t *testing.T) {
	for _, tc := range []struct {
		name   string
		costly time.Duration // how much longer the costly kind has taken
		gap    time.Duration // between arrivals
		kinds  []searchKind  // in order of arrival
		want   []searchKind  // in order of turns
	}{
		{"the cheap first", 50 * time.Millisecond, 0, []searchKind{costlySearch, cheapSearch, costlySearch, cheapSearch}, []searchKind{cheapSearch, cheapSearch, costlySearch, costlySearch}},
		{"arrival order when both kinds take as long", 0, 0, []searchKind{costlySearch, cheapSearch, costlySearch}, []searchKind{costlySearch, cheapSearch, costlySearch}},
		{"a costly search due before a cheap one arrives goes first", 20 * time.Millisecond, 40 * time.Millisecond, []searchKind{costlySearch, cheapSearch}, []searchKind{costlySearch, cheapSearch}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tu := newTurns(1)
			tu.record(cheapSearch, time.Millisecond)
			tu.record(costlySearch, time.Millisecond+tc.costly)
			hold, err := tu.take(context.Background(), cheapSearch)
			if err != nil {
				t.Fatal(err)
			}
			order := make(chan searchKind, len(tc.kinds))
			for i, k := range tc.kinds {
				go func() {
					done, err := tu.take(context.Background(), k)
					if err != nil {
						t.Error(err)
						return
					}
					order <- k
					done()
				}()
				waitFor(t, tu, i+1)
				time.Sleep(tc.gap)
			}
			hold()
			var got []searchKind
			for range tc.kinds {
				got = append(got, <-order)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("turns went to %v, want %v", got, tc.want)
			}
		})
	}
}

// A search whose time runs out while waiting leaves the queue, and a turn
// given back then is not lost.
func TestTurnsWaitEndsWithItsContext(t *testing.T) {
	tu := newTurns(1)
	hold, err := tu.take(context.Background(), cheapSearch)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := tu.take(ctx, cheapSearch); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting past its deadline: %v", err)
	}
	if n := tu.waiting.Len(); n != 0 {
		t.Fatalf("%d still wait after the wait ended", n)
	}
	hold()
	done, err := tu.take(ctx, cheapSearch) // ctx is done, yet a turn is free
	if err != nil {
		t.Fatalf("with the turn given back: %v", err)
	}
	done()
	if tu.free != 1 {
		t.Fatalf("%d turns free after all were given back, want 1", tu.free)
	}
}

func TestPlanKinds(t *testing.T) {
	x := newTestIndex(t, loadRelevance(t).Docs)
	for _, tc := range []struct {
		q    string
		want searchKind
	}{
		{"中国", cheapSearch},
		{"中国 经济 发展", cheapSearch},
		{"长", cheapSearch},
		{"国之治", costlySearch},       // characters joined: bigrams rank every hit
		{`"中国特色"`, costlySearch},    // positions of a substring
		{`"长春 市长"~3`, costlySearch}, // nearness
		{"中国 -经济", cheapSearch},
	} {
		p, err := x.plan(search.Request{Query: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.kind(); got != tc.want {
			t.Errorf("%s: kind %d, want %d", tc.q, got, tc.want)
		}
	}
}
