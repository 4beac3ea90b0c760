package index

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/baosou/baosou/search"
)

// Live is the index a server answers from. Replace puts a rebuilt index in
// its place without failing a request and without making one wait: the
// pointer switches at once, searches in flight finish on the old index,
// and the old index is closed when the last of them is done.
//
// A Live may hold no index at all (an archive whose only index is of a
// layout this code cannot read, while the new one is built): searches
// then fail with search.ErrUnavailable, saying why.
type Live struct {
	cur atomic.Pointer[served]
}

// served is one index and the uses in flight on it.
type served struct {
	x      *Index
	mu     sync.RWMutex // read-held by each use; Replace write-locks to close
	closed bool
}

// errNoIndexYet is what a Live that holds no index answers.
var errNoIndexYet = fmt.Errorf("%w: the index is being rebuilt; try again shortly", search.ErrUnavailable)

// NewLive serves x; x may be nil.
func NewLive(x *Index) *Live {
	l := &Live{}
	l.cur.Store(&served{x: x})
	return l
}

// acquire returns the current index, read-locked; release with RUnlock.
func (l *Live) acquire() (*served, error) {
	for {
		s := l.cur.Load()
		s.mu.RLock()
		if !s.closed {
			if s.x == nil {
				s.mu.RUnlock()
				return nil, errNoIndexYet
			}
			return s, nil
		}
		// Replaced and closed between Load and RLock: the pointer has
		// moved on already, so the next Load sees the new index.
		s.mu.RUnlock()
	}
}

// Search implements search.Searcher on the current index.
func (l *Live) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	s, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	return s.x.Search(ctx, req)
}

// Analyze implements search.Analyzer on the current index.
func (l *Live) Analyze(ctx context.Context, text, mode string) ([]search.Token, error) {
	s, err := l.acquire()
	if err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	return s.x.Analyze(ctx, text, mode)
}

// With calls fn with the current index, which stays open until fn returns
// (it may be replaced meanwhile). Without an index it returns an error
// matching search.ErrUnavailable.
func (l *Live) With(fn func(*Index) error) error {
	s, err := l.acquire()
	if err != nil {
		return err
	}
	defer s.mu.RUnlock()
	return fn(s.x)
}

// Replace makes x current at once, then waits for the uses of the old
// index to finish and closes it. It returns the old index's directory ("" if
// there was none).
func (l *Live) Replace(x *Index) (string, error) {
	old := l.cur.Swap(&served{x: x})
	old.mu.Lock()
	defer old.mu.Unlock()
	old.closed = true
	if old.x == nil {
		return "", nil
	}
	return old.x.Dir(), old.x.Close()
}

// Close closes the current index; later uses fail as if there were none.
func (l *Live) Close() error {
	_, err := l.Replace(nil)
	return err
}
