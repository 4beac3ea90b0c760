package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/baosou/baosou/article"
)

// MaxLineBytes bounds one JSON Lines record; a longer line is rejected
// (and reported) rather than read into memory without limit. A record of
// MaxArticleBytes of text fits even with every character \u-escaped
// (6 bytes for the 3 of a Chinese character), with room for its other fields.
const MaxLineBytes = MaxArticleBytes*2 + 1<<20

// record is the JSON Lines schema (see ../shared/corpus/README.md). body and
// authors may be a string (paragraphs or names separated by newlines) or an
// array of strings.
type record struct {
	ID        string     `json:"id"`
	Newspaper string     `json:"newspaper"`
	Date      string     `json:"date"`
	Section   string     `json:"section"`
	Page      flexString `json:"page"`
	Kicker    string     `json:"kicker"`
	Title     string     `json:"title"`
	Subtitle  string     `json:"subtitle"`
	Authors   flexList   `json:"authors"`
	Body      flexList   `json:"body"`
	URL       string     `json:"url"`
	Source    string     `json:"source"`
}

// flexList accepts a string (split on newlines) or an array of strings.
type flexList []string

func (f *flexList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = strings.Split(s, "\n")
		return nil
	}
	var ss []string
	if err := json.Unmarshal(b, &ss); err != nil {
		// An UnmarshalTypeError gets the field name added by encoding/json.
		return &json.UnmarshalTypeError{Value: "a value that is not a string or an array of strings", Type: reflect.TypeFor[flexList]()}
	}
	*f = ss
	return nil
}

// flexString accepts a string or a number (page 3 or "03").
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] != '"' && b[0] != 'n' {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return &json.UnmarshalTypeError{Value: "a value that is not a string or a number", Type: reflect.TypeFor[flexString]()}
		}
		*f = flexString(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*f = flexString(s)
	return nil
}

// LineError is a rejected JSON Lines record.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// readError is a failure to read the input itself (a truncated gzip, say):
// a problem with that file, not with the store or index.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// readJSONL calls fn for each valid record of r, and bad for each bad line.
// It stops on an I/O error or when fn or bad fails.
func readJSONL(name string, r io.Reader, fn func(line int, a *article.Article) error, bad func(*LineError) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		raw, tooLong, err := readLine(br)
		if err == io.EOF && len(raw) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return &readError{fmt.Errorf("read %s line %d: %w", name, line, err)}
		}
		switch a, perr := parseRecord(raw, tooLong); {
		case perr != nil:
			if err := bad(&LineError{File: name, Line: line, Err: perr}); err != nil {
				return err
			}
		case a != nil:
			if err := fn(line, a); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine returns the next line without its newline; a line longer than
// MaxLineBytes is consumed and reported as tooLong.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > MaxLineBytes {
			tooLong = true
			line = line[:0]
		} else {
			line = append(line, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

// parseRecord decodes one line. Blank lines yield (nil, nil).
func parseRecord(raw []byte, tooLong bool) (*article.Article, error) {
	if tooLong {
		return nil, fmt.Errorf("line longer than %d bytes", MaxLineBytes)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, nil
	}
	var rec record
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("invalid JSON: more than one value on the line")
	}
	a := &article.Article{
		ID: rec.ID, Newspaper: rec.Newspaper, Date: rec.Date, Section: rec.Section, Page: string(rec.Page),
		Kicker: rec.Kicker, Title: rec.Title, Subtitle: rec.Subtitle, Authors: rec.Authors,
		Body: rec.Body, URL: rec.URL, Source: rec.Source,
	}
	if err := a.Normalize(); err != nil {
		return nil, err
	}
	if err := article.CheckLimits(a); err != nil {
		return nil, err
	}
	return a, nil
}
