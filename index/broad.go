package index

import (
	"context"
	"fmt"
	"math"

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
	cols       *facetColumns
	minHits    uint64 // rank by candidates from this many hits up
	all        bool   // rank every hit, whatever the count
	facets     bool   // count facets from the hits
	days       bool   // count days too
	mode       rankMode
	want       int    // hits the page needs from the first (offset + size)
	total      uint64 // every hit of the match
	candidates uint64 // at most this many hits match a ranking query
	cand       *candidateSearcher
	mustW      float64      // the match's weight, for candidateBound
	counts     *facetCounts // when facets
	searched   bool
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
	should, err := q.Should.Searcher(ctx, r, m, opts)
	if err != nil {
		_ = must.Close()
		return nil, err
	}
	// The candidates pay when they are much fewer than the hits: each is
	// found by the ranking queries (phrases among them) and the match
	// advanced to it. A narrow match among broad ranking queries (a region
	// filter and common words) is cheaper ranked hit by hit, and too few
	// candidates cannot fill the page.
	if q.all || q.total < q.minHits || q.candidates > q.total/2 || q.candidates < uint64(q.want) {
		q.mode = rankAll
		return searcher.NewBooleanSearcher(ctx, r, must, should, nil, opts)
	}
	q.mode = rankCandidates
	q.cand, q.mustW = newCandidateSearcher(must, should, opts), must.Weight()
	return q.cand, nil
}

// count finds the hits as bitmaps when their number or facets are asked
// for, and counts them.
func (q *broadQuery) count(ctx context.Context, snap *scorch.IndexSnapshot) error {
	if q.all && !q.facets {
		return nil
	}
	var cursor *columnCursor
	var terms []facetTerm
	if q.facets || hasDates(q.Must) {
		var err error
		if cursor, terms, err = q.cols.of(ctx, snap, "count hits"); err != nil {
			return err
		}
	}
	var rank query.Query
	if !q.all {
		rank = q.Should
	}
	hits, err := hitsOf(ctx, snap, q.Must, rank, cursor)
	if err != nil {
		return err
	}
	q.total, q.candidates = hits.total(), uint64(hits.candidates)
	if q.facets {
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
	return len(hits) == want && hits[len(hits)-1].Score > candidateBound(q.cand.norm, q.mustW)
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
	return &broadQuery{BooleanQuery: bq, cols: &x.cols, minHits: x.broadHits, want: want, facets: facets, days: days}
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

// candidateSearcher returns the hits of must that should matches too,
// scored as Bleve's boolean searcher scores them (must's score plus
// should's, with the same query norm).
type candidateSearcher struct {
	must, should bsearch.Searcher
	norm         float64
	scorer       *scorer.ConjunctionQueryScorer
	currMust     *bsearch.DocumentMatch
	currShould   *bsearch.DocumentMatch
	cons         []*bsearch.DocumentMatch
	started      bool
	consumed     bool // currShould was scored into the last hit
}

func newCandidateSearcher(must, should bsearch.Searcher, opts bsearch.SearcherOptions) *candidateSearcher {
	s := &candidateSearcher{must: must, should: should, scorer: scorer.NewConjunctionQueryScorer(opts), cons: make([]*bsearch.DocumentMatch, 2)}
	// As searcher.BooleanSearcher computes its norm, so scores are equal.
	s.norm = 1.0 / math.Sqrt(must.Weight()+should.Weight())
	must.SetQueryNorm(s.norm)
	should.SetQueryNorm(s.norm)
	return s
}

func (s *candidateSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		s.started = true
		var err error
		if s.currShould, err = s.should.Next(ctx); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// match leapfrogs the two searchers from the current candidate to the
// next document both hold.
func (s *candidateSearcher) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	var err error
	if s.consumed {
		// Put back only now, as Bleve's boolean searcher does: the hit
		// returned holds what it merged from it until the caller is done.
		s.consumed = false
		ctx.DocumentMatchPool.Put(s.currShould)
		if s.currShould, err = s.should.Next(ctx); err != nil {
			return nil, err
		}
	}
	for s.currShould != nil {
		id := s.currShould.IndexInternalID
		if s.currMust == nil || s.currMust.IndexInternalID.Compare(id) < 0 {
			if s.currMust != nil {
				ctx.DocumentMatchPool.Put(s.currMust)
			}
			if s.currMust, err = s.must.Advance(ctx, id); err != nil || s.currMust == nil {
				return nil, err
			}
		}
		if s.currMust.IndexInternalID.Equals(id) {
			s.cons[0], s.cons[1] = s.currMust, s.currShould
			rv := s.scorer.Score(ctx, s.cons) // rv is currMust, now the caller's
			s.currMust, s.consumed = nil, true
			return rv, nil
		}
		ctx.DocumentMatchPool.Put(s.currShould)
		if s.currShould, err = s.should.Advance(ctx, s.currMust.IndexInternalID); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

func (s *candidateSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	s.started = true
	if s.consumed {
		s.consumed = false
		if s.currShould.IndexInternalID.Compare(id) >= 0 {
			// Advancing to where the last hit was or before: the next one.
			ctx.DocumentMatchPool.Put(s.currShould)
			var err error
			if s.currShould, err = s.should.Next(ctx); err != nil {
				return nil, err
			}
		}
	}
	if s.currShould == nil || s.currShould.IndexInternalID.Compare(id) < 0 {
		if s.currShould != nil {
			ctx.DocumentMatchPool.Put(s.currShould)
		}
		var err error
		if s.currShould, err = s.should.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
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

func (s *candidateSearcher) Count() uint64 { return s.should.Count() }
func (s *candidateSearcher) Min() int      { return 0 }
func (s *candidateSearcher) Size() int     { return s.must.Size() + s.should.Size() }

func (s *candidateSearcher) DocumentMatchPoolSize() int {
	return 3 + s.must.DocumentMatchPoolSize() + s.should.DocumentMatchPoolSize()
}
