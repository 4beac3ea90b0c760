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

// Paging limits (the contract's).
const (
	DefaultSize = search.DefaultSize
	MaxSize     = search.MaxSize
	MaxOffset   = search.MaxOffset
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
	if err := req.Validate(); err != nil {
		return nil, err
	}
	p, err := x.plan(req)
	if err != nil {
		return nil, err
	}
	size, from, err := req.Paging()
	if err != nil {
		return nil, err
	}
	if x.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, x.opts.Timeout)
		defer cancel()
	}
	kind := p.kind()
	done, err := x.turn(ctx, kind)
	if err != nil {
		return nil, searchError(req, err)
	}
	began := time.Now()
	defer func() {
		x.turns.record(kind, time.Since(began))
		done()
	}()
	// Over-fetched so that near-identical articles collapsed into one hit
	// still leave a full page.
	match := x.matchQuery(p, p.reading(req.Substr))
	days := withinMonth(req)
	var cached *search.Facets
	key, keyed := "", false
	seq, seqErr := x.Seq()
	if req.Facets && seqErr == nil {
		key, keyed = facetKey(x.withDate(match, nil, p.filters.date), req)
		if keyed {
			cached, _ = x.facets.get(seq, key)
		}
	}
	sr := x.request(p, match, req, size+collapseSlack, from)
	wantFacets := req.Facets && cached == nil
	broad := x.broadQuery(sr.Query, req, sr.From+sr.Size, wantFacets, days)
	var counting *countingQuery
	switch {
	case broad != nil:
		sr.Query = broad
	case wantFacets:
		counting = &countingQuery{Query: sr.Query, cols: &x.cols, days: days}
		sr.Query = counting
	}
	res, err := x.searchStored(ctx, sr, storedFields)
	if err == nil && broad != nil && broad.mode == rankCandidates {
		x.broad.candidates.Add(1)
	}
	if err == nil && broad != nil && !broad.exact(res.Hits, res.Total, sr.Size) {
		// The candidates fell short: rank every hit after all.
		x.broad.fellShort.Add(1)
		broad = &broadQuery{BooleanQuery: broad.BooleanQuery, cols: broad.cols, all: true, facets: broad.facets, days: days}
		sr.Query = broad
		res, err = x.searchStored(ctx, sr, storedFields)
	}
	if err != nil {
		return nil, searchError(req, err)
	}
	out := &search.Result{Total: res.Total, Repairs: p.repairs}
	var counts *facetCounts
	switch {
	case broad != nil:
		out.Total, counts = broad.hits(res.Total), broad.counts
	case counting != nil:
		counts = counting.counts
	}
	if p.substr != nil && req.CountSubstr {
		n, err := x.countReading(ctx, p, p.reading(!req.Substr))
		if err != nil {
			return nil, searchError(req, err)
		}
		out.SubstrOnly = max(n, out.Total) - min(n, out.Total)
	}
	switch {
	case cached != nil:
		out.Facets = cached
	case wantFacets:
		out.Facets = x.countFacets(counts, req, days)
		if keyed {
			x.facets.put(seq, key, out.Facets)
		}
	}
	page := collapse(toRanked(res), size)
	out.Hits = x.highlighted(page, p.needles)
	out.TookMS = time.Since(start).Milliseconds()
	return out, nil
}

// turn waits for a turn to search and returns the function that ends it.
//
// A search is work for one core from start to end. With more searches at
// once than cores, each gets a share, and the long ones (a broad word: a
// tenth of a second of CPU at a million articles) take their share times
// longer, which is the tail users see. Taking turns, a search runs at full
// speed once started, and waiting costs the short ones little, since a
// turn frees up as soon as any search ends; the cheap kind goes first
// (turns.go).
func (x *Index) turn(ctx context.Context, kind searchKind) (func(), error) {
	return x.turns.take(ctx, kind)
}

// searchError wraps a failed search; one that ran out of time is
// ErrUnavailable, so the caller can answer 503 rather than 500.
func searchError(req search.Request, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("search %q: %w: took longer than allowed; narrow the search (%v)", req.Query, search.ErrUnavailable, err)
	}
	return fmt.Errorf("search %q: %w", req.Query, err)
}

// filterSet is a request's filters: date as a range, the others as terms.
type filterSet struct {
	date  *dateRange // nil: no date filter
	terms []query.Query
}

func (x *Index) filters(req search.Request) (filterSet, error) {
	var fs filterSet
	from, to, err := req.DateRange()
	if err != nil {
		return fs, err
	}
	if !from.IsZero() || !to.IsZero() {
		fs.date = newDateRange(from, to)
		if years := yearTerms(from, to); years != nil {
			fs.terms = append(fs.terms, years)
		}
	}
	for _, f := range []struct {
		field  string
		values []string
	}{{FieldSection, req.Sections}, {FieldNewspaper, req.Newspapers}, {FieldAuthors, req.Authors}} {
		if q := anyTerm(f.field, f.values); q != nil {
			fs.terms = append(fs.terms, q)
		}
	}
	regions, err := x.anyRegion(req.Regions)
	if err != nil {
		return fs, err
	}
	if regions != nil {
		fs.terms = append(fs.terms, regions)
	}
	return fs, nil
}

// anyTerm matches any of values (trimmed)
// in field, unscored; nil when there are none.
func anyTerm(field string, values []string) query.Query {
	var qs []query.Query
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			qs = append(qs, termQuery(field, v))
		}
	}
	return anyOf(qs)
}

// anyRegion matches articles about any of the named regions (and the
// places below them), each resolved to its indexed path.
func (x *Index) anyRegion(names []string) (query.Query, error) {
	var paths []string
	for _, r := range names {
		r = strings.TrimSpace(r)
		if r == "" {
			continue
		}
		path := r
		if x.opts.ResolveRegion != nil {
			var err error
			if path, err = x.opts.ResolveRegion(r); err != nil {
				return nil, &search.ParamError{Param: "region", Reason: err.Error()}
			}
		}
		paths = append(paths, path)
	}
	return anyTerm(FieldRegions, paths), nil
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
