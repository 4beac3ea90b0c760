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
	match []query.Query // every one must match
	// substr is match with words also found inside other words; nil when
	// that is no different (see clausePlan).
	substr  []query.Query
	filters filterSet
	rank    []query.Query // ranking signals
	needles []string      // what the highlighter marks
}

// substrMatch returns the match queries of the substring reading.
func (p *plan) substrMatch() []query.Query {
	if p.substr == nil {
		return p.match
	}
	return p.substr
}

// empty means the request has no words: it lists articles by date.
func (p *plan) empty() bool { return len(p.match) == 0 }

func (x *Index) plan(req search.Request) (*plan, error) {
	clauses := parseClauses(req.Query)
	if len(clauses) > MaxClauses {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("has %d parts; at most %d are searched together, narrow the query", len(clauses), MaxClauses)}
	}
	p := &plan{}
	differs := false
	for _, c := range clauses {
		cp, ok := x.planClause(c)
		if !ok {
			continue
		}
		p.match = append(p.match, cp.match...)
		if cp.substr != nil {
			p.substr, differs = append(p.substr, cp.substr...), true
		} else {
			p.substr = append(p.substr, cp.match...)
		}
		p.rank = append(p.rank, cp.rank...)
		p.needles = append(p.needles, cp.needles...)
	}
	if len(p.match) > MaxWords {
		return nil, &search.ParamError{Param: "q", Reason: fmt.Sprintf("has %d words; at most %d are searched together, narrow the query", len(p.match), MaxWords)}
	}
	if !differs {
		p.substr = nil
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
	also   []search.Also // near-identical hits folded into this one
}

// request builds the Bleve request for a plan: its matching articles
// (match), ranked by the plan's signals unless sorted by date, filtered,
// with facets when asked for.
func (x *Index) request(p *plan, match []query.Query, req search.Request, size, from int) *bleve.SearchRequest {
	var q query.Query
	var rank []query.Query
	switch {
	case len(match) > 0:
		// Section and region are terms: in the conjunction, a rare one
		// leads and the others skip to it. A date range is many terms; as
		// a filter it is one unscored bitmap, so it never makes a search
		// slower.
		q = query.NewConjunctionQuery(append(append([]query.Query{}, match...), p.filters.terms...))
		if req.Sort == "" || req.Sort == search.SortRelevance {
			rank = p.rank
		}
	case len(p.filters.terms) > 0:
		q = query.NewConjunctionQuery(p.filters.terms)
	default:
		q = query.NewMatchAllQuery()
	}
	sr := bleve.NewSearchRequestOptions(withDate(q, rank, p.filters.date), size, from, false)
	sr.Fields = storedFields // loaded for the page's hits only
	switch {
	case req.Sort == search.SortDate:
		sr.SortBy([]string{FieldDate, "_id"})
	case req.Sort == search.SortDateDesc || len(match) == 0:
		sr.SortBy([]string{"-" + FieldDate, "_id"})
	}
	// Otherwise sorted by score alone: any other sort makes Bleve load a
	// date or an id for every hit, not only for the ones kept. Equal
	// scores keep index order, which is stable for an index.
	if req.Facets {
		addFacets(sr)
	}
	return sr
}

// count returns how many articles match, with the plan's filters.
func (x *Index) count(ctx context.Context, p *plan, match []query.Query) (uint64, error) {
	q := query.NewConjunctionQuery(append(append([]query.Query{}, match...), p.filters.terms...))
	sr := bleve.NewSearchRequestOptions(withDate(q, nil, p.filters.date), 0, 0, false)
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
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
		hit.Also = h.also
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
