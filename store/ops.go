package store

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/baosou/baosou/internal/ctxio"
	badger "github.com/dgraph-io/badger/v4"
)

// Take-down list: t/<id> keeps an id out of the store for good. Put
// withholds such articles, so a take-down survives a re-ingest of the same
// file and, the index being built from the store, every rebuild.
const prefixTakedown = "t/"

// Sync makes every write so far durable (Badger's value log and WAL are
// fsynced). Ingest calls it before acknowledging a batch, and the index
// before applying changes, so an index is never ahead of its store after a
// power loss.
func (s *Store) Sync() error {
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("store sync: %w", err)
	}
	return nil
}

// Takedown removes articles and records their ids in the take-down list.
// It returns how many were stored (an id may be listed before it is ever
// ingested). The removals go through the change log, so the index drops
// them on its next catch-up.
func (s *Store) Takedown(ctx context.Context, ids []string) (removed int, err error) {
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return removed, err
		}
		if id == "" {
			continue
		}
		if err := s.update(func(txn *badger.Txn) error {
			return txn.Set([]byte(prefixTakedown+id), nil)
		}); err != nil {
			return removed, fmt.Errorf("store take down %s: %w", clipID(id), err)
		}
		err := s.Delete(ctx, id)
		switch {
		case err == nil:
			removed++
		case !errors.Is(err, ErrNotFound):
			return removed, err
		}
	}
	return removed, s.Sync()
}

// takenDown reports whether id is on the take-down list.
func takenDown(txn *badger.Txn, id string) (bool, error) {
	_, err := txn.Get([]byte(prefixTakedown + id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Backup writes every key of the store (articles, change log, take-down
// list, layouts) to w in Badger's backup format.
func (s *Store) Backup(ctx context.Context, w io.Writer) error {
	// Badger's stream has no context of its own.
	if _, err := s.db.Backup(ctxio.Writer(ctx, w), 0); err != nil {
		return fmt.Errorf("store backup: %w", err)
	}
	return nil
}

// Load reads a backup written by Backup into the store, which must be
// empty.
func (s *Store) Load(ctx context.Context, r io.Reader) error {
	if n, err := s.LastSeq(); err != nil || n > 0 {
		return fmt.Errorf("store restore: the store is not empty (%d changes)", n)
	}
	if err := s.db.Load(ctxio.Reader(ctx, r), 256); err != nil {
		return fmt.Errorf("store restore: %w", err)
	}
	if err := s.checkLayout(); err != nil {
		return fmt.Errorf("store restore: %w", err)
	}
	return s.Sync()
}
