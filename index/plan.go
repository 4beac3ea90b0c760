package index

import (
	"context"
	"fmt"
	"math"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Bounds on what one request can become, so no query costs without limit:
// a match query per word, and per clause a few ranking queries per word.
const (
	MaxClauses = 16 // clauses (whitespace-separated parts and quoted phrases)
	MaxWords   = 32 // match queries: one per distinct word of unquoted clauses, one per quoted clause
)

// plan is a request turned into Bleve queries.
type plan struct {
	match   []query.Query // every one must match
	filters filterSet
	rank    []query.Query // ranking signals
	needles []string      // what the highlighter marks
}

// empty means the request has no words: it lists articles by date.
func (p *plan) empty() bool { return len(p.match) == 0 }

func (x *Index) plan(req search.Request) (*plan, error) {
	clauses := parseClauses(req.Query)
	if len(clauses) > MaxClauses {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("has %d parts; at most %d are searched together, narrow the query", len(clauses), MaxClauses)}
	}
	p := &plan{}
	for _, c := range clauses {
		cp, ok := x.planClause(c)
		if !ok {
			continue
		}
		p.match = append(p.match, cp.match...)
		p.rank = append(p.rank, cp.rank...)
		p.needles = append(p.needles, cp.needles...)
	}
	if len(p.match) > MaxWords {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("has %d words; at most %d are searched together, narrow the query", len(p.match), MaxWords)}
	}
	var err error
	if p.filters, err = x.filters(req); err != nil {
		return nil, err
	}
	return p, nil
}

// rankedHit is a hit with its stored fields.
type rankedHit struct {
	id     string
	score  float64
	fields map[string]any
}

// list answers a request without words: the filtered articles, newest first.
func (x *Index) list(ctx context.Context, p *plan, size, from int) ([]rankedHit, uint64, error) {
	var q query.Query = query.NewMatchAllQuery()
	if len(p.filters.terms) > 0 {
		q = query.NewConjunctionQuery(p.filters.terms)
	}
	sr := bleve.NewSearchRequestOptions(withDate(q, nil, p.filters.date), size, from, false)
	sr.SortBy([]string{"-" + FieldDate, "_id"})
	sr.Fields = storedFields
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, 0, err
	}
	return toRanked(res), res.Total, nil
}

// ranked answers a request with words (see Search).
func (x *Index) ranked(ctx context.Context, p *plan, size, from int) ([]rankedHit, uint64, error) {
	// Section and region are terms: in the conjunction, a rare one leads
	// and the others skip to it. A date range is many terms; as a filter it
	// is one unscored bitmap, so it never makes a search slower.
	must := query.NewConjunctionQuery(append(append([]query.Query{}, p.match...), p.filters.terms...))
	sr := bleve.NewSearchRequestOptions(withDate(must, p.rank, p.filters.date), size, from, false)
	sr.Fields = storedFields // loaded for the page's hits only
	// Sorted by score alone: any other sort makes Bleve load a date or an
	// id for every hit, not only for the ones kept. Equal scores keep index
	// order, which is stable for an index.
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, 0, err
	}
	return toRanked(res), res.Total, nil
}

// withDate returns q, ranked also by should, restricted to the date range
// (nil: none).
func withDate(q query.Query, should []query.Query, date query.Query) query.Query {
	if len(should) == 0 && date == nil {
		return q
	}
	bq := query.NewBooleanQuery([]query.Query{q}, should, nil)
	if date != nil {
		bq.AddFilter(date)
	}
	return bq
}

func toRanked(res *bleve.SearchResult) []rankedHit {
	out := make([]rankedHit, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = rankedHit{id: h.ID, score: h.Score, fields: h.Fields}
	}
	return out
}

// highlighted turns a page of hits into the contract's hits, with
// highlights.
func (x *Index) highlighted(page []rankedHit, needles []string) []search.Hit {
	out := make([]search.Hit, 0, len(page))
	for _, h := range page {
		hit := hitFromFields(h.id, h.fields)
		if !math.IsNaN(h.score) && !math.IsInf(h.score, 0) {
			hit.Score = h.score // zero-boost filters alone score 0/0: no score, not invalid JSON
		}
		body, _ := h.fields[FieldBody].(string)
		hit.Highlights = search.Highlights{
			Title:    x.hl.Mark(hit.Title, needles),
			Kicker:   x.hl.Mark(hit.Kicker, needles),
			Subtitle: x.hl.Mark(hit.Subtitle, needles),
			Body:     x.hl.Snippets(body, needles),
		}
		if hit.Highlights.Body == nil {
			hit.Highlights.Body = []string{}
		}
		out = append(out, hit)
	}
	return out
}
