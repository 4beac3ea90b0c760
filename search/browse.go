package search

import "context"

// Paper is a newspaper in the archive and the dates it spans.
type Paper struct {
	Newspaper string `json:"newspaper"`
	First     string `json:"first"` // YYYY-MM-DD
	Last      string `json:"last"`
	Articles  uint64 `json:"articles"`
}

// Day is one day of a newspaper's calendar with articles.
type Day struct {
	Date     string `json:"date"`
	Articles uint64 `json:"articles"`
}

// IssuePage is one page (版面) of an issue with the articles printed on it.
type IssuePage struct {
	Page     string `json:"page"`
	Section  string `json:"section"`
	Articles []Hit  `json:"articles"` // without highlights
}

// Issue is one day's paper, page by page in print order.
type Issue struct {
	Newspaper string      `json:"newspaper"`
	Date      string      `json:"date"`
	Pages     []IssuePage `json:"pages"`
	Prev      string      `json:"prev,omitempty"` // date of the paper's previous issue
	Next      string      `json:"next,omitempty"`
}

// Browser lets a reader walk the archive as printed: paper → month → day
// → page.
type Browser interface {
	Papers(ctx context.Context) ([]Paper, error)
	// Calendar lists the days of month (YYYY-MM) with articles.
	Calendar(ctx context.Context, newspaper, month string) ([]Day, error)
	Issue(ctx context.Context, newspaper, date string) (*Issue, error)
}

// Suggestion is a completion of what a user is typing.
type Suggestion struct {
	Text  string `json:"text"`
	Count uint64 `json:"count"` // articles it occurs in
}

// Suggester completes what a user types, by prefix and infix (春 suggests
// 长春), fast enough for every keystroke.
type Suggester interface {
	Suggest(ctx context.Context, q string, size int) ([]Suggestion, error)
}

// Relater finds articles related to one, from the index alone.
type Relater interface {
	Related(ctx context.Context, id string, size int) (*Result, error)
}
