package index

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A broad word (中国: three in four articles of a million) cost its whole
// posting list, every hit scored: 120 ms a search at a million articles,
// the tail of the word queries. Its page rarely needs most of them. A
// hit's score is its match's score plus its ranking queries' (a title or
// heading match, the words standing together); and the match alone, by
// the shape of BM25, scores less than a bound known before the search
// (candidateBound). So when the hits that match a ranking query (the
// candidates) fill the page with scores above that bound, no other hit
// can reach it: the page is found by scoring the candidates only, with
// the very searchers and norms of the full search, so the same hits come
// back with the same scores. The number of hits and the facets come from
// the match's bitmaps (bitmaps.go). When the candidates fall short, the
// full search runs after all.

// DefaultBroadHits is how many hits make a match broad enough to rank by
// its candidates first (Options.BroadHits): below it, scoring every hit
// is cheap.
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
	cols     *facetColumns
	minHits  uint64 // rank by candidates from this many hits up
	all      bool   // rank every hit, whatever the count
	always   bool   // rank by candidates, however few (Index.broadAlways)
	facets   bool   // count facets from the hits
	days     bool   // count days too
	mode     rankMode
	want     int    // hits the page needs from the first (offset + size)
	total    uint64 // every hit of the match
	cand     *candidateSearcher
	cands    []*roaring.Bitmap // per segment, hits that may match a ranking query (candidateRanks)
	strong   uint64            // how many may match a strong one
	offsets  []uint64          // each segment's first global document number
	boundW   float64           // the weight of the match and the weak ranking queries, for candidateBound
	counts   *facetCounts      // when facets
	searched bool
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
	must, err := q.Must.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	should, weak, err := q.shouldSearcher(ctx, r, m, opts)
	if err != nil {
		_ = must.Close()
		return nil, err
	}
	if q.mode == rankAll {
		return searcher.NewBooleanSearcher(ctx, r, must, should, nil, opts)
	}
	q.mode = rankCandidates
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

// count finds the hits as bitmaps when their number or facets are asked
// for, and counts them; and the candidates, hits that may match a
// ranking query on the headings.
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
	q.cands, q.offsets = hits.cands, hits.offsets
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

// candidateRanks splits the ranking queries on the headings and the
// bigrams joining a clause's words into the strong ones (a boost of at
// least strongBoost: a word in the title) and the rest; both nil without
// a strong one. A hit matching none of them is not a candidate: the rest
// of its score is bounded.
func candidateRanks(should query.Query) (strong, rest query.Query) {
	parts := []query.Query{should}
	if d, ok := should.(*query.DisjunctionQuery); ok {
		parts = d.Disjuncts
	}
	var ss, rs []query.Query
	for _, p := range parts {
		switch {
		case !onHeadings(p):
		case isStrong(p):
			ss = append(ss, p)
		default:
			rs = append(rs, p)
		}
	}
	if len(ss) == 0 {
		return nil, nil
	}
	return anyOf(ss), anyOf(rs)
}

// strongBoost is the boost of a ranking query whose match lifts a hit
// well above what its match alone scores: a word in the title.
const strongBoost = 2

func isStrong(q query.Query) bool {
	b, ok := q.(query.BoostableQuery)
	return ok && b.Boost() >= strongBoost
}

// anyOf matches any of qs: nil for none, the query itself for one.
func anyOf(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// onHeadings reports whether every term of q is on the title, the heading
// bigrams or the bigrams of all the text (the ones joining the words of
// a clause): everything but words as words, which the substring reading
// scores across the whole text.
func onHeadings(q query.Query) bool {
	heading := func(f string) bool { return f == FieldTitle || f == FieldHeadGrams || f == FieldText2Grams }
	switch q := q.(type) {
	case *query.TermQuery:
		return heading(q.FieldVal)
	case *query.PhraseQuery:
		return heading(q.FieldVal)
	case *query.MultiPhraseQuery:
		return heading(q.FieldVal)
	case *query.ConjunctionQuery:
		return allOnHeadings(q.Conjuncts)
	case *query.DisjunctionQuery:
		return allOnHeadings(q.Disjuncts)
	}
	return false
}

func allOnHeadings(qs []query.Query) bool {
	for _, q := range qs {
		if !onHeadings(q) {
			return false
		}
	}
	return len(qs) > 0
}

// boostFloor is at most the boost any term of q is scored with, and at
// most 1: a term with boost b scores under k1 × norm × its weight / b
// (see candidateBound), and boosts may multiply down a query's parts.
// Terms of boost 0 score nothing and are left out.
func boostFloor(q query.Query) float64 {
	own := 1.0
	if b, ok := q.(query.BoostableQuery); ok && b.Boost() > 0 {
		own = min(1, b.Boost())
	}
	var parts []query.Query
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		parts = q.Conjuncts
	case *query.DisjunctionQuery:
		parts = q.Disjuncts
	case *query.BooleanQuery:
		parts = []query.Query{q.Must, q.Should}
	}
	floor := 1.0
	for _, p := range parts {
		if p != nil {
			floor = min(floor, boostFloor(p))
		}
	}
	return own * floor
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
		return anyHasDates(q.Conjuncts)
	case *query.DisjunctionQuery:
		return anyHasDates(q.Disjuncts)
	case *query.BooleanQuery:
		return hasDates(q.Must) || hasDates(q.MustNot)
	}
	return false
}

