package index

import (
	"context"
	"math"
	"slices"

	"github.com/baosou/baosou/qlang"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Bounds on what one request can become, so no query costs without limit:
// a match query per word, and per clause a few ranking queries per word.
const (
	MaxClauses = qlang.MaxClauses // words and phrases of the query language
	MaxWords   = 32               // match queries: one per distinct word of unquoted clauses, one per quoted clause
)

// plan is a request turned into Bleve queries.
type plan struct {
	match reading // precise: words as words
	// substr is the reading with words also found inside other words;
	// nil when that is no different.
	substr  *reading
	text    bool // the query searches text; without, articles are listed by date
	filters filterSet
	rank    []query.Query // ranking signals
	asWords []query.Query // more ranking signals for the substr reading
	needles []string      // what the highlighter marks
	repairs []string
}

// reading returns the precise reading, or the substr one when asked for.
func (p *plan) reading(substr bool) reading {
	if substr && p.substr != nil {
		return *p.substr
	}
	return p.match
}

func (x *Index) plan(req search.Request) (*plan, error) {
	parsed, err := qlang.Parse(req.Query)
	if err != nil {
		return nil, err
	}
	p := &plan{repairs: parsed.Repairs}
	if parsed.Root != nil {
		c := &compiler{x: x}
		precise, substr, err := c.compileRoot(parsed.Root)
		if err != nil {
			return nil, err
		}
		p.match, p.rank, p.needles, p.text = precise, c.rank, c.needles, c.hasText
		if c.differs {
			p.substr, p.asWords = &substr, c.asWords
		}
	}
	if p.filters, err = x.filters(req); err != nil {
		return nil, err
	}
	return p, nil
}

// kind is what the plan is expected to cost: costly when it reads
// positions over all the text (substrings of three or more characters,
// phrases, nearness) or ranks by the bigrams joining words, each read for
// every hit; cheap otherwise.
func (p *plan) kind() searchKind {
	for _, q := range slices.Concat(p.match.must, p.match.mustNot, p.rank) {
		if readsAllText(q) {
			return costlySearch
		}
	}
	return cheapSearch
}

func readsAllText(q query.Query) bool {
	switch q := q.(type) {
	case *substringQuery, *verifiedQuery:
		return true
	case *query.TermQuery:
		return q.FieldVal == FieldText2Grams
	case *query.PhraseQuery:
		return q.FieldVal == FieldText2Grams
	case *query.MultiPhraseQuery:
		return q.FieldVal == FieldText2Grams
	case *query.ConjunctionQuery:
		return slices.ContainsFunc(q.Conjuncts, readsAllText)
	case *query.DisjunctionQuery:
		return slices.ContainsFunc(q.Disjuncts, readsAllText)
	case *query.BooleanQuery:
		return slices.ContainsFunc([]query.Query{q.Must, q.Should, q.MustNot, q.Filter}, func(q query.Query) bool { return q != nil && readsAllText(q) })
	}
	return false
}

// rankedHit is a hit with its stored fields.
type rankedHit struct {
	id     string
	score  float64
	fields map[string]any
	also   []search.Also // near-identical hits folded into this one
}

// request builds the Bleve request for a plan: its matching articles
// (match, from matchQuery), ranked by the plan's signals unless sorted by
// date, filtered by the plan's dates.
func (x *Index) request(p *plan, match query.Query, req search.Request, size, from int) *bleve.SearchRequest {
	var rank []query.Query
	if p.text && (req.Sort == "" || req.Sort == search.SortRelevance) {
		rank = p.rank
		if req.Substr {
			rank = append(slices.Clip(rank), p.asWords...)
		}
	}
	sr := bleve.NewSearchRequestOptions(x.withDate(match, rank, p.filters.date), size, from, false)
	switch {
	case req.Sort == search.SortDate:
		sr.SortBy([]string{FieldDate, "_id"})
	case req.Sort == search.SortDateDesc || !p.text:
		sr.SortBy([]string{"-" + FieldDate, "_id"})
	}
	// Otherwise sorted by score alone: any other sort makes Bleve load a
	// date or an id for every hit, not only for the ones kept. Equal
	// scores keep index order, which is stable for an index.
	return sr
}

// matchQuery is what decides the hits: the reading's parts and the
// filters' terms, all required, none of its exclusions. Section and region
// are terms: in the conjunction, a rare one leads and the others skip to
// it. A date range is many terms; as a filter (withDate) it is one
// unscored bitmap, so it never makes a search slower.
func (x *Index) matchQuery(p *plan, r reading) query.Query {
	must := append([]query.Query{}, p.filters.terms...)
	var checks []substringCheck
	for _, q := range r.must {
		q, cs := liftChecks(q)
		must, checks = append(must, q), append(checks, cs...)
	}
	var q query.Query
	switch len(must) {
	case 0:
		q = query.NewMatchAllQuery()
	case 1:
		q = must[0]
	default:
		q = query.NewConjunctionQuery(must)
	}
	if len(r.mustNot) > 0 {
		q = query.NewBooleanQuery([]query.Query{q}, nil, r.mustNot)
	}
	if len(checks) > 0 {
		q = &verifiedQuery{Query: q, Checks: checks}
	}
	return q
}

// countReading returns how many articles match a reading, with the
// plan's filters.
func (x *Index) countReading(ctx context.Context, p *plan, r reading) (uint64, error) {
	return x.count(ctx, x.withDate(x.matchQuery(p, r), nil, p.filters.date))
}

// withDate returns q, restricted to the date range (nil: none) and ranked
// also by should. The range filters q's hits before the ranking queries
// are advanced to them.
func (x *Index) withDate(q query.Query, should []query.Query, dates *dateRange) query.Query {
	if dates != nil {
		q = &datedQuery{Query: q, dates: dates, cols: &x.cols}
	}
	if len(should) == 0 {
		return q
	}
	// Must and Should set as they are: NewBooleanQuery wraps them in a
	// conjunction and a disjunction even when each holds one query, and
	// Bleve's searchers for those do work per hit (a tenth of what a
	// broad word query cost) for nothing. The scores stay the same: a
	// conjunction adds its parts' scores, a disjunction of one is its part.
	bq := query.NewBooleanQuery(nil, nil, nil)
	bq.Must = q
	switch len(should) {
	case 1:
		bq.Should = should[0]
	default:
		bq.Should = query.NewDisjunctionQuery(should)
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
