package ingest

import (
	"context"
	"sync"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/store"
)

// follower keeps the index catching up with the store in the background
// while an ingest goes on writing the store: parsing, tagging and storing
// the next batch overlap with Bleve indexing the last one, and both cores
// stay busy. The index still only ever applies what the store's change
// log holds, so what a crash leaves behind is the same as without it.
type follower struct {
	kick chan struct{}
	done chan struct{}
	mu   sync.Mutex
	err  error
}

func follow(ctx context.Context, st *store.Store, idx *index.Index) *follower {
	f := &follower{kick: make(chan struct{}, 1), done: make(chan struct{})}
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

// wake asks for a catch-up, unless one is already asked for; it returns
// the error that stopped the follower, if any.
func (f *follower) wake() error {
	f.mu.Lock()
	err := f.err
	f.mu.Unlock()
	if err != nil {
		return err
	}
	select {
	case f.kick <- struct{}{}:
	default:
	}
	return nil
}

// stop waits for the catch-up in flight and returns its error.
func (f *follower) stop() error {
	close(f.kick)
	<-f.done
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}
