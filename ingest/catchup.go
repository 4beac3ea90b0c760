package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/store"
)

// IndexBatchSize is how many store changes go into one index batch:
// larger than a store batch, since each Bleve batch becomes a segment that
// must later be merged, and smaller than the whole input, since a batch's
// analysis is held in memory.
const IndexBatchSize = 512

// ErrAhead means the index has applied store changes the store no longer
// has: Badger lost its unsynced tail in an operating-system crash. New
// writes would reuse those sequence numbers and never reach the index, so
// the index must be rebuilt from the store.
var ErrAhead = errors.New("the index is ahead of the store")

// CatchUp applies to the index every store change it has not recorded yet.
// It is idempotent and cheap when the index is current. The store is
// synced first, so nothing the index applies can be lost by the store in
// a crash: the index is never ahead of a store that survived.
func CatchUp(ctx context.Context, st ChangeLog, idx *index.Index) error {
	return catchUp(ctx, st, idx, nil)
}

// Build indexes every stored article into idx, new and empty, calling
// progress (when not nil) after each index batch with the changes applied
// and the changes to apply.
func Build(ctx context.Context, st ChangeLog, idx *index.Index, progress func(done, total uint64)) error {
	return catchUp(ctx, st, idx, progress)
}

func catchUp(ctx context.Context, st ChangeLog, idx *index.Index, progress func(done, total uint64)) error {
	from, err := idx.Seq()
	if err != nil {
		return fmt.Errorf("catch up index: %w", err)
	}
	last, err := st.LastSeq()
	if err != nil {
		return fmt.Errorf("catch up index: %w", err)
	}
	if from > last {
		return fmt.Errorf("catch up index: %w: it has applied store changes up to %d but the store only has %d (writes lost in a crash?)", ErrAhead, from, last)
	}
	if last == from {
		return nil
	}
	if err := st.Sync(); err != nil {
		return fmt.Errorf("catch up index: %w", err)
	}
	// Batches go through a pipeline, two at a time: reading and decoding
	// the next batch from the store and indexing two at once keep both
	// cores busy. The index records a sequence only once every change up
	// to it is in, and Close returns when all is on disk.
	var applied func(uint64)
	if progress != nil {
		applied = func(seq uint64) { progress(seq-from, last-from) }
	}
	pipe := idx.Pipeline(ctx, applied)
	batch := make([]index.Change, 0, IndexBatchSize)
	err = st.Changes(ctx, from, func(c store.Change) error {
		if c.Seq > last {
			return errStop // written after the sync: the next catch-up
		}
		batch = append(batch, index.Change{Seq: c.Seq, ID: c.ID, Article: c.Article})
		if len(batch) < IndexBatchSize {
			return nil
		}
		err := pipe.Add(batch)
		batch = batch[:0]
		return err
	})
	if err == nil || errors.Is(err, errStop) {
		err = pipe.Add(batch)
	}
	if cerr := pipe.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("catch up index from seq %d to %d: %w", from, last, err)
	}
	return nil
}

var errStop = errors.New("stop")
