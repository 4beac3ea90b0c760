package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	badger "github.com/dgraph-io/badger/v4"
)

// StoreLayout is the version of the on-disk key layout written by this code.
const StoreLayout = "baosou-store-1"

var (
	keyLayout = []byte("m/layout")
	keySeq    = []byte("m/seq")
)

const (
	prefixArticle = "a/"
	prefixChange  = "c/"
	prefixSeqOf   = "s/"
	prefixStory   = "k/" // k/<story key>\x00<id>: finds other printings of a story
	prefixLayout  = "l/" // l/<newspaper>\x00<date>: page → section, from layout pages
)

// ErrNotFound is returned by Get and Delete for an unknown id.
var ErrNotFound = fmt.Errorf("article %w", search.ErrNotFound)

// ErrLocked means another process holds the data directory.
var ErrLocked = errors.New("store is in use by another baosou process")

// Outcome says what Put did with one article.
type Outcome int

const (
	Added Outcome = iota
	Updated
	Unchanged
	Withheld // on the take-down list: not stored
)

func (o Outcome) String() string {
	return [...]string{"added", "updated", "unchanged", "withheld"}[o]
}

// Store is an open Badger store. Safe for concurrent use.
type Store struct {
	db  *badger.DB
	log *slog.Logger
}

// Open opens (creating if needed) the store in dir.
func Open(dir string, log *slog.Logger) (*Store, error) {
	return open(dir, log, nil)
}

// open is Open with Badger's options changed by tune, when not nil: tests
// of garbage collection need small files (the value-log file being written
// is never rewritten, and a memory table is not compacted).
func open(dir string, log *slog.Logger, tune func(badger.Options) badger.Options) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	opts := badger.DefaultOptions(dir).
		WithLogger(badgerLogger{log}).
		WithNumVersionsToKeep(1).
		// Articles are a few KB; smaller tables and memtables keep the
		// resident memory of a bulk ingest modest (NOTES: 2.4 GB peak with defaults).
		WithMemTableSize(32 << 20).
		WithNumMemtables(3).
		// The store is read by id and by change log in order, rarely
		// twice: a small block cache leaves memory to the index.
		WithBlockCacheSize(32 << 20).
		WithValueLogFileSize(256 << 20).
		// Articles go to the value log, only their keys and pointers to
		// the tree (Badger's default keeps values up to 1 MB in the tree):
		// compactions then move pointers, not every article's text again
		// at each level. Writing 300k articles of 4.7 KB: 16 s, 86 MiB of
		// heap at most, against 47 s and 2.1 GiB (the builders of the
		// compactions, which at a million articles pushed an ingest's
		// heap over its limit and the garbage collector into running
		// without pause). Space of replaced or removed articles comes back
		// by collectGarbage.
		WithValueThreshold(valueThreshold)
	if tune != nil {
		opts = tune(opts)
	}
	db, err := badger.Open(opts)
	if err != nil {
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, fmt.Errorf("open store %s: %w (is `baosou serve` or another ingest running?)", dir, ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	s := &Store{db: db, log: log}
	if err := s.checkLayout(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return s, nil
}

func (s *Store) checkLayout() error {
	return s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(keyLayout)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return newLayout(txn)
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if string(v) != StoreLayout {
			return fmt.Errorf("store layout %q cannot be read by this version of baosou (it reads %q)", v, StoreLayout)
		}
		return nil
	})
}

// newLayout marks a store as of this layout; one that has never been
// written also starts counting its articles from zero.
func newLayout(txn *badger.Txn) error {
	if err := txn.Set(keyLayout, []byte(StoreLayout)); err != nil {
		return err
	}
	seq, err := readSeq(txn)
	if err != nil || seq != 0 {
		return err
	}
	return txn.Set(keyCount, storedCount{}.bytes())
}

// Close flushes and closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Put upserts articles and returns what happened to each. An article whose
// stored JSON is byte-identical is Unchanged and adds no change-log entry.
// The articles go in one transaction, or, when that would exceed Badger's
// transaction size, in halves of the batch, each in its own.
//
// An article that no transaction can hold, or whose keys are too long,
// fails the whole call with ErrTooLarge, naming it; errors never carry more
// than a few hundred bytes of text.
func (s *Store) Put(ctx context.Context, arts []*article.Article) ([]Outcome, error) {
	out, err := s.putHalves(ctx, arts)
	return out, bounded(err)
}

func (s *Store) putHalves(ctx context.Context, arts []*article.Article) ([]Outcome, error) {
	out, err := s.put(ctx, arts)
	if !errors.Is(err, badger.ErrTxnTooBig) || len(arts) < 2 {
		return out, tooLarge(arts, err)
	}
	h := len(arts) / 2
	first, err := s.putHalves(ctx, arts[:h])
	if err != nil {
		return nil, err
	}
	rest, err := s.putHalves(ctx, arts[h:])
	if err != nil {
		return nil, err
	}
	return append(first, rest...), nil
}

