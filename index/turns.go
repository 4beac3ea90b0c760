package index

import (
	"container/heap"
	"context"
	"sync"
	"time"
)

// Searches take turns, one per core (see Index.turn). Waiting in arrival
// order, a search box query of a few milliseconds waited behind whole
// queues of the costly kind (words cut into characters, whose joining
// bigrams rank every hit: four times a word query's time at a million
// articles), and that wait was most of its time. So the turns go to the
// waiting search that is due first, a search being due when it arrived
// plus how much longer its kind has lately taken than the cheap kind:
// cheap searches go first, and a costly one never waits more than that
// extra on their account (it is due at last, ahead of every cheap search
// that arrives after that). On a small archive, where both kinds take
// about as long, this is arrival order.

// searchKind is what a search is expected to cost.
type searchKind int

const (
	cheapSearch  searchKind = iota
	costlySearch            // joining bigrams or positions read over all the text
	searchKinds
)

// turns hands out a fixed number of turns to searches.
type turns struct {
	mu      sync.Mutex
	free    int
	waiting waiters
	seq     uint64
	took    [searchKinds]time.Duration // moving average of each kind's search time
}

func newTurns(n int) *turns { return &turns{free: n} }

type waiter struct {
	due   time.Time
	seq   uint64 // arrival order, among equally due
	ready chan struct{}
	index int // in the heap; -1 once given a turn or gone
}

// take waits for a turn, for a search of kind arriving now, and returns
// the function that ends it; ctx ending first returns its error.
func (t *turns) take(ctx context.Context, kind searchKind) (func(), error) {
	t.mu.Lock()
	if t.free > 0 {
		t.free--
		t.mu.Unlock()
		return t.release, nil
	}
	t.seq++
	w := &waiter{due: time.Now().Add(t.delay(kind)), seq: t.seq, ready: make(chan struct{})}
	heap.Push(&t.waiting, w)
	t.mu.Unlock()
	select {
	case <-w.ready:
		return t.release, nil
	case <-ctx.Done():
		t.mu.Lock()
		defer t.mu.Unlock()
		if w.index >= 0 {
			heap.Remove(&t.waiting, w.index)
			return nil, ctx.Err()
		}
		// Given a turn as the wait ended: hand it on.
		t.handOn()
		return nil, ctx.Err()
	}
}

// release ends a turn: the waiting search due first takes it.
func (t *turns) release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.handOn()
}

func (t *turns) handOn() {
	if t.waiting.Len() == 0 {
		t.free++
		return
	}
	w := heap.Pop(&t.waiting).(*waiter)
	close(w.ready)
}

// delay is how much later than its arrival a search of kind is due.
func (t *turns) delay(kind searchKind) time.Duration {
	return max(0, t.took[kind]-t.took[cheapSearch])
}

// record adds a search's time to its kind's average (a tenth per search).
func (t *turns) record(kind searchKind, took time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.took[kind] == 0 {
		t.took[kind] = took
		return
	}
	t.took[kind] += (took - t.took[kind]) / 10
}

// waiters is a heap of waiting searches, the first due on top.
type waiters []*waiter

func (h waiters) Len() int { return len(h) }
func (h waiters) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h waiters) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *waiters) Push(x any) {
	w := x.(*waiter)
	w.index = len(*h)
	*h = append(*h, w)
}
func (h *waiters) Pop() any {
	old := *h
	w := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	w.index = -1
	return w
}
