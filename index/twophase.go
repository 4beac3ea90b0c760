package index

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A substring longer than two characters is confirmed by the positions of
// its bigrams, the costly part of a search. Standing alone, a substring
// query confirms every article that holds its bigrams, even when the
// other parts of the search (a section, a date, another word) rule most
// of them out: Bleve advances a phrase to the next article where it
// holds, reading positions all the way. So a substring that must match
// is split in two phases: its cheap approximation (the word, or all the
// bigrams anywhere) joins the other parts, and the positions are read
// only for the articles they all agree on (verifiedQuery).

// substringQuery is textSubstring of a text of three or more characters.
// Where it cannot be split (under OR or NOT) it confirms itself, as
// whole.
type substringQuery struct {
	whole  query.Query // self-confirming: word ∨ (bigrams ∧ ¬word ∧ positions)
	approx query.Query // word ∨ (bigrams ∧ ¬word), no positions
	check  substringCheck
}

func (q *substringQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	return q.whole.Searcher(ctx, r, m, opts)
}

// MarshalJSON names the query for the facet cache's key.
func (q *substringQuery) MarshalJSON() ([]byte, error) { return json.Marshal(q.whole) }

// substringCheck confirms a substring in one article: it is a term of
// FieldWords there, or its bigrams stand at their slots' positions in one
// element of FieldText2Grams ("" slots are any bigram).
type substringCheck struct {
	Word  string     `json:"word"`
	Slots [][]string `json:"slots"`
}

// liftChecks splits the substrings among the required parts of q (q
// itself and, through conjunctions, its parts) into their approximations
// and checks. Anything else is left as it is.
func liftChecks(q query.Query) (query.Query, []substringCheck) {
	switch q := q.(type) {
	case *substringQuery:
		return q.approx, []substringCheck{q.check}
	case *query.ConjunctionQuery:
		out := make([]query.Query, len(q.Conjuncts))
		var checks []substringCheck
		for i, c := range q.Conjuncts {
			var cs []substringCheck
			out[i], cs = liftChecks(c)
			checks = append(checks, cs...)
		}
		if checks == nil {
			return q, nil
		}
		cq := query.NewConjunctionQuery(out)
		cq.SetBoost(q.Boost())
		return cq, checks
	}
	return q, nil
}

// verifiedQuery is a query whose hits must also pass its checks.
type verifiedQuery struct {
	Query  query.Query      `json:"query"`
	Checks []substringCheck `json:"checks"`
}

func (q *verifiedQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	inner, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	vs := &verifiedSearcher{Searcher: inner}
	for _, c := range q.Checks {
		cr, err := openCheck(ctx, r, c)
		if err != nil {
			vs.Close()
			return nil, err
		}
		vs.checks = append(vs.checks, cr)
	}
	return vs, nil
}

// verifiedSearcher passes on the hits of its searcher that pass every
// check.
type verifiedSearcher struct {
	bsearch.Searcher
	checks []*checkReaders
}

func (s *verifiedSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.confirmed(ctx, dm, err)
}

func (s *verifiedSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.confirmed(ctx, dm, err)
}

// confirmed returns dm, or the first hit after it, that passes the checks.
func (s *verifiedSearcher) confirmed(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for dm != nil && err == nil {
		ok, cerr := s.pass(dm.IndexInternalID)
		if cerr != nil || ok {
			return dm, cerr
		}
		ctx.DocumentMatchPool.Put(dm)
		dm, err = s.Searcher.Next(ctx)
	}
	return dm, err
}

func (s *verifiedSearcher) pass(id bindex.IndexInternalID) (bool, error) {
	for _, c := range s.checks {
		ok, err := c.at(id)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func (s *verifiedSearcher) Close() error {
	err := s.Searcher.Close()
	for _, c := range s.checks {
		if cerr := c.close(); err == nil {
			err = cerr
		}
	}
	return err
}

// checkReaders reads what one check needs: the word's postings, and the
// positions of the slots' bigrams. Hits come in document order, so each
// reader only moves forward.
type checkReaders struct {
	word  *cursor
	slots []*cursor // nil for a "" slot
}

func openCheck(ctx context.Context, r bindex.IndexReader, c substringCheck) (*checkReaders, error) {
	cr := &checkReaders{slots: make([]*cursor, len(c.Slots))}
	var err error
	if cr.word, err = openCursor(ctx, r, c.Word, FieldWords, false); err != nil {
		return nil, err
	}
	for i, slot := range c.Slots {
		if len(slot) != 1 || slot[0] == "" {
			continue
		}
		if cr.slots[i], err = openCursor(ctx, r, slot[0], FieldText2Grams, true); err != nil {
			cr.close()
			return nil, err
		}
	}
	return cr, nil
}

// at reports whether the substring stands in document id.
func (cr *checkReaders) at(id bindex.IndexInternalID) (bool, error) {
	if ok, err := cr.word.at(id); err != nil || ok {
		return ok, err
	}
	var anchor *cursor
	var anchorSlot int
	for i, c := range cr.slots {
		if c == nil {
			continue
		}
		if ok, err := c.at(id); err != nil || !ok {
			return false, err
		}
		if anchor == nil || len(c.doc.Vectors) < len(anchor.doc.Vectors) {
			anchor, anchorSlot = c, i
		}
	}
	if anchor == nil {
		return false, nil
	}
	// A start p (the position of slot 0) where every slot's bigram
	// stands at p+slot, in the same array element (text field).
	for _, v := range anchor.doc.Vectors {
		if v.Pos < uint64(anchorSlot) {
			continue
		}
		start := v.Pos - uint64(anchorSlot)
		if cr.standsAt(start, v.ArrayPositions) {
			return true, nil
		}
	}
	return false, nil
}

func (cr *checkReaders) standsAt(start uint64, element []uint64) bool {
	for i, c := range cr.slots {
		if c != nil && !c.hasPos(start+uint64(i), element) {
			return false
		}
	}
	return true
}

func (cr *checkReaders) close() error {
	var err error
	for _, c := range append([]*cursor{cr.word}, cr.slots...) {
		if c != nil {
			if cerr := c.r.Close(); err == nil {
				err = cerr
			}
		}
	}
	return err
}

// cursor is a term's postings read forward, with the current document.
type cursor struct {
	r   bindex.TermFieldReader
	doc *bindex.TermFieldDoc // nil: before the first, or done
	end bool
}

func openCursor(ctx context.Context, r bindex.IndexReader, term, field string, positions bool) (*cursor, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, positions)
	if err != nil {
		return nil, fmt.Errorf("read %s %q: %w", field, term, err)
	}
	return &cursor{r: tfr}, nil
}

// at moves to document id if the term is there, and reports whether it is.
func (c *cursor) at(id bindex.IndexInternalID) (bool, error) {
	if c.end {
		return false, nil
	}
	if c.doc != nil {
		switch c.doc.ID.Compare(id) {
		case 0:
			return true, nil
		case 1:
			return false, nil
		}
	}
	next, err := c.r.Advance(id, c.doc)
	if err != nil {
		return false, err
	}
	if next == nil {
		c.end, c.doc = true, nil
		return false, nil
	}
	c.doc = next
	return next.ID.Equals(id), nil
}

func (c *cursor) hasPos(pos uint64, element []uint64) bool {
	for _, v := range c.doc.Vectors {
		if v.Pos == pos && slices.Equal(v.ArrayPositions, element) {
			return true
		}
	}
	return false
}
