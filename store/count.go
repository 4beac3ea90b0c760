package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// The store keeps the number of its articles under keyCount, beside the
// change sequence it is the number at: counting the article keys instead
// reads every article, since Badger keeps the values beside the keys (at a
// million articles: 3.3 GiB read, seconds of CPU, and the page cache taken
// from the index, at every start and every ingest).
//
// Every write that changes the sequence (Put, Delete) moves the count
// with it, in the same transaction. A count whose sequence is not the
// store's is stale: the store was written by an older baosou, or restored
// from a backup without a count. Count then scans once and keeps the
// number again.
var keyCount = []byte("m/count")

type storedCount struct {
	n, seq uint64
}

func (c storedCount) bytes() []byte {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], c.n)
	binary.BigEndian.PutUint64(b[8:], c.seq)
	return b[:]
}

// readCount returns the kept count and whether it holds at seq (the
// store's sequence in txn).
func readCount(txn *badger.Txn, seq uint64) (storedCount, bool, error) {
	v, err := getValue(txn, keyCount)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return storedCount{}, false, nil
	case err != nil:
		return storedCount{}, false, err
	case len(v) != 16:
		return storedCount{}, false, nil // not ours to trust: counted again
	}
	c := storedCount{n: binary.BigEndian.Uint64(v[:8]), seq: binary.BigEndian.Uint64(v[8:])}
	return c, c.seq == seq, nil
}

// moveCount adds delta to the kept count as a write moves the sequence
// from seq to next, if the count held at seq; a stale count stays stale.
func moveCount(txn *badger.Txn, seq, next uint64, delta int) error {
	c, ok, err := readCount(txn, seq)
	if err != nil || !ok || next == seq {
		return err
	}
	if delta < 0 && c.n < uint64(-delta) {
		return fmt.Errorf("article count %d at change %d: cannot remove %d", c.n, seq, -delta)
	}
	c.n, c.seq = uint64(int64(c.n)+int64(delta)), next
	return txn.Set(keyCount, c.bytes())
}

// Count returns the number of articles: the number kept with them, or,
// when it is stale, a count of every article, which is then kept.
func (s *Store) Count(ctx context.Context) (int, error) {
	var c storedCount
	var ok bool
	err := s.db.View(func(txn *badger.Txn) error {
		seq, err := readSeq(txn)
		if err != nil {
			return err
		}
		c, ok, err = readCount(txn, seq)
		if err != nil || ok {
			return err
		}
		// Counted in the same snapshot as the sequence it holds at.
		n, err := scanCount(ctx, txn)
		c = storedCount{n: n, seq: seq}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store count: %w", err)
	}
	if !ok {
		if err := s.keepCount(c); err != nil {
			return 0, fmt.Errorf("store count: %w", err)
		}
		s.log.Info("store: counted the articles; the number is kept from now on", "articles", c.n)
	}
	return int(c.n), nil
}

// keepCount stores c unless a write has moved the sequence since it was
// counted (the next Count counts again) or a count already holds.
func (s *Store) keepCount(c storedCount) error {
	return s.update(func(txn *badger.Txn) error {
		seq, err := readSeq(txn)
		if err != nil || seq != c.seq {
			return err
		}
		if _, ok, err := readCount(txn, seq); err != nil || ok {
			return err
		}
		return txn.Set(keyCount, c.bytes())
	})
}

// scanCount counts the article keys, checking ctx as it goes.
func scanCount(ctx context.Context, txn *badger.Txn) (uint64, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixArticle)})
	defer it.Close()
	var n uint64
	for it.Rewind(); it.Valid(); it.Next() {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		n++
	}
	return n, nil
}
