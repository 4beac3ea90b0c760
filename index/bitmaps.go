package index

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A match made only of terms (words, characters, bigrams, filters), and
// conjunctions, disjunctions, exclusions and date ranges of them, is
// decided by the posting lists' document sets alone. Bleve finds those
// hits one by one, decoding each posting's frequency and norm on the way
// (about 50 ns a posting at a million articles); the sets themselves are
// roaring bitmaps in every segment, which intersect a container at a time.
// So the number of hits and their facets of a broad word come from the
// bitmaps, and only the hits that can reach the page are scored
// (broad.go).

// hitSet is the hits of a match in each segment of a snapshot, by local
// document number, deleted documents excluded.
type hitSet struct {
	bms     []*roaring.Bitmap
	offsets []uint64          // each segment's first global document number
	cands   []*roaring.Bitmap // per segment, hits that may match a ranking query (see hitsOf)
	ranked  []uint64          // per ranking query, hits that may match it
}

// total is the number of hits.
func (h *hitSet) total() uint64 { return cardinality(h.bms) }

func cardinality(bms []*roaring.Bitmap) uint64 {
	var n uint64
	for _, bm := range bms {
		n += bm.GetCardinality()
	}
	return n
}

// docIter walks the documents of per-segment bitmaps in order, as global
// document numbers.
type docIter struct {
	bms     []*roaring.Bitmap
	offsets []uint64
	seg     int
	it      roaring.IntPeekable
}

func newDocIter(bms []*roaring.Bitmap, offsets []uint64) *docIter {
	d := &docIter{bms: bms, offsets: offsets, seg: -1}
	d.nextSeg()
	return d
}

func (d *docIter) nextSeg() {
	for d.seg++; d.seg < len(d.bms); d.seg++ {
		if d.it = d.bms[d.seg].Iterator(); d.it.HasNext() {
			return
		}
	}
	d.it = nil
}

// next returns the next document, or false at the end.
func (d *docIter) next() (uint64, bool) {
	if d.it == nil {
		return 0, false
	}
	g := d.offsets[d.seg] + uint64(d.it.Next())
	if !d.it.HasNext() {
		d.nextSeg()
	}
	return g, true
}

// skipTo moves to the first document at or after global.
func (d *docIter) skipTo(global uint64) {
	for d.it != nil {
		end := uint64(math.MaxUint64)
		if d.seg+1 < len(d.offsets) {
			end = d.offsets[d.seg+1]
		}
		if global >= end {
			d.nextSeg()
			continue
		}
		if global > d.offsets[d.seg] {
			d.it.AdvanceIfNeeded(uint32(global - d.offsets[d.seg]))
		}
		if !d.it.HasNext() {
			d.nextSeg()
		}
		return
	}
}

// countInto adds every hit to facet counts, in document order.
func (h *hitSet) countInto(c *facetCounts) {
	for i, bm := range h.bms {
		it := bm.Iterator()
		for it.HasNext() {
			c.add(h.offsets[i] + uint64(it.Next()))
		}
	}
}

// bitmapable reports whether q is made only of what hitsOf evaluates,
// with every term's boost 1 or 0 (see candidateBound).
func bitmapable(q query.Query) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return q.BoostVal == nil || *q.BoostVal == 1 || *q.BoostVal == 0
	case *query.ConjunctionQuery:
		return every(q.Conjuncts, bitmapable)
	case *query.DisjunctionQuery:
		return q.Min <= 1 && every(q.Disjuncts, bitmapable)
	case *query.BooleanQuery:
		return q.Should == nil && q.Filter == nil && q.Must != nil &&
			bitmapable(q.Must) && (q.MustNot == nil || bitmapable(q.MustNot))
	case *datedQuery:
		return bitmapable(q.Query)
	}
	return false
}

// every reports whether qs has parts and each satisfies ok: the test of a
// conjunction's or disjunction's parts in the walks of query shapes
// (bitmapable, onHeadings).
func every(qs []query.Query, ok func(query.Query) bool) bool {
	for _, q := range qs {
		if !ok(q) {
			return false
		}
	}
	return len(qs) > 0
}

// hitsOf evaluates q (bitmapable) over every segment of snap. Date ranges
// are checked against the dates of cursor's columns. With ranks, it also
// finds the hits that may match any of them (all that do, and perhaps
// more: phrases are taken as their terms anywhere), and how many may
// match each; when one has no bitmap, cands is nil.
func hitsOf(ctx context.Context, snap *scorch.IndexSnapshot, q query.Query, ranks []query.Query, cursor *columnCursor) (*hitSet, error) {
	segs := snap.Segments()
	h := &hitSet{bms: make([]*roaring.Bitmap, len(segs)), offsets: segmentOffsets(segs), ranked: make([]uint64, len(ranks))}
	if len(ranks) > 0 {
		h.cands = make([]*roaring.Bitmap, len(segs))
	}
	for i, ss := range segs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e := segEval{seg: ss.Segment(), deleted: ss.Deleted(), dicts: map[string]segment.TermDictionary{}}
		if cursor != nil {
			e.col = cursor.cols[i]
		}
		bm, err := e.eval(q)
		if err != nil {
			return nil, fmt.Errorf("match bitmaps: %w", err)
		}
		h.bms[i] = bm
		if h.cands == nil {
			continue
		}
		if h.cands[i], err = e.ranked(bm, ranks, h.ranked); err != nil {
			h.cands = nil // a ranking query without a bitmap: no candidates
		}
	}
	return h, nil
}

