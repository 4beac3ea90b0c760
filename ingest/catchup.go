package ingest

import (
	"context"
	"fmt"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/store"
)

// IndexBatchSize is how many store changes go into one index batch:
// larger than a store batch, since each Bleve batch becomes a segment that
// must later be merged, and smaller than the whole input, since a batch's
// analysis is held in memory.
const IndexBatchSize = 512

// CatchUp applies to the index every store change it has not recorded yet.
// It is idempotent and cheap when the index is current.
func CatchUp(ctx context.Context, st *store.Store, idx *index.Index) error {
	from, err := idx.Seq()
	if err != nil {
		return fmt.Errorf("catch up index: %w", err)
	}
	last, err := st.LastSeq()
	if err != nil {
		return fmt.Errorf("catch up index: %w", err)
	}
	if from > last {
		// The index saw writes the store no longer has: Badger lost its
		// unsynced tail in an operating-system crash. New writes would reuse
		// those sequence numbers and never reach the index.
		return fmt.Errorf("catch up index: %w: the index has applied store changes up to %d but the store only has %d (writes lost in a crash?); run `baosou rebuild`", index.ErrVersion, from, last)
	}
	if last == from {
		return nil
	}
	batch := make([]index.Change, 0, IndexBatchSize)
	err = st.Changes(ctx, from, func(c store.Change) error {
		batch = append(batch, index.Change{Seq: c.Seq, ID: c.ID, Article: c.Article})
		if len(batch) < IndexBatchSize {
			return nil
		}
		err := idx.Apply(ctx, batch)
		batch = batch[:0]
		return err
	})
	if err == nil {
		err = idx.Apply(ctx, batch)
	}
	if err != nil {
		return fmt.Errorf("catch up index from seq %d to %d: %w", from, last, err)
	}
	return nil
}

// Rebuild indexes every stored article into idx, which should be new and
// empty, recording the store's current sequence.
func Rebuild(ctx context.Context, st *store.Store, idx *index.Index) (uint64, error) {
	if err := CatchUp(ctx, st, idx); err != nil {
		return 0, err
	}
	return idx.Count()
}
