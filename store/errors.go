package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/baosou/baosou/article"
	badger "github.com/dgraph-io/badger/v4"
)

// ErrTooLarge means one article cannot be stored at all: a key built from
// its id, newspaper and title, or the article itself, is past what Badger
// takes in a key or a transaction. Other articles of the same batch can
// still be stored on their own.
var ErrTooLarge = errors.New("too large for the store")

const (
	// maxKeyBytes is Badger's limit on one key.
	maxKeyBytes = 65000
	// maxErrorBytes bounds the text of an error the store returns: Badger
	// writes hex dumps of keys and values into some of its errors.
	maxErrorBytes = 300
	// idBytes is how much of an id an error names.
	idBytes = 64
)

// TooLargeError names the article that is ErrTooLarge, so that a caller
// can store the rest of its batch without it.
type TooLargeError struct {
	ID     string
	Reason string // what is too large, without the value
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("article %s: %v (%s)", clipID(e.ID), ErrTooLarge, e.Reason)
}

func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// checkKeys returns a TooLargeError when a key of a would be past Badger's
// limit.
func checkKeys(a *article.Article) error {
	longest := max(len(prefixArticle), len(prefixSeqOf)) + len(a.ID)
	longest = max(longest, len(storyKey(article.StoryKey(a), a.ID)))
	if longest > maxKeyBytes {
		return &TooLargeError{ID: a.ID, Reason: fmt.Sprintf("a key of %d bytes, more than %d", longest, maxKeyBytes)}
	}
	return nil
}

// tooLarge turns Badger's ErrTxnTooBig for a single article into a
// TooLargeError.
func tooLarge(arts []*article.Article, err error) error {
	if len(arts) == 1 && errors.Is(err, badger.ErrTxnTooBig) {
		return &TooLargeError{ID: arts[0].ID, Reason: "more than one transaction holds"}
	}
	return err
}

func clipID(id string) string { return article.Clip(id, idBytes) }

// boundedError is an error whose text is cut short; errors.Is and As still
// see what it wraps.
type boundedError struct {
	msg string
	err error
}

func (e *boundedError) Error() string { return e.msg }
func (e *boundedError) Unwrap() error { return e.err }

// bounded keeps the first line of err's text, at most maxErrorBytes of it,
// so that no key or value dump reaches a terminal or a log.
func bounded(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	line, _, cut := strings.Cut(msg, "\n")
	if !cut && len(msg) <= maxErrorBytes {
		return err
	}
	return &boundedError{msg: article.Clip(strings.TrimSpace(line), maxErrorBytes), err: err}
}
