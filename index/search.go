package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
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
func (x *Index) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	start := time.Now()
	if len(req.Query) > MaxQueryBytes {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("longer than %d bytes", MaxQueryBytes)}
	}
	q, needles, err := x.buildQuery(req)
	if err != nil {
		return nil, err
	}
	size, from, err := paging(req)
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(q, size, from, false)
	sr.Fields = storedFields
	if strings.TrimSpace(req.Query) == "" {
		sr.SortBy([]string{"-" + FieldDate, "_id"})
	} else {
		sr.SortBy([]string{"-_score", "-" + FieldDate, "_id"})
	}
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	out := &search.Result{Total: res.Total, Hits: make([]search.Hit, 0, len(res.Hits))}
	hl := x.highlighter()
	for _, h := range res.Hits {
		hit := hitFromFields(h.ID, h.Fields)
		hit.Score = h.Score
		body, _ := h.Fields[FieldBody].(string)
		hit.Highlights = search.Highlights{
			Title:    hl.Mark(hit.Title, needles),
			Kicker:   hl.Mark(hit.Kicker, needles),
			Subtitle: hl.Mark(hit.Subtitle, needles),
			Body:     hl.Snippets(body, needles),
		}
		if hit.Highlights.Body == nil {
			hit.Highlights.Body = []string{}
		}
		out.Hits = append(out.Hits, hit)
	}
	out.TookMS = time.Since(start).Milliseconds()
	return out, nil
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

// buildQuery turns a request into a Bleve query and the folded strings to
// highlight.
func (x *Index) buildQuery(req search.Request) (query.Query, []string, error) {
	var must []query.Query
	var needles []string
	for _, c := range parseClauses(req.Query) {
		q, marks := x.buildClause(c)
		if q == nil {
			continue
		}
		must = append(must, q)
		needles = append(needles, marks...)
	}
	filters, err := x.filters(req)
	if err != nil {
		return nil, nil, err
	}
	must = append(must, filters...)
	if len(must) == 0 {
		return query.NewMatchAllQuery(), nil, nil
	}
	return query.NewConjunctionQuery(must), needles, nil
}

func (x *Index) filters(req search.Request) ([]query.Query, error) {
	var fs []query.Query
	from, err := parseDate("from", req.From)
	if err != nil {
		return nil, err
	}
	to, err := parseDate("to", req.To)
	if err != nil {
		return nil, err
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return nil, &search.ParamError{Param: "to", Reason: "is before from"}
	}
	if !from.IsZero() || !to.IsZero() {
		incl := true
		var end time.Time
		if !to.IsZero() {
			end = to.Add(24*time.Hour - time.Nanosecond)
		}
		dq := query.NewDateRangeInclusiveQuery(from, end, &incl, &incl)
		dq.SetField(FieldDate)
		fs = append(fs, dq)
	}
	if s := strings.TrimSpace(req.Section); s != "" {
		fs = append(fs, termQuery(FieldSection, s))
	}
	if r := strings.TrimSpace(req.Region); r != "" {
		path := r
		if x.opts.ResolveRegion != nil {
			if path, err = x.opts.ResolveRegion(r); err != nil {
				return nil, &search.ParamError{Param: "region", Reason: err.Error()}
			}
		}
		fs = append(fs, termQuery(FieldRegions, path))
	}
	return fs, nil
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
