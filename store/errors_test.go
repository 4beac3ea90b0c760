package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	badger "github.com/dgraph-io/badger/v4"
)

// hexRun matches a hex dump line or a long run of hex digits.
var hexRun = regexp.MustCompile(`(?i)([0-9a-f]{2} ){8}|[0-9a-f]{32}`)

func checkBounded(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	if msg := err.Error(); len(msg) > maxErrorBytes+10 || hexRun.MatchString(msg) || strings.Contains(msg, "\n") {
		t.Errorf("%s: error of %d bytes: %.400q", what, len(msg), msg)
	}
}

// An article whose keys Badger cannot take fails with ErrTooLarge, naming
// it briefly, and takes nothing else of its batch with it to the store.
func TestPutTooLargeErrorIsShort(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	huge := art("huge", strings.Repeat("长", 70000))
	_, err := s.Put(ctx, []*article.Article{art("a", "一"), huge, art("b", "二")})
	checkBounded(t, "put a 70,000-character title", err)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "huge") {
		t.Errorf("put: %v, want ErrTooLarge naming the article", err)
	}
	longID := art(strings.Repeat("i", 70000), "标题")
	_, err = s.Put(ctx, []*article.Article{longID})
	checkBounded(t, "put a 70,000-byte id", err)
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("put: %v, want ErrTooLarge", err)
	}
	out, err := s.Put(ctx, []*article.Article{art("a", "一"), art("b", "二")})
	if err != nil || fmt.Sprint(out) != "[added added]" {
		t.Errorf("the rest of the batch on its own: %v %v", out, err)
	}
	_, err = s.Get(ctx, longID.ID)
	checkBounded(t, "get a 70,000-byte id", err)
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("get: %v, want ErrNotFound", err)
	}
	err = s.Delete(ctx, longID.ID)
	checkBounded(t, "delete a 70,000-byte id", err)
}

func TestBoundedKeepsTheFirstLineAndTheChain(t *testing.T) {
	dump := fmt.Errorf("store put 1 articles: %w: Key with size 210012 exceeded 65000 limit. Key:\n00000000  6b 2f e4 ba ba e6 b0 91  e6 97 a5 e6 8a a5 00 32  |k/.............2|", badger.ErrTxnTooBig)
	long := fmt.Errorf("wrap: %w %s", badger.ErrConflict, strings.Repeat("x", 1000))
	for _, err := range []error{dump, long} {
		b := bounded(err)
		checkBounded(t, "bounded", b)
		if !errors.Is(b, errors.Unwrap(err)) {
			t.Errorf("bounded lost the wrapped error: %v", b)
		}
	}
	if short := errors.New("short"); bounded(short) != short {
		t.Errorf("a short error is changed")
	}
}
