package store

import (
	"context"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// valueThreshold is the size above which Badger keeps a value in its
// value log rather than in its tree: an article's record is larger, a
// change-log entry or a key of the story index smaller (see Open).
const valueThreshold = 1 << 10

// garbageRatio is the share of a value-log file that must belong to
// replaced or removed records before CollectGarbage rewrites it.
const garbageRatio = 0.5

// CollectGarbage gives back the space of articles replaced or removed:
// with the articles in Badger's value log, their old versions stay in its
// files until a file is rewritten without them. It rewrites files of which
// at least half is such garbage, one after the other, until none is left
// or ctx ends, and returns how many it rewrote. Badger learns what is
// garbage as it compacts its tree, so space freed by the latest writes may
// come back only on a later call.
func (s *Store) CollectGarbage(ctx context.Context) (int, error) {
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		err := s.db.RunValueLogGC(garbageRatio)
		switch {
		case err == nil:
			n++
		case errors.Is(err, badger.ErrNoRewrite), errors.Is(err, badger.ErrRejected):
			return n, nil
		default:
			return n, fmt.Errorf("store collect garbage: %w", err)
		}
	}
}
