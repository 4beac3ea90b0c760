package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MaxQueryBytes bounds a query: each clause becomes several Bleve queries.
const MaxQueryBytes = 1024

// Paging limits: deep paging costs memory in Bleve's collector.
const (
	DefaultSize = 10
	MaxSize     = 100
	MaxOffset   = 10000
)

var storedFields = []string{FieldNewspaper, FieldDate, FieldSection, FieldPage, FieldKicker, FieldTitle, FieldSubtitle, FieldAuthors, FieldRegions, FieldBody}

// Search runs a request. Bad parameters come back as *search.ParamError.
//
// Which articles match is decided by one cheap query per word (see
// planClause), and the ranking queries are only evaluated on those; hits
// are sorted by score alone, so Bleve loads neither a date nor an id per
// hit, and stored fields for the page only.
func (x *Index) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	start := time.Now()
	if len(req.Query) > MaxQueryBytes {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("longer than %d bytes", MaxQueryBytes)}
	}
	p, err := x.plan(req)
	if err != nil {
		return nil, err
	}
	size, from, err := paging(req)
	if err != nil {
		return nil, err
	}
	if x.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, x.opts.Timeout)
		defer cancel()
	}
	var page []rankedHit
	var total uint64
	if p.empty() {
		page, total, err = x.list(ctx, p, size, from)
	} else {
		page, total, err = x.ranked(ctx, p, size, from)
	}
	if err != nil {
		return nil, searchError(req, err)
	}
	return &search.Result{Total: total, Hits: x.highlighted(page, p.needles), TookMS: time.Since(start).Milliseconds()}, nil
}

// searchError wraps a failed search; one that ran out of time is
// ErrUnavailable, so the caller can answer 503 rather than 500.
func searchError(req search.Request, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("search %q: %w: took longer than allowed; narrow the search (%v)", req.Query, search.ErrUnavailable, err)
	}
	return fmt.Errorf("search %q: %w", req.Query, err)
}

func paging(req search.Request) (size, from int, err error) {
	size, page := req.Size, req.Page
	if size == 0 {
		size = DefaultSize
	}
	if page == 0 {
		page = 1
	}
	if size < 1 || size > MaxSize {
		return 0, 0, &search.ParamError{Param: "size", Reason: fmt.Sprintf("must be between 1 and %d", MaxSize)}
	}
	if page < 1 {
		return 0, 0, &search.ParamError{Param: "page", Reason: "must be 1 or more"}
	}
	if page-1 > MaxOffset/size {
		return 0, 0, &search.ParamError{Param: "page", Reason: fmt.Sprintf("results beyond the first %d cannot be paged to; narrow the search", MaxOffset)}
	}
	from = (page - 1) * size // no overflow: bounded just above
	if from > MaxOffset {
		return 0, 0, &search.ParamError{Param: "page", Reason: fmt.Sprintf("results beyond the first %d cannot be paged to; narrow the search", MaxOffset)}
	}
	return size, from, nil
}

// filterSet is a request's filters: date as a range, the others as terms.
type filterSet struct {
	date  query.Query // nil: no date filter
	terms []query.Query
}

func (x *Index) filters(req search.Request) (filterSet, error) {
	var fs filterSet
	from, err := parseDate("from", req.From)
	if err != nil {
		return fs, err
	}
	to, err := parseDate("to", req.To)
	if err != nil {
		return fs, err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return fs, &search.ParamError{Param: "to", Reason: "is before from"}
	}
	if !from.IsZero() || !to.IsZero() {
		incl := true
		var end time.Time
		if !to.IsZero() {
			end = to.Add(24*time.Hour - time.Nanosecond)
		}
		dq := query.NewDateRangeInclusiveQuery(from, end, &incl, &incl)
		dq.SetField(FieldDate)
		fs.date = dq
		if years := yearTerms(from, to); years != nil {
			fs.terms = append(fs.terms, years)
		}
	}
	if s := strings.TrimSpace(req.Section); s != "" {
		fs.terms = append(fs.terms, termQuery(FieldSection, s))
	}
	if r := strings.TrimSpace(req.Region); r != "" {
		path := r
		if x.opts.ResolveRegion != nil {
			if path, err = x.opts.ResolveRegion(r); err != nil {
				return fs, &search.ParamError{Param: "region", Reason: err.Error()}
			}
		}
		fs.terms = append(fs.terms, termQuery(FieldRegions, path))
	}
	return fs, nil
}

// maxYearTerms bounds the years a date filter names as terms; a wider
// range selects most of an archive anyway and is left to the date filter.
const maxYearTerms = 30

// yearTerms matches the years of [from, to] (zero: open), unscored, or is
// nil for a range of more than maxYearTerms years. In the conjunction it
// lets a narrow date range lead, so hits outside it are skipped rather
// than scored and then filtered; the date filter keeps the edges exact.
func yearTerms(from, to time.Time) query.Query {
	first, last := article.MinYear, article.MaxYear
	if !from.IsZero() {
		first = from.Year()
	}
	if !to.IsZero() {
		last = to.Year()
	}
	if last-first+1 > maxYearTerms {
		return nil
	}
	var qs []query.Query
	for y := first; y <= last; y++ {
		qs = append(qs, boosted(termQuery(FieldYear, fmt.Sprintf("%04d", y)), 0))
	}
	return query.NewDisjunctionQuery(qs)
}

func parseDate(param, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(article.DateLayout, s)
	if err != nil {
		return time.Time{}, &search.ParamError{Param: param, Reason: fmt.Sprintf("%q is not a date in YYYY-MM-DD form", s)}
	}
	if err := article.CheckYear(t); err != nil {
		return time.Time{}, &search.ParamError{Param: param, Reason: err.Error()}
	}
	return t, nil
}

func hitFromFields(id string, f map[string]any) search.Hit {
	str := func(k string) string { s, _ := f[k].(string); return s }
	date := str(FieldDate)
	if len(date) >= 10 {
		date = date[:10]
	}
	return search.Hit{
		ID: id, Newspaper: str(FieldNewspaper), Date: date, Section: str(FieldSection),
		Page: str(FieldPage), Kicker: str(FieldKicker), Title: str(FieldTitle), Subtitle: str(FieldSubtitle),
		Authors: strs(f[FieldAuthors]), Regions: strs(f[FieldRegions]),
	}
}

// strs reads a stored multi-value field: Bleve returns a lone value as a
// string and several as a slice.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}
