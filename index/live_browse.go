package index

import (
	"context"

	"github.com/baosou/baosou/search"
)

// The Live index browses, suggests and relates on its current index; an
// index replaced meanwhile stays open until the call returns.
var (
	_ search.Browser   = (*Live)(nil)
	_ search.Suggester = (*Live)(nil)
	_ search.Relater   = (*Live)(nil)
)

// Papers implements search.Browser on the current index.
func (l *Live) Papers(ctx context.Context) (out []search.Paper, err error) {
	err = l.With(func(x *Index) error { out, err = x.Papers(ctx); return err })
	return out, err
}

// Calendar implements search.Browser on the current index.
func (l *Live) Calendar(ctx context.Context, newspaper, month string) (out []search.Day, err error) {
	err = l.With(func(x *Index) error { out, err = x.Calendar(ctx, newspaper, month); return err })
	return out, err
}

// Issue implements search.Browser on the current index.
func (l *Live) Issue(ctx context.Context, newspaper, date string) (out *search.Issue, err error) {
	err = l.With(func(x *Index) error { out, err = x.Issue(ctx, newspaper, date); return err })
	return out, err
}

// Suggest implements search.Suggester on the current index. A newly
// swapped-in index suggests nothing until its words are built.
func (l *Live) Suggest(ctx context.Context, q string, size int) (out []search.Suggestion, err error) {
	err = l.With(func(x *Index) error { out, err = x.Suggest(ctx, q, size); return err })
	return out, err
}

// Related implements search.Relater on the current index.
func (l *Live) Related(ctx context.Context, id string, size int) (out *search.Result, err error) {
	err = l.With(func(x *Index) error { out, err = x.Related(ctx, id, size); return err })
	return out, err
}

// WarmFacets starts reading the current index's facet columns in the
// background (see Index.WarmFacets).
func (l *Live) WarmFacets() {
	_ = l.With(func(x *Index) error { x.WarmFacets(); return nil })
}

// WarmSuggestions starts building the current index's suggestion words in
// the background, so the first keystrokes already have completions.
func (l *Live) WarmSuggestions() {
	_ = l.With(func(x *Index) error { x.refreshSuggestions(x.sugg.cur.Load()); return nil })
}
