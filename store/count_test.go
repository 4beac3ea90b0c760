package store

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/baosou/baosou/article"
	badger "github.com/dgraph-io/badger/v4"
)

// counted returns what Count says and what a scan of the article keys
// finds, and whether the count was kept (read, not scanned).
func counted(t *testing.T, s *Store) (count, scanned int, kept bool) {
	t.Helper()
	n, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.View(func(txn *badger.Txn) error {
		seq, err := readSeq(txn)
		if err != nil {
			return err
		}
		if _, kept, err = readCount(txn, seq); err != nil {
			return err
		}
		m, err := scanCount(context.Background(), txn)
		scanned = int(m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n, scanned, kept
}

// The kept count follows every write, survives a reopen, and needs no
// scan.
func TestCountKeptWithTheArticles(t *testing.T) {
	s, dir := openTemp(t)
	ctx := context.Background()
	steps := []struct {
		name string
		do   func() error
		want int
	}{
		{"fresh", func() error { return nil }, 0},
		{"add two", func() error { _, err := s.Put(ctx, []*article.Article{art("a", "一"), art("b", "二")}); return err }, 2},
		{"unchanged and updated", func() error {
			_, err := s.Put(ctx, []*article.Article{art("a", "一"), art("b", "二改")})
			return err
		}, 2},
		{"one new, one again", func() error { _, err := s.Put(ctx, []*article.Article{art("c", "三"), art("c", "三")}); return err }, 3},
		{"delete", func() error { return s.Delete(ctx, "a") }, 2},
		{"delete unknown", func() error {
			if err := s.Delete(ctx, "zz"); !errors.Is(err, ErrNotFound) {
				return err
			}
			return nil
		}, 2},
		{"take down one stored, one not", func() error { _, err := s.Takedown(ctx, []string{"b", "y"}); return err }, 1},
		{"withheld", func() error { _, err := s.Put(ctx, []*article.Article{art("b", "二"), art("d", "四")}); return err }, 2},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		n, scanned, kept := counted(t, s)
		if n != st.want || scanned != st.want || !kept {
			t.Errorf("%s: Count %d, scan %d, kept %v; want %d, kept", st.name, n, scanned, kept, st.want)
		}
	}
	s.Close()
	s2, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, scanned, kept := counted(t, s2); n != 2 || scanned != 2 || !kept {
		t.Errorf("reopened: Count %d, scan %d, kept %v; want 2, kept", n, scanned, kept)
	}
}

// A store written without the count kept (by an older baosou, which
// moves the sequence but not the count, or with no count at all) is
// counted by a scan once, and the number is kept from then on.
func TestCountStaleIsCountedAgain(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, []*article.Article{art("a", "一"), art("b", "二")}); err != nil {
		t.Fatal(err)
	}
	for _, older := range []struct {
		name  string
		write func(txn *badger.Txn) error
		want  int
	}{
		{"an article added by an older writer", func(txn *badger.Txn) error {
			seq, err := readSeq(txn)
			if err != nil {
				return err
			}
			if err := txn.Set([]byte(prefixArticle+"old"), []byte(`{"id":"old"}`)); err != nil {
				return err
			}
			return writeSeq(txn, seq+1)
		}, 3},
		{"no count at all", func(txn *badger.Txn) error { return txn.Delete(keyCount) }, 3},
		{"a count of another shape", func(txn *badger.Txn) error { return txn.Set(keyCount, []byte{1}) }, 3},
	} {
		if err := s.db.Update(older.write); err != nil {
			t.Fatal(err)
		}
		if _, _, kept := counted(t, s); !kept {
			// counted() calls Count first, which keeps the number
			t.Errorf("%s: the count was not kept after a scan", older.name)
		}
		if n, scanned, _ := counted(t, s); n != older.want || scanned != older.want {
			t.Errorf("%s: Count %d, scan %d, want %d", older.name, n, scanned, older.want)
		}
		// Writes move the recovered count on.
		if _, err := s.Put(ctx, []*article.Article{art(older.name, "新")}); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, older.name); err != nil {
			t.Fatal(err)
		}
		if n, scanned, kept := counted(t, s); n != older.want || scanned != older.want || !kept {
			t.Errorf("%s, then a put and a delete: Count %d, scan %d, kept %v", older.name, n, scanned, kept)
		}
	}
}

// A stale count is counted under the caller's context.
func TestCountScanHonoursContext(t *testing.T) {
	s, _ := openTemp(t)
	if _, err := s.Put(context.Background(), []*article.Article{art("a", "一")}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(keyCount) }); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Count(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Count with an ended context and a stale count: %v, want context.Canceled", err)
	}
}

// A backup carries the count; a restore into a fresh store keeps it.
func TestCountSurvivesBackupAndLoad(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, []*article.Article{art("a", "一"), art("b", "二"), art("c", "三")}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := s.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	r, err := Open(filepath.Join(t.TempDir(), "restored"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.Load(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if n, scanned, kept := counted(t, r); n != 3 || scanned != 3 || !kept {
		t.Errorf("restored: Count %d, scan %d, kept %v; want 3", n, scanned, kept)
	}
}
