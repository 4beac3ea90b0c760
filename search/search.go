package search

import (
	"context"
	"errors"
	"fmt"
)

// Request is one search. Zero values mean "no restriction".
type Request struct {
	Query   string
	From    string // YYYY-MM-DD, inclusive
	To      string // YYYY-MM-DD, inclusive
	Section string
	Region  string // a place name in any common form: 长春, 长春市, 吉林省
	Page    int    // 1-based page of results
	Size    int    // hits per page
}

// Highlights holds HTML-escaped text with matches wrapped in <mark>…</mark>.
type Highlights struct {
	Title    string   `json:"title"`
	Kicker   string   `json:"kicker,omitempty"`
	Subtitle string   `json:"subtitle,omitempty"`
	Body     []string `json:"body"` // never null: [] when there is no body
}

// Hit is one matching article as the result list shows it.
type Hit struct {
	ID         string     `json:"id"`
	Newspaper  string     `json:"newspaper"`
	Date       string     `json:"date"`
	Section    string     `json:"section"`
	Page       string     `json:"page"`
	Kicker     string     `json:"kicker"`
	Title      string     `json:"title"`
	Subtitle   string     `json:"subtitle"`
	Authors    []string   `json:"authors"`
	Regions    []string   `json:"regions"`
	Score      float64    `json:"score"`
	Highlights Highlights `json:"highlights"`
}

// Result is one page of hits and the total number of matches.
type Result struct {
	Total  uint64 `json:"total"`
	TookMS int64  `json:"took_ms"`
	Hits   []Hit  `json:"hits"`
}

// Searcher answers search requests.
type Searcher interface {
	Search(ctx context.Context, req Request) (*Result, error)
}

// Error kinds. The server maps each to one HTTP status in one table.
var (
	ErrBadRequest  = errors.New("bad request")
	ErrNotFound    = errors.New("not found")
	ErrUnavailable = errors.New("unavailable")
	ErrConflict    = errors.New("conflict")  // e.g. a rebuild is already running
	ErrForbidden   = errors.New("forbidden") // a write without the right token
)

// ParamError is a bad request naming the parameter at fault.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Reason) }

// Unwrap makes a ParamError match ErrBadRequest.
func (e *ParamError) Unwrap() error { return ErrBadRequest }

// Token is one token of analysed text, as /api/analyze shows it.
type Token struct {
	Term     string `json:"term"`     // the indexed form (folded)
	Text     string `json:"text"`     // the original characters
	Start    int    `json:"start"`    // byte offset in the text
	End      int    `json:"end"`      // byte offset just past the token
	Position int    `json:"position"` // 1-based character position of the first character
}

// Analyzer shows how text is cut, at index time ("index") or query time ("query").
type Analyzer interface {
	Analyze(ctx context.Context, text, mode string) ([]Token, error)
}
