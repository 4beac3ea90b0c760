package article

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on one article's fields, far above anything a newspaper prints
// and checked before anything is stored: a record past them is a mistake
// (a whole page pasted into the title, a binary blob as an id), and the
// store's keys are built from the id, newspaper and title, which must stay
// well inside its 65,000-byte key limit. Characters are Unicode code
// points; ids and URLs are counted in bytes, as they are stored.
const (
	MaxIDBytes        = 200
	MaxNewspaperChars = 100
	MaxTitleChars     = 500
	MaxKickerChars    = 1000
	MaxSubtitleChars  = 1000
	MaxAuthorChars    = 100 // each name
	MaxAuthors        = 50
	MaxSectionChars   = 100
	MaxPageChars      = 20
	MaxURLBytes       = 2048
	MaxSourceChars    = 500
	// MaxTextBytes bounds title, kicker, subtitle and body together, well
	// inside what one store transaction holds (Badger: 15% of a 32 MiB
	// memtable).
	MaxTextBytes  = 2 << 20
	MaxParagraphs = 10000
)

// CheckLimits returns ErrInvalid, wrapped with the field, its size and the
// limit, when a field of a is past its limit or the id holds a control
// character. The error never quotes the oversized value.
func CheckLimits(a *Article) error {
	if len(a.ID) > MaxIDBytes {
		return tooLong("id", len(a.ID), MaxIDBytes, "bytes")
	}
	if i := strings.IndexFunc(a.ID, unicode.IsControl); i >= 0 {
		return fmt.Errorf("%w: id has a control character at byte %d", ErrInvalid, i)
	}
	for _, f := range []struct {
		name, value string
		limit       int
	}{
		{"newspaper", a.Newspaper, MaxNewspaperChars}, {"title", a.Title, MaxTitleChars},
		{"kicker", a.Kicker, MaxKickerChars}, {"subtitle", a.Subtitle, MaxSubtitleChars},
		{"section", a.Section, MaxSectionChars}, {"page", a.Page, MaxPageChars},
		{"source", a.Source, MaxSourceChars},
	} {
		if n := utf8.RuneCountInString(f.value); n > f.limit {
			return tooLong(f.name, n, f.limit, "characters")
		}
	}
	if len(a.URL) > MaxURLBytes {
		return tooLong("url", len(a.URL), MaxURLBytes, "bytes")
	}
	if err := checkAuthors(a.Authors); err != nil {
		return err
	}
	if len(a.Body) > MaxParagraphs {
		return fmt.Errorf("%w: body has %d paragraphs, more than %d", ErrInvalid, len(a.Body), MaxParagraphs)
	}
	if n := TextBytes(a); n > MaxTextBytes {
		return fmt.Errorf("%w: article has %d bytes of text, more than %d", ErrInvalid, n, MaxTextBytes)
	}
	return nil
}

func checkAuthors(authors []string) error {
	if len(authors) > MaxAuthors {
		return fmt.Errorf("%w: %d authors, more than %d", ErrInvalid, len(authors), MaxAuthors)
	}
	for i, name := range authors {
		if n := utf8.RuneCountInString(name); n > MaxAuthorChars {
			return tooLong(fmt.Sprintf("author %d", i+1), n, MaxAuthorChars, "characters")
		}
	}
	return nil
}

func tooLong(field string, n, limit int, unit string) error {
	return fmt.Errorf("%w: %s has %d %s, more than %d", ErrInvalid, field, n, unit, limit)
}

// TextBytes is the size of an article's text: title, kicker, subtitle and
// body.
func TextBytes(a *Article) int {
	n := len(a.Title) + len(a.Kicker) + len(a.Subtitle)
	for _, p := range a.Body {
		n += len(p)
	}
	return n
}

// Clip returns s cut to at most n bytes (at a character boundary), marked
// with "…" when cut: for naming a value in a message without echoing all of
// an oversized one.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
