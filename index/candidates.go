package index

import (
	"math"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bindex "github.com/blevesearch/bleve_index_api"
)

// What makes a candidate of a broad match (broad.go), what bounds the
// score of a hit that is not one, and the searcher that ranks the
// candidates.

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
		return every(q.Conjuncts, onHeadings)
	case *query.DisjunctionQuery:
		return every(q.Disjuncts, onHeadings)
	}
	return false
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
// hold scores no more than must alone, under the bound: it is left out,
// unless every hit is asked for (every: ids are then all the hits, and
// it is the boolean searcher, led by the bitmaps instead of by the
// match's rarest part).
type candidateSearcher struct {
	must, should bsearch.Searcher
	ids          *docIter
	norm         float64
	scorer       *scorer.ConjunctionQueryScorer
	currMust     *bsearch.DocumentMatch // nil once handed out in a hit
	currShould   *bsearch.DocumentMatch
	mustAt       uint64 // where must stands (currMust's document, or the last hit's)
	mustDone     bool
	shouldDone   bool
	every        bool // every hit of ids, scored by the match alone where should does not hold it
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
		if err != nil {
			return nil, err
		}
		if sh != nil && sh.IndexInternalID.Value() == id {
			s.cons[0], s.cons[1] = s.currMust, sh
			return s.hit(ctx, s.cons)
		}
		if s.every {
			s.cons[0] = s.currMust // scored by the match alone, as Bleve does
			return s.hit(ctx, s.cons[:1])
		}
		if sh == nil {
			return nil, nil // nothing more that should holds
		}
		s.ids.skipTo(sh.IndexInternalID.Value())
	}
}

// hit scores the current document from its matches; the hit is currMust,
// now the caller's.
func (s *candidateSearcher) hit(ctx *bsearch.SearchContext, cons []*bsearch.DocumentMatch) (*bsearch.DocumentMatch, error) {
	rv := s.scorer.Score(ctx, cons)
	s.currMust = nil
	return rv, nil
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
	if s.shouldDone || s.currShould != nil && s.currShould.IndexInternalID.Value() >= id {
		return s.currShould, nil
	}
	if s.currShould != nil {
		ctx.DocumentMatchPool.Put(s.currShould)
	}
	var err error
	s.currShould, err = s.should.Advance(ctx, bindex.NewIndexInternalID(nil, id))
	s.shouldDone = s.currShould == nil && err == nil
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