// ranked returns the hits (bm) that may match any of ranks, adding to
// counts how many may match each.
func (e *segEval) ranked(bm *roaring.Bitmap, ranks []query.Query, counts []uint64) (*roaring.Bitmap, error) {
	if bm.IsEmpty() {
		return bm, nil
	}
	parts := make([]*roaring.Bitmap, len(ranks))
	for j, r := range ranks {
		l, err := e.loose(r)
		if err != nil {
			return nil, err
		}
		parts[j] = roaring.And(bm, l)
		counts[j] += parts[j].GetCardinality()
	}
	return roaring.FastOr(parts...), nil
}

// segEval evaluates a query in one segment. Bitmaps it returns may be the
// segment's own: never modified, only combined into new ones.
type segEval struct {
	seg     segment.Segment
	deleted *roaring.Bitmap
	col     *facetColumn // dates, for datedQuery
	dicts   map[string]segment.TermDictionary
}

func (e *segEval) eval(q query.Query) (*roaring.Bitmap, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return e.term(q.FieldVal, q.Term)
	case *query.ConjunctionQuery:
		return combine(q.Conjuncts, e.eval, roaring.FastAnd)
	case *query.DisjunctionQuery:
		return combine(q.Disjuncts, e.eval, roaring.FastOr)
	case *query.BooleanQuery:
		must, err := e.eval(q.Must)
		if err != nil || q.MustNot == nil {
			return must, err
		}
		not, err := e.eval(q.MustNot)
		if err != nil {
			return nil, err
		}
		return roaring.AndNot(must, not), nil
	case *datedQuery:
		return e.dated(q)
	}
	return nil, fmt.Errorf("query %T has no bitmap", q)
}

// loose evaluates a ranking query to a superset of its hits: a phrase
// as the documents holding all its terms, anywhere.
func (e *segEval) loose(q query.Query) (*roaring.Bitmap, error) {
	switch q := q.(type) {
	case *query.TermQuery:
		return e.term(q.FieldVal, q.Term)
	case *query.ConjunctionQuery:
		return combine(q.Conjuncts, e.loose, roaring.FastAnd)
	case *query.DisjunctionQuery:
		return combine(q.Disjuncts, e.loose, roaring.FastOr)
	case *query.PhraseQuery:
		var qs []query.Query
		for _, t := range q.Terms {
			if t != "" {
				qs = append(qs, termQuery(q.FieldVal, t))
			}
		}
		return combine(qs, e.loose, roaring.FastAnd)
	case *query.MultiPhraseQuery:
		var qs []query.Query
		for _, slot := range q.Terms {
			if !slices.Contains(slot, "") && len(slot) > 0 {
				qs = append(qs, anyTerm(q.FieldVal, slot))
			}
		}
		return combine(qs, e.loose, roaring.FastAnd)
	}
	return nil, fmt.Errorf("ranking query %T has no bitmap", q)
}

// combine evaluates each of qs with eval and joins them with op.
func combine(qs []query.Query, eval func(query.Query) (*roaring.Bitmap, error), op func(...*roaring.Bitmap) *roaring.Bitmap) (*roaring.Bitmap, error) {
	if len(qs) == 0 {
		return nil, fmt.Errorf("a query of no parts")
	}
	bms := make([]*roaring.Bitmap, len(qs))
	for i, c := range qs {
		bm, err := eval(c)
		if err != nil {
			return nil, err
		}
		bms[i] = bm
	}
	if len(bms) == 1 {
		return bms[0], nil
	}
	return op(bms...), nil
}

// term is the documents of a term, deleted ones excluded.
func (e *segEval) term(field, term string) (*roaring.Bitmap, error) {
	dict, ok := e.dicts[field]
	if !ok {
		var err error
		if dict, err = e.seg.Dictionary(field); err != nil {
			return nil, fmt.Errorf("dictionary of %s: %w", field, err)
		}
		e.dicts[field] = dict
	}
	pl, err := dict.PostingsList([]byte(term), e.deleted, nil)
	if err != nil {
		return nil, fmt.Errorf("postings of %s %q: %w", field, term, err)
	}
	bm, err := postingsBitmap(pl)
	if err != nil {
		return nil, fmt.Errorf("postings of %s %q: %w", field, term, err)
	}
	return bm, nil
}

// postingsBitmap is the documents of a postings list: zap's own bitmap
// when it has one, which reads nothing more than the list itself.
func postingsBitmap(pl segment.PostingsList) (*roaring.Bitmap, error) {
	it := pl.Iterator(false, false, false, nil)
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if n, one := o.DocNum1Hit(); one {
			return roaring.BitmapOf(uint32(n)), nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return bm, nil
		}
		return roaring.New(), nil
	}
	bm := roaring.New() // another segment format: read the postings
	for {
		p, err := it.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return bm, nil
		}
		bm.Add(uint32(p.Number()))
	}
}

// dated keeps the hits of q whose day lies in its range.
func (e *segEval) dated(q *datedQuery) (*roaring.Bitmap, error) {
	in, err := e.eval(q.Query)
	if err != nil {
		return nil, err
	}
	if e.col == nil {
		return nil, fmt.Errorf("date filter without the dates")
	}
	return within(in, q.dates, e.col), nil
}

// within returns the documents of in whose day lies in dates.
func within(in *roaring.Bitmap, dates *dateRange, col *facetColumn) *roaring.Bitmap {
	kept := make([]uint32, 0, 256)
	it := in.ManyIterator()
	buf := make([]uint32, 256)
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			if int(d) < len(col.date) && dates.holds(col.date[d]) {
				kept = append(kept, d)
			}
		}
	}
	return roaring.BitmapOf(kept...)
}

// within keeps the hits, and the candidates, whose day lies in dates.
func (h *hitSet) within(dates *dateRange, cursor *columnCursor) {
	for i, bm := range h.bms {
		h.bms[i] = within(bm, dates, cursor.cols[i])
		if h.cands != nil {
			h.cands[i] = roaring.And(h.cands[i], h.bms[i])
		}
	}
}
