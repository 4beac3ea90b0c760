package ingest

import (
	"context"
	"sync"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/store"
)

// follower keeps the index catching up with the store in the background
// while an ingest goes on writing the store: parsing, tagging and storing
// the next batch overlap with Bleve indexing the last one, and both cores
// stay busy. The index still only ever applies what the store's change
// log holds, so what a crash or an interrupt leaves behind is the same as
// without it: the next ingest or `serve` start replays the rest.
type follower struct {
	st   *store.Store
	idx  *index.Index
	kick chan struct{}
	done chan struct{}
	mu   sync.Mutex
	err  error
}

// maxLag bounds how far the store may run ahead of the index, in changes:
// an ingest's progress is then close to what is searchable, and an
// interrupted one leaves little to replay.
const maxLag = 4 * IndexBatchSize

func follow(ctx context.Context, st *store.Store, idx *index.Index) *follower {
	f := &follower{st: st, idx: idx, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for range f.kick {
			if err := CatchUp(ctx, st, idx); err != nil {
				f.mu.Lock()
				f.err = err
				f.mu.Unlock()
				for range f.kick { // drain until stopped
				}
				return
			}
		}
	}()
	return f
}

func (f *follower) failed() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// wake asks for a catch-up, unless one is already asked for, then waits
// while the index is more than maxLag changes behind the store. It returns
// the error that stopped the follower, if any.
func (f *follower) wake(ctx context.Context) error {
	if err := f.failed(); err != nil {
		return err
	}
	select {
	case f.kick <- struct{}{}:
	default:
	}
	for {
		last, err := f.st.LastSeq()
		if err != nil {
			return err
		}
		seq, err := f.idx.Seq()
		if err != nil {
			return err
		}
		if last-min(seq, last) <= maxLag {
			return nil
		}
		if err := f.failed(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop waits for the catch-up in flight and returns its error.
func (f *follower) stop() error {
	close(f.kick)
	<-f.done
	return f.failed()
}