func (s *Store) put(ctx context.Context, arts []*article.Article) ([]Outcome, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Outcome, len(arts))
	err := s.update(func(txn *badger.Txn) error {
		seq, err := readSeq(txn)
		if err != nil {
			return err
		}
		first, added := seq, 0
		for i, a := range arts {
			if err := checkKeys(a); err != nil {
				return err
			}
			if down, err := takenDown(txn, a.ID); err != nil {
				return err
			} else if down {
				out[i] = Withheld
				continue
			}
			val, err := json.Marshal(a)
			if err != nil {
				return fmt.Errorf("encode article %s: %w", clipID(a.ID), err)
			}
			if int64(len(val)) >= s.db.Opts().ValueLogFileSize {
				return &TooLargeError{ID: a.ID, Reason: fmt.Sprintf("%d bytes encoded", len(val))}
			}
			key := []byte(prefixArticle + a.ID)
			old, err := getValue(txn, key)
			switch {
			case errors.Is(err, badger.ErrKeyNotFound):
				out[i] = Added
			case err != nil:
				return err
			case bytes.Equal(old, val):
				out[i] = Unchanged
				continue
			default:
				out[i] = Updated
			}
			if out[i] == Updated {
				if err := dropStoryKey(txn, a.ID, old); err != nil {
					return err
				}
			}
			seq++
			if err := setChange(txn, seq, a.ID); err != nil {
				return err
			}
			if err := txn.Set(key, val); err != nil {
				return err
			}
			if err := txn.Set(storyKey(article.StoryKey(a), a.ID), nil); err != nil {
				return err
			}
			if out[i] == Added {
				added++
			}
		}
		if err := moveCount(txn, first, seq, added); err != nil {
			return err
		}
		return writeSeq(txn, seq)
	})
	if err != nil {
		return nil, fmt.Errorf("store put %d articles: %w", len(arts), err)
	}
	return out, nil
}

// Get returns the article with the given id.
func (s *Store) Get(ctx context.Context, id string) (*article.Article, error) {
	var a *article.Article
	err := s.db.View(func(txn *badger.Txn) error {
		v, err := getValue(txn, []byte(prefixArticle+id))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		a, err = decode(id, v)
		return err
	})
	if err != nil {
		return nil, bounded(fmt.Errorf("store get %s: %w", clipID(id), err))
	}
	return a, nil
}

// Delete removes an article and records the deletion in the change log.
func (s *Store) Delete(ctx context.Context, id string) error {
	err := s.update(func(txn *badger.Txn) error {
		key := []byte(prefixArticle + id)
		old, err := getValue(txn, key)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if err := dropStoryKey(txn, id, old); err != nil {
			return err
		}
		seq, err := readSeq(txn)
		if err != nil {
			return err
		}
		if err := setChange(txn, seq+1, id); err != nil {
			return err
		}
		if err := txn.Delete(key); err != nil {
			return err
		}
		if err := moveCount(txn, seq, seq+1, -1); err != nil {
			return err
		}
		return writeSeq(txn, seq+1)
	})
	if err != nil {
		return bounded(fmt.Errorf("store delete %s: %w", clipID(id), err))
	}
	return nil
}

// SameStory returns the stored articles whose article.StoryKey is key.
func (s *Store) SameStory(ctx context.Context, key string) ([]*article.Article, error) {
	out, err := s.byStoryPrefix(storyKey(key, ""))
	if err != nil {
		return nil, fmt.Errorf("store lookup of a story: %w", err)
	}
	return out, nil
}

