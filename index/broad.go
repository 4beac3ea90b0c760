package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A broad word (中国: three in four articles of a million) cost its whole
// posting list, every hit scored: 130 ms a search at a million articles,
// the tail of the word queries. Its page rarely needs most of them. A
// hit's score is its match's score plus its ranking queries'; a word in
// the title lifts it far above the rest. So of a broad match only the
// candidates are ranked: the hits that may match a ranking query on the
// headings or joining the clause's words, found on the bitmaps
// (bitmaps.go) and scored by the very searchers and norms of the full
// search (candidates.go). Any other hit scores less than a bound known
// before the search (candidateBound); when the page's last candidate
// scores above it, no other hit can reach the page, which is the full
// search's, with the same scores. When not, every hit is ranked after
// all. The number of hits and the facets come from the bitmaps too.

// DefaultBroadHits is how many hits make a match broad enough to rank by
// its candidates first: below it, scoring every hit is cheap.
const DefaultBroadHits = 4096

// rankMode is how a broadQuery searched.
type rankMode int

const (
	rankAll        rankMode = iota // every hit scored (Bleve's boolean searcher)
	rankCandidates                 // only hits matching a ranking query
)

// broadQuery is the root of a ranked search whose match is bitmapable
// (Must) and whose ranking queries (Should) decide the order. Searcher
// fills in what it found.
type broadQuery struct {
	*query.BooleanQuery
	cols      *facetColumns
	minHits   uint64 // rank by candidates from this many hits up
	all       bool   // rank every hit, whatever the count
	always    bool   // rank by candidates, however few (Index.broadAlways)
	facets    bool   // count facets from the hits
	days      bool   // count days too
	mode      rankMode
	want      int    // hits the page needs from the first (offset + size)
	total     uint64 // every hit of the match
	cand      *candidateSearcher
	hitBMs    []*roaring.Bitmap // per segment, the hits (before a date range is checked, unless exactHits)
	exactHits bool              // hitBMs are the hits within the date range too
	cands     []*roaring.Bitmap // per segment, hits that may match a ranking query (candidateRanks)
	strong    uint64            // how many may match a strong one
	offsets   []uint64          // each segment's first global document number
	boundW    float64           // the weight of the match and the weak ranking queries, for candidateBound
	counts    *facetCounts      // when facets
	searched  bool
}

func (q *broadQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if q.searched {
		return nil, fmt.Errorf("rank broad query: searched twice")
	}
	q.searched = true
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("rank broad query: index reader %T is not a scorch snapshot", r)
	}
	if err := q.count(ctx, snap); err != nil {
		return nil, err
	}
	mq := q.Must
	if q.exactHits && q.hitBMs != nil {
		mq = scoringParts(mq)
	}
	must, err := mq.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	should, weak, err := q.shouldSearcher(ctx, r, m, opts)
	if err != nil {
		_ = must.Close()
		return nil, err
	}
	if q.mode == rankAll && q.hitBMs == nil {
		return searcher.NewBooleanSearcher(ctx, r, must, should, nil, opts)
	}
	if q.mode == rankAll {
		// Led by the hits' bitmaps, the match is advanced to its hits
		// only; Bleve's conjunction, led by its rarest part (a section,
		// say), advances the others to every article of that part.
		s := newCandidateSearcher(must, should, newDocIter(q.hitBMs, q.offsets), opts)
		s.every = true
		return s, nil
	}
	q.cand = newCandidateSearcher(must, should, newDocIter(q.cands, q.offsets), opts)
	q.boundW = must.Weight() + weak
	return q.cand, nil
}

// shouldSearcher builds the searcher of the ranking queries as Bleve's
// boolean query builds it, and returns with it what bounds the score of a
// hit that matches none of the candidate ones (candidateRanks): the sum
// of the others' weights, each divided by its boost floor.
func (q *broadQuery) shouldSearcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, float64, error) {
	d, ok := q.Should.(*query.DisjunctionQuery)
	if !ok {
		s, err := q.Should.Searcher(ctx, r, m, opts)
		if err != nil || onHeadings(q.Should) {
			return s, 0, err
		}
		return s, s.Weight() / boostFloor(q.Should), nil
	}
	parts := make([]bsearch.Searcher, 0, len(d.Disjuncts))
	var weak float64
	for _, p := range d.Disjuncts {
		s, err := p.Searcher(ctx, r, m, opts)
		if err != nil {
			for _, s := range parts {
				_ = s.Close()
			}
			return nil, 0, err
		}
		parts = append(parts, s)
		if !onHeadings(p) {
			weak += s.Weight() / boostFloor(p)
		}
	}
	// As query.DisjunctionQuery.Searcher does (no score breakdown here).
	s, err := searcher.NewDisjunctionSearcher(context.WithValue(ctx, bsearch.IncludeScoreBreakdownKey, false), r, parts, d.Min, opts)
	return s, weak, err
}

