package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/store"
)

// ChangeLog is what keeping an index current needs of the store.
type ChangeLog interface {
	LastSeq() (uint64, error)
	Sync() error
	Changes(ctx context.Context, after uint64, fn func(store.Change) error) error
}

// Indexer keeps the serving index caught up with the store. It is the one
// writer of that index: ingests (in process, or several through a server)
// write the store and wake it, and a rebuild installs its new index
// through it, so a catch-up never runs on an index being replaced.
//
// While an ingest goes on writing the store, the indexer applies the last
// batch in the background: parsing, tagging and storing overlap with Bleve
// indexing, and both cores stay busy. The index only ever applies what
// the store's change log holds, so a crash or an interrupt leaves what it
// would without it: the next start replays the rest.
type Indexer struct {
	log  ChangeLog
	live *index.Live
	mu   sync.Mutex // one catch-up or install at a time
	kick chan struct{}
	// held stops catch-ups while the index is not to be written, e.g. when
	// it is ahead of the store after a crash and a rebuild will replace it.
	held atomic.Bool
}

// maxLag bounds how far the store may run ahead of the index, in changes:
// an ingest's progress is then close to what is searchable, and an
// interrupted one leaves little to replay.
const maxLag = 4 * IndexBatchSize

// NewIndexer keeps live's index caught up with log.
func NewIndexer(log ChangeLog, live *index.Live) *Indexer {
	return &Indexer{log: log, live: live, kick: make(chan struct{}, 1)}
}

// Run catches up in the background whenever woken, and every interval as
// a safety net, until ctx ends. Errors are reported to report (nil: dropped)
// and retried at the next wake.
func (ix *Indexer) Run(ctx context.Context, interval time.Duration, report func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ix.kick:
		case <-t.C:
		}
		if err := ix.CatchUp(ctx); err != nil && report != nil && ctx.Err() == nil {
			report(err)
		}
	}
}

// Hold stops (true) or resumes (false) catch-ups.
func (ix *Indexer) Hold(h bool) { ix.held.Store(h) }

// CatchUp applies every store change the index has not applied yet, and
// returns when it has. Without an index (one is being built) or while held
// it does nothing: the index that comes will be caught up when installed.
func (ix *Indexer) CatchUp(ctx context.Context) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.held.Load() {
		return nil
	}
	err := ix.live.With(func(x *index.Index) error { return catchUp(ctx, ix.log, x, nil) })
	if errors.Is(err, search.ErrUnavailable) {
		return nil
	}
	return err
}

// Wake asks for a catch-up in the background, and waits while the index is
// more than maxLag changes behind the store (catching up itself then), so
// an ingest cannot run far ahead of what is searchable.
func (ix *Indexer) Wake(ctx context.Context) error {
	select {
	case ix.kick <- struct{}{}:
	default:
	}
	lag, err := ix.Lag()
	if err != nil || lag <= maxLag {
		return err
	}
	return ix.CatchUp(ctx)
}

// Lag returns how many changes the index is behind the store (0 without
// an index).
func (ix *Indexer) Lag() (uint64, error) {
	last, err := ix.log.LastSeq()
	if err != nil {
		return 0, err
	}
	var seq uint64
	// With, not a bare pointer: a swap may close the old index meanwhile.
	err = ix.live.With(func(x *index.Index) (err error) {
		seq, err = x.Seq()
		return err
	})
	if errors.Is(err, search.ErrUnavailable) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return last - min(seq, last), nil
}

// Install catches x up with the store and makes it the serving index; the
// old one is closed once the searches on it are done. It returns the old
// index's directory ("" if none) for the caller to remove.
func (ix *Indexer) Install(ctx context.Context, x *index.Index) (string, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := catchUp(ctx, ix.log, x, nil); err != nil {
		return "", err
	}
	ix.held.Store(false)
	old, err := ix.live.Replace(x)
	if err != nil {
		return old, fmt.Errorf("close the replaced index: %w", err)
	}
	return old, nil
}

// Held reports whether catch-ups are held.
func (ix *Indexer) Held() bool { return ix.held.Load() }