// Sections returns what layout pages said about one issue of a newspaper:
// page → section name. An issue without layout pages gives an empty map.
func (s *Store) Sections(ctx context.Context, newspaper, date string) (map[string]string, error) {
	out := map[string]string{}
	err := s.db.View(func(txn *badger.Txn) error {
		v, err := getValue(txn, layoutKey(newspaper, date))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(v, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("store sections of %s %s: %w", newspaper, date, err)
	}
	return out, nil
}

// AddSections records page → section names of one issue, keeping what
// earlier layout pages said about other pages.
func (s *Store) AddSections(ctx context.Context, newspaper, date string, sections map[string]string) error {
	err := s.update(func(txn *badger.Txn) error {
		cur := map[string]string{}
		v, err := getValue(txn, layoutKey(newspaper, date))
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
		case err != nil:
			return err
		default:
			if err := json.Unmarshal(v, &cur); err != nil {
				return err
			}
		}
		for p, sec := range sections {
			cur[p] = sec
		}
		raw, err := json.Marshal(cur)
		if err != nil {
			return err
		}
		return txn.Set(layoutKey(newspaper, date), raw)
	})
	if err != nil {
		return fmt.Errorf("store sections of %s %s: %w", newspaper, date, err)
	}
	return nil
}

// SameIssue returns the stored articles of one issue (newspaper and date).
func (s *Store) SameIssue(ctx context.Context, newspaper, date string) ([]*article.Article, error) {
	out, err := s.byStoryPrefix([]byte(prefixStory + article.IssueKey(newspaper, date)))
	if err != nil {
		return nil, fmt.Errorf("store articles of %s %s: %w", newspaper, date, err)
	}
	return out, nil
}

// byStoryPrefix returns the articles whose story-key entries start with
// prefix, in key order.
func (s *Store) byStoryPrefix(prefix []byte) ([]*article.Article, error) {
	var out []*article.Article
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			id := string(k[bytes.LastIndexByte(k, 0)+1:])
			v, err := getValue(txn, []byte(prefixArticle+id))
			if errors.Is(err, badger.ErrKeyNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			a, err := decode(id, v)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

func layoutKey(newspaper, date string) []byte {
	return []byte(prefixLayout + article.IssueKey(newspaper, date))
}

// Scan calls fn for every article in id order, stopping at the first error.
func (s *Store) Scan(ctx context.Context, fn func(*article.Article) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 64, Prefix: []byte(prefixArticle)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			item := it.Item()
			id := string(item.Key()[len(prefixArticle):])
			v, err := item.ValueCopy(nil)
			if err != nil {
				return fmt.Errorf("store scan %s: %w", id, err)
			}
			a, err := decode(id, v)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		return nil
	})
}

// LastSeq returns the sequence number of the latest change.
func (s *Store) LastSeq() (uint64, error) {
	var seq uint64
	err := s.db.View(func(txn *badger.Txn) (err error) {
		seq, err = readSeq(txn)
		return err
	})
	return seq, err
}

// Change is one entry of the change log. Article is nil when the id was
// deleted (or was deleted again after this change).
type Change struct {
	Seq     uint64
	ID      string
	Article *article.Article
}

// Changes calls fn for every change after seq, in order, with the current
// version of each changed article. An id changed several times is reported
// at each of its changes; callers apply them idempotently.
func (s *Store) Changes(ctx context.Context, after uint64, fn func(Change) error) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, Prefix: []byte(prefixChange)})
		defer it.Close()
		for it.Seek(changeKey(after + 1)); it.Valid(); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			item := it.Item()
			seq := binary.BigEndian.Uint64(item.Key()[len(prefixChange):])
			idb, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			c := Change{Seq: seq, ID: string(idb)}
			v, err := getValue(txn, []byte(prefixArticle+c.ID))
			switch {
			case errors.Is(err, badger.ErrKeyNotFound):
			case err != nil:
				return err
			default:
				if c.Article, err = decode(c.ID, v); err != nil {
					return err
				}
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// update runs fn in a read-write transaction, retrying on conflicts with
// concurrent writers.
func (s *Store) update(fn func(*badger.Txn) error) error {
	for attempt := 0; ; attempt++ {
		err := s.db.Update(fn)
		if errors.Is(err, badger.ErrConflict) && attempt < 5 {
			continue
		}
		return err
	}
}

func decode(id string, v []byte) (*article.Article, error) {
	var a article.Article
	if err := json.Unmarshal(v, &a); err != nil {
		return nil, fmt.Errorf("decode stored article %s: %w", id, err)
	}
	return &a, nil
}

func getValue(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func storyKey(key, id string) []byte {
	return []byte(prefixStory + key + "\x00" + id)
}

// dropStoryKey removes the story-key entry of the stored version old of id.
func dropStoryKey(txn *badger.Txn, id string, old []byte) error {
	prev, err := decode(id, old)
	if err != nil {
		return err
	}
	return txn.Delete(storyKey(article.StoryKey(prev), id))
}

func changeKey(seq uint64) []byte {
	k := make([]byte, len(prefixChange)+8)
	copy(k, prefixChange)
	binary.BigEndian.PutUint64(k[len(prefixChange):], seq)
	return k
}

func setChange(txn *badger.Txn, seq uint64, id string) error {
	// The previous change entry of this id is no longer needed: Changes
	// always reads the current article, so one entry per id suffices.
	if prev, err := getValue(txn, []byte(prefixSeqOf+id)); err == nil && len(prev) == 8 {
		if err := txn.Delete(changeKey(binary.BigEndian.Uint64(prev))); err != nil {
			return err
		}
	} else if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	if err := txn.Set([]byte(prefixSeqOf+id), b[:]); err != nil {
		return err
	}
	return txn.Set(changeKey(seq), []byte(id))
}

func readSeq(txn *badger.Txn) (uint64, error) {
	v, err := getValue(txn, keySeq)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("corrupt sequence key (%d bytes)", len(v))
	}
	return binary.BigEndian.Uint64(v), nil
}

func writeSeq(txn *badger.Txn, seq uint64) error {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	return txn.Set(keySeq, b[:])
}
