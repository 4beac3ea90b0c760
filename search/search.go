package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Request is one search. Zero values mean "no restriction".
type Request struct {
	// Query is in the query language (see package qlang): words, "quoted
	// phrases", -exclusions, OR, parentheses, field prefixes and
	// "proximity"~N.
	Query string
	From  string // YYYY, YYYY-MM or YYYY-MM-DD, inclusive (the whole year or month)
	To    string // YYYY, YYYY-MM or YYYY-MM-DD, inclusive
	// Each filter may name several values: an article matches one of
	// them; filters of different kinds must all match.
	Sections   []string
	Regions    []string // place names in any common form: 长春, 长春市, 吉林省
	Newspapers []string
	Authors    []string
	Sort       string // SortRelevance (the default), SortDate (oldest first) or SortDateDesc
	// Substr counts a match found only inside other words (长春 in
	// 延长|春节) as a hit; by default such articles are only counted in
	// Result.SubstrOnly.
	Substr bool
	// CountSubstr counts Result.SubstrOnly, at the cost of a second
	// matching pass.
	CountSubstr bool
	Facets      bool // compute Result.Facets
	Page        int  // 1-based page of results
	Size        int  // hits per page
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"  // oldest first
	SortDateDesc  = "-date" // newest first
)

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
	// Also lists near-identical articles collapsed into this hit (the
	// same story in other papers or printings).
	Also []Also `json:"also,omitempty"`
}

// Also is an article collapsed into a hit.
type Also struct {
	ID        string `json:"id"`
	Newspaper string `json:"newspaper"`
	Date      string `json:"date"`
	Page      string `json:"page"`
}

// Result is one page of hits and the total number of matches.
type Result struct {
	Total  uint64 `json:"total"`
	TookMS int64  `json:"took_ms"`
	Hits   []Hit  `json:"hits"`
	// SubstrOnly counts the articles where the query occurs only inside
	// other words (长春 in 延长春节), when Request.CountSubstr: not in
	// Total unless Request.Substr.
	SubstrOnly uint64 `json:"substr_only"`
	// Facets count the filtered result set by section, region, newspaper
	// and date, when Request.Facets.
	Facets *Facets `json:"facets,omitempty"`
	// Repairs says how a malformed query was read (an unclosed quote
	// closed, a dangling OR dropped).
	Repairs []string `json:"repairs,omitempty"`
}

// Facets are counts of the result set, to narrow it by.
type Facets struct {
	Section   []FacetValue `json:"section"`
	Region    []FacetValue `json:"region"` // one level below the region filter
	Newspaper []FacetValue `json:"newspaper"`
	Date      []FacetValue `json:"date"`      // a histogram, oldest first
	DateUnit  string       `json:"date_unit"` // "day", "month" or "year", by the span of the results
}

// FacetValue is one value of a facet and how many results have it.
type FacetValue struct {
	Value string `json:"value"`
	Count uint64 `json:"count"`
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

// Clone returns a copy of f that shares nothing with it.
func (f *Facets) Clone() *Facets {
	if f == nil {
		return nil
	}
	return &Facets{
		Section: slices.Clone(f.Section), Region: slices.Clone(f.Region), Newspaper: slices.Clone(f.Newspaper),
		Date: slices.Clone(f.Date), DateUnit: f.DateUnit,
	}
}