func anyHasDates(qs []query.Query) bool {
	for _, q := range qs {
		if hasDates(q) {
			return true
		}
	}
	return false
}

// candidateBound is what a hit's match alone scores less than. Each term
// of the match scores its document score times its query weight (boost ×
// idf × norm). Its document score is under idf × k1 with BM25 (tf·k1 /
// (tf + k1·(1−b+b·len/avg)) < k1) and at most idf with tf-idf (√freq ×
// 1/√len ≤ 1), so with boost 1 the term scores less than k1 × norm ×
// (boost × idf)², which is k1 × norm × its weight; a boost of 0 scores 0
// and weighs 0. Conjunctions and exclusions add their parts' scores,
// disjunctions at most that (their coordination factor is at most one),
// and their weights are those sums too: so the bound is the match's
// weight times norm times k1 (or 1, whichever is more), with a margin
// for rounding.
func candidateBound(norm, weight float64) float64 {
	return math.Max(1, bsearch.BM25_k1) * norm * weight * (1 + 1e-9)
}

// candidateSearcher returns the candidates (ids) that must and should
// both hold, scored as Bleve's boolean searcher scores them (must's score
// plus should's, with the same query norm). A candidate should does not
// hold scores no more than must alone, under the bound: it is left out.
type candidateSearcher struct {
	must, should bsearch.Searcher
	ids          *docIter
	norm         float64
	scorer       *scorer.ConjunctionQueryScorer
	currMust     *bsearch.DocumentMatch // nil once handed out in a hit
	currShould   *bsearch.DocumentMatch
	mustAt       uint64 // where must stands (currMust's document, or the last hit's)
	mustDone     bool
	cons         []*bsearch.DocumentMatch
}

func newCandidateSearcher(must, should bsearch.Searcher, ids *docIter, opts bsearch.SearcherOptions) *candidateSearcher {
	s := &candidateSearcher{must: must, should: should, ids: ids, scorer: scorer.NewConjunctionQueryScorer(opts), cons: make([]*bsearch.DocumentMatch, 2)}
	// As searcher.BooleanSearcher computes its norm, so scores are equal.
	s.norm = 1.0 / math.Sqrt(must.Weight()+should.Weight())
	must.SetQueryNorm(s.norm)
	should.SetQueryNorm(s.norm)
	return s
}

func (s *candidateSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		id, ok := s.ids.next()
		if !ok {
			return nil, nil
		}
		at, err := s.mustTo(ctx, id)
		if err != nil || s.mustDone {
			return nil, err
		}
		if at != id {
			s.ids.skipTo(at) // not a hit after all
			continue
		}
		sh, err := s.shouldTo(ctx, id)
		if err != nil || sh == nil {
			return nil, err // nothing more that should holds
		}
		if sh.IndexInternalID.Value() != id {
			s.ids.skipTo(sh.IndexInternalID.Value())
			continue
		}
		s.cons[0], s.cons[1] = s.currMust, sh
		rv := s.scorer.Score(ctx, s.cons) // rv is currMust, now the caller's
		s.currMust = nil
		return rv, nil
	}
}

// mustTo advances must to the first hit at or after id and returns where
// it stands. Scorch starts a term over when advanced to where it stands
// or before, so a searcher is advanced only forward.
func (s *candidateSearcher) mustTo(ctx *bsearch.SearchContext, id uint64) (uint64, error) {
	if s.currMust != nil && s.mustAt >= id {
		return s.mustAt, nil
	}
	if s.currMust != nil {
		ctx.DocumentMatchPool.Put(s.currMust)
	}
	var err error
	if s.currMust, err = s.must.Advance(ctx, bindex.NewIndexInternalID(nil, id)); err != nil {
		return 0, err
	}
	if s.currMust == nil {
		s.mustDone = true
		return 0, nil
	}
	s.mustAt = s.currMust.IndexInternalID.Value()
	return s.mustAt, nil
}

// shouldTo advances should likewise; its match is kept, not put back,
// while a hit may hold what was merged from it (as Bleve's boolean
// searcher does).
func (s *candidateSearcher) shouldTo(ctx *bsearch.SearchContext, id uint64) (*bsearch.DocumentMatch, error) {
	if s.currShould != nil && s.currShould.IndexInternalID.Value() >= id {
		return s.currShould, nil
	}
	if s.currShould != nil {
		ctx.DocumentMatchPool.Put(s.currShould)
	}
	var err error
	s.currShould, err = s.should.Advance(ctx, bindex.NewIndexInternalID(nil, id))
	return s.currShould, err
}

func (s *candidateSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	s.ids.skipTo(id.Value())
	return s.Next(ctx)
}

func (s *candidateSearcher) Close() error {
	err := s.must.Close()
	if err2 := s.should.Close(); err == nil {
		err = err2
	}
	return err
}

func (s *candidateSearcher) Weight() float64 { return s.must.Weight() + s.should.Weight() }

func (s *candidateSearcher) SetQueryNorm(n float64) {
	s.norm = n
	s.must.SetQueryNorm(n)
	s.should.SetQueryNorm(n)
}

func (s *candidateSearcher) Count() uint64 { return cardinality(s.ids.bms) }
func (s *candidateSearcher) Min() int      { return 0 }
func (s *candidateSearcher) Size() int     { return s.must.Size() + s.should.Size() }

func (s *candidateSearcher) DocumentMatchPoolSize() int {
	return 3 + s.must.DocumentMatchPoolSize() + s.should.DocumentMatchPoolSize()
}
