package index

import (
	"context"
	"sync"

	"github.com/baosou/baosou/search"
)

// Live is the index a server answers from. Swap puts a rebuilt index in its
// place without failing a request: searches in flight finish on the old
// index, later ones go to the new one.
type Live struct {
	mu  sync.RWMutex
	cur *Index
}

// NewLive serves x.
func NewLive(x *Index) *Live { return &Live{cur: x} }

// Search implements search.Searcher on the current index.
func (l *Live) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Search(ctx, req)
}

// Analyze implements search.Analyzer on the current index.
func (l *Live) Analyze(ctx context.Context, text, mode string) ([]search.Token, error) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.cur.Analyze(ctx, text, mode)
}

// With calls fn with the current index, which stays current until fn returns.
func (l *Live) With(fn func(*Index) error) error {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return fn(l.cur)
}

// Swap makes x current once the requests in flight on the old index are
// done, and returns the old index for the caller to close.
func (l *Live) Swap(x *Index) *Index {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.cur
	l.cur = x
	return old
}

// Close closes the current index.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cur.Close()
}
