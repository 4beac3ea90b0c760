package article

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DateLayout is the one date format articles carry: the day of publication.
const DateLayout = "2006-01-02"

// Article is one newspaper article. Body holds paragraphs in reading order.
// Regions holds region tags as full hierarchical names, e.g.
// "吉林省", "吉林省/长春市", "吉林省/长春市/宽城区" (see package region).
type Article struct {
	ID        string   `json:"id"`
	Newspaper string   `json:"newspaper"`
	Date      string   `json:"date"` // YYYY-MM-DD
	Section   string   `json:"section,omitempty"`
	Page      string   `json:"page,omitempty"`
	Pages     []string `json:"pages,omitempty"` // every page the article was printed on, when more than one
	Kicker    string   `json:"kicker,omitempty"`
	Title     string   `json:"title"`
	Subtitle  string   `json:"subtitle,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Body      []string `json:"body"`
	Regions   []string `json:"regions,omitempty"`
	URL       string   `json:"url,omitempty"`
	Source    string   `json:"source,omitempty"`
	// Variants holds the other texts of a story printed more than once
	// (see MergePrinting): Body is the fullest printing, what is searched.
	Variants []Variant `json:"variants,omitempty"`
}

// Variant is one printing of a story whose text differs from the
// article's Body: where it was printed and what it said, so a merge of
// printings can be undone from the store.
type Variant struct {
	Page   string   `json:"page,omitempty"`
	Source string   `json:"source,omitempty"`
	URL    string   `json:"url,omitempty"`
	Body   []string `json:"body"`
}

// ErrInvalid marks an article that cannot be accepted.
var ErrInvalid = errors.New("invalid article")

// clipBytes is how much of a bad value an error quotes.
const clipBytes = 64

// Years the index can hold: its dates are nanoseconds since 1970 in an
// int64, which covers 1677-09-21 to 2262-04-11.
const (
	MinYear = 1678
	MaxYear = 2261
)

// CheckYear rejects dates outside MinYear..MaxYear.
func CheckYear(t time.Time) error {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("year %d is outside %d–%d", y, MinYear, MaxYear)
	}
	return nil
}

// Time returns the publication date as a UTC midnight time.
func (a *Article) Time() (time.Time, error) {
	return time.Parse(DateLayout, a.Date)
}

// BodyText returns the body as one string, paragraphs joined by newlines.
func (a *Article) BodyText() string { return strings.Join(a.Body, "\n") }

// Normalize trims fields, drops empty paragraphs and authors, and derives the
// id when none is given. It returns ErrInvalid (wrapped, naming the field)
// when a required field is missing or malformed.
func (a *Article) Normalize() error {
	for _, f := range []*string{&a.ID, &a.Newspaper, &a.Date, &a.Section, &a.Page, &a.Kicker, &a.Title, &a.Subtitle, &a.URL, &a.Source} {
		*f = strings.TrimSpace(*f)
	}
	a.Body = compact(a.Body)
	a.Authors = compact(a.Authors)
	a.Regions = compact(a.Regions)
	a.Pages = compact(a.Pages)
	if a.Date == "" {
		return fmt.Errorf("%w: date is missing", ErrInvalid)
	}
	t, err := a.Time()
	if err != nil {
		return fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, Clip(a.Date, clipBytes))
	}
	if err := CheckYear(t); err != nil {
		return fmt.Errorf("%w: date %s: %v", ErrInvalid, a.Date, err)
	}
	if a.Title == "" && len(a.Body) == 0 {
		return fmt.Errorf("%w: neither title nor body", ErrInvalid)
	}
	if a.ID == "" {
		a.ID = DeriveID(a)
	}
	if strings.ContainsAny(a.ID, "/?#% \t\n") {
		return fmt.Errorf("%w: id %q contains a character not allowed in ids (/?#%% or space)", ErrInvalid, Clip(a.ID, clipBytes))
	}
	return nil
}

// DeriveID returns a stable id from what identifies an article in print:
// newspaper, date, page, title and body. The same article ingested twice
// gets the same id; the same story printed on two pages gets two ids here
// and is merged by the ingest step (see Key).
func DeriveID(a *Article) string {
	h := sha256.New()
	for _, s := range []string{a.Newspaper, a.Date, a.Page, a.Kicker, a.Title, a.Subtitle, a.BodyText()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func compact(in []string) []string {
	out := in[:0]
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