// count finds the hits as bitmaps, and the candidates (hits that may
// match a ranking query on the headings or joining the words); decides
// whether to rank the candidates only (mode); and counts the hits, and
// their facets, when those must be exact.
func (q *broadQuery) count(ctx context.Context, snap *scorch.IndexSnapshot) error {
	q.mode = rankAll
	if q.all && !q.facets {
		return nil
	}
	// A date range wraps the match (withDate). Its check, day by day
	// through the facet columns, is left until the hits must be exact: a
	// search ranked hit by hit without facets takes its total from Bleve.
	must, dates := q.Must, (*dateRange)(nil)
	if d, ok := must.(*datedQuery); ok {
		must, dates = d.Query, d.dates
	}
	// The ranking queries on the headings and the bigrams joining words
	// make candidates. Words as words (the substring reading's) would
	// cost as much again as the match, and score little: what they can
	// add to a score is in the bound instead. Candidates are only worth
	// ranking when enough of them may match a title word (strong): a
	// page of hits that match a weaker ranking query only rarely scores
	// above the bound, and then every hit is ranked after all.
	var ranks []query.Query
	if strong, rest := candidateRanks(q.Should); strong != nil && !q.all {
		ranks = append(ranks, strong)
		if rest != nil {
			ranks = append(ranks, rest)
		}
	}
	// With candidates to choose from, the range is checked first: the
	// hits and strong candidates within it decide how to rank (a narrow
	// range leaves few), and a candidate outside it would only cost.
	if dates != nil && len(ranks) > 0 {
		must, dates = q.Must, nil
	}
	q.exactHits = dates == nil
	var cursor *columnCursor
	var terms []facetTerm
	load := func() (err error) {
		if cursor == nil {
			cursor, terms, err = q.cols.of(ctx, snap, "count hits")
		}
		return err
	}
	if hasDates(must) { // nested deeper than withDate puts it
		if err := load(); err != nil {
			return err
		}
	}
	hits, err := hitsOf(ctx, snap, must, ranks, cursor)
	if err != nil {
		return err
	}
	if len(ranks) > 0 {
		q.strong = hits.ranked[0]
	}
	q.cands, q.offsets, q.hitBMs = hits.cands, hits.offsets, hits.bms
	// The candidates pay when they are fewer than the hits: each costs the
	// match and the ranking queries advanced to it. Too few cannot fill
	// the page. (Before the date check, the hits are at most this many.)
	total, n := hits.total(), cardinality(q.cands)
	if !q.all && q.cands != nil && total >= q.minHits && (q.always || n <= total/2 && q.strong >= uint64(q.want)) {
		q.mode = rankCandidates
	}
	if q.mode == rankAll && !q.facets {
		return nil
	}
	if dates != nil {
		if err := load(); err != nil {
			return err
		}
		hits.within(dates, cursor)
		q.exactHits = true
	}
	q.total = hits.total()
	if q.facets {
		if err := load(); err != nil {
			return err
		}
		q.counts = newFacetCounts(cursor, terms, q.days)
		hits.countInto(q.counts)
	}
	return nil
}

// exact reports whether a search ranked by candidates found the page the
// full search would: every hit is a candidate, or the page (want hits
// from its start) is full and its last hit scores above the bound.
func (q *broadQuery) exact(hits bsearch.DocumentMatchCollection, candidates uint64, want int) bool {
	if q.mode == rankAll || candidates == q.total {
		return true
	}
	return len(hits) == want && hits[len(hits)-1].Score > candidateBound(q.cand.norm, q.boundW)
}

// hits is the number of hits: counted from the bitmaps when ranked by
// candidates, else Bleve's count of the search.
func (q *broadQuery) hits(searched uint64) uint64 {
	if q.mode == rankCandidates {
		return q.total
	}
	return searched
}

// broadQuery returns root as a broadQuery when it can be one: ranked by
// relevance, its match bitmapable, its ranking queries beside it. Nil
// otherwise, or when the index ranks every hit (broadHits 0).
func (x *Index) broadQuery(root query.Query, req search.Request, want int, facets, days bool) *broadQuery {
	bq, ok := root.(*query.BooleanQuery)
	if !ok || x.broadHits == 0 || bq.Should == nil || bq.MustNot != nil || bq.Filter != nil || !bitmapable(bq.Must) ||
		(req.Sort != "" && req.Sort != search.SortRelevance) {
		return nil
	}
	return &broadQuery{BooleanQuery: bq, cols: &x.cols, minHits: x.broadHits, always: x.broadAlways, want: want, facets: facets, days: days}
}

// hasDates reports whether q holds a date range.
func hasDates(q query.Query) bool {
	switch q := q.(type) {
	case *datedQuery:
		return true
	case *query.ConjunctionQuery:
		return slices.ContainsFunc(q.Conjuncts, hasDates)
	case *query.DisjunctionQuery:
		return slices.ContainsFunc(q.Disjuncts, hasDates)
	case *query.BooleanQuery:
		return hasDates(q.Must) || hasDates(q.MustNot)
	}
	return false
}

// scoringParts returns a match without the parts that only filter: its
// date range and its terms of boost 0 (the years of a range, yearTerms).
// Led by the hits' bitmaps, which hold those filters already, the match
// is advanced to its hits only to score them, and those parts score 0 and
// weigh 0: the scores are the same, without a date checked per hit or a
// disjunction of years advanced with every hit. A conjunction none of
// whose parts only filters is left as it is (a date range nested in it is
// then checked again: correct, only not saved; withDate puts the range at
// the top, where it is taken off).
func scoringParts(q query.Query) query.Query {
	switch q := q.(type) {
	case *datedQuery:
		return scoringParts(q.Query)
	case *query.ConjunctionQuery:
		var keep []query.Query
		for _, c := range q.Conjuncts {
			if !scoresNothing(c) {
				keep = append(keep, scoringParts(c))
			}
		}
		switch len(keep) {
		case 0, len(q.Conjuncts):
			return q
		case 1:
			return keep[0]
		}
		return query.NewConjunctionQuery(keep)
	}
	return q
}

// scoresNothing reports whether q only filters: terms of boost 0, and
// disjunctions and conjunctions of them.
func scoresNothing(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return q.BoostVal != nil && *q.BoostVal == 0
	case *query.DisjunctionQuery:
		return every(q.Disjuncts, scoresNothing)
	case *query.ConjunctionQuery:
		return every(q.Conjuncts, scoresNothing)
	}
	return false
}
