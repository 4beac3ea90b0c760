package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/internal/durable"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// Facets are counted by us, not by Bleve's facet builder: Bleve visits
// the doc values of every hit and counts strings in a map, which cost more
// than the search itself for a broad query (2–5× its p99 at 100k
// articles). Here each segment's facet terms are read once into a column
// (document → term ids), kept while the segment lives, and a search with
// facets adds one to an array slot per hit and term.

// facetColumn is one segment's facet terms, as ids into its
// facetColumns' table: document d's terms of FieldFacet are
// ids[start[d]:start[d+1]], its day (FieldDay) is day[d]-1 (0: none),
// and that day's number (dayNumber) is date[d] (noDate: none), for the
// date filter.
type facetColumn struct {
	start []uint32
	ids   []uint32
	day   []uint32
	date  []int32
}

// facetColumns caches the columns of the segments of recent snapshots,
// and numbers their terms. Segments are immutable, so a column stays
// right for as long as its segment lives; those no longer in the newest
// snapshot are dropped. The table of terms only grows: it holds the
// archive's sections, papers, months, regions and days, not its words.
type facetColumns struct {
	mu    sync.Mutex
	cols  map[segment.Segment]*columnEntry
	terms []facetTerm       // id → term; days as kindDay + YYYY-MM-DD
	ids   map[string]uint32 // term → id
	// dir holds the columns of the index's segment files (facetfile.go);
	// "" keeps them in memory only.
	dir string
	log *slog.Logger
}

// columnEntry is one segment's column, read once: searches that need it
// meanwhile wait for that one reading, and other segments are read in
// parallel.
type columnEntry struct {
	once  sync.Once
	col   *facetColumn
	err   error
	ready atomic.Bool // once has run: col and err are set
	saved atomic.Bool // the column is in its file (or has none)
}

// kindDay marks a day (FieldDay) among the terms of facetColumns.
const kindDay = "d" + facetSep

// facetTerm is a term of the table, cut once into its kind (kindSect and
// so on, separator included) and value, so that a search's facets are
// read without cutting thousands of terms again.
type facetTerm struct {
	kind, value string
}

func newFacetTerm(term string) facetTerm {
	kind, value, ok := strings.Cut(term, facetSep) // kinds hold no separator
	if !ok {
		return facetTerm{value: term}
	}
	return facetTerm{kind: kind + facetSep, value: value}
}

// of returns the columns of the snapshot r is, positioned for hits in
// document order, and the table of terms; doing names the caller in
// errors.
func (fc *facetColumns) of(ctx context.Context, r bindex.IndexReader, doing string) (*columnCursor, []facetTerm, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil, fmt.Errorf("%s: index reader %T is not a scorch snapshot", doing, r)
	}
	segs, entries, offsets := fc.entries(snap)
	cols, err := fc.columns(ctx, segs, entries, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", doing, err)
	}
	fc.mu.Lock()
	terms := fc.terms
	fc.mu.Unlock()
	return &columnCursor{cols: cols, offsets: offsets}, terms, nil
}

// columnCursor finds hits in the columns of a snapshot's segments.
type columnCursor struct {
	cols    []*facetColumn
	offsets []uint64 // each segment's first global document number
	seg     int      // the segment of the last hit: hits come in document order
}

// at returns the column of a hit, by its global document number, and the
// hit's number in it; ok is false when the column does not hold it.
func (c *columnCursor) at(global uint64) (col *facetColumn, local uint64, ok bool) {
	i := c.seg
	if global < c.offsets[i] || (i+1 < len(c.offsets) && global >= c.offsets[i+1]) {
		i = segmentOf(c.offsets, global)
		c.seg = i
	}
	col, local = c.cols[i], global-c.offsets[i]
	return col, local, local < uint64(len(col.day))
}

// warm reads the columns of a snapshot's segments, on workers goroutines,
// and writes those of segment files of at least minDocs documents that
// have none to their files, so that the next start reads them from there.
func (fc *facetColumns) warm(ctx context.Context, snap *scorch.IndexSnapshot, workers int, minDocs uint64) error {
	segs, entries, _ := fc.entries(snap)
	if _, err := fc.columns(ctx, segs, entries, workers); err != nil {
		return err
	}
	return fc.save(ctx, segs, entries, minDocs)
}

// saveRead writes the columns already read of a snapshot's segment files
// that have none to their files, reading no others.
func (fc *facetColumns) saveRead(ctx context.Context, snap *scorch.IndexSnapshot) error {
	segs, entries, _ := fc.entries(snap)
	return fc.save(ctx, segs, entries, 0)
}

// save writes the columns read and not yet saved of segs of at least
// minDocs documents to their files, then removes the files of segments
// merged away.
func (fc *facetColumns) save(ctx context.Context, segs []segment.Segment, entries []*columnEntry, minDocs uint64) error {
	if fc.dir == "" {
		return nil
	}
	segDir, written := "", false
	for i, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, ok := segs[i].(persistedSegment)
		if !ok {
			continue // a segment only in memory has no file
		}
		segDir = filepath.Dir(p.Path())
		if !e.ready.Load() || e.err != nil || e.saved.Load() || segs[i].Count() < minDocs {
			continue
		}
		if !written {
			if err := os.MkdirAll(fc.dir, 0o755); err != nil {
				return fmt.Errorf("save facet columns: %w", err)
			}
		}
		if err := fc.saveColumn(segs[i], e.col); err != nil {
			return err
		}
		written = true
		e.saved.Store(true)
	}
	if written { // one sync makes every rename above durable
		if err := durable.SyncDir(fc.dir); err != nil {
			return fmt.Errorf("save facet columns: %w", err)
		}
	}
	if segDir == "" {
		return nil
	}
	return fc.pruneColumnFiles(segDir)
}

// columns returns the columns of segs, reading those not read yet on
// workers goroutines: the first search with facets after a start reads
// them all (hundreds of MB at a million articles).
func (fc *facetColumns) columns(ctx context.Context, segs []segment.Segment, entries []*columnEntry, workers int) ([]*facetColumn, error) {
	cols := make([]*facetColumn, len(segs))
	next := make(chan int, len(segs))
	for i := range segs {
		next <- i
	}
	close(next)
	workers = max(1, min(workers, len(segs)))
	errs := make(chan error, workers)
	for range workers {
		go func() {
			for i := range next {
				if err := ctx.Err(); err != nil {
					errs <- err
					return
				}
				col, err := fc.column(entries[i], segs[i])
				if err != nil {
					errs <- err
					return
				}
				cols[i] = col
			}
			errs <- nil
		}()
	}
	var err error
	for range workers {
		err = errors.Join(err, <-errs)
	}
	if err != nil {
		return nil, err
	}
	return cols, nil
}

// column returns the column of a segment, reading it the first time.
func (fc *facetColumns) column(e *columnEntry, seg segment.Segment) (*facetColumn, error) {
	e.once.Do(func() {
		defer e.ready.Store(true)
		if col, ok := fc.loadColumn(seg); ok {
			e.col = col
			e.saved.Store(true)
			return
		}
		e.col, e.err = fc.read(seg)
	})
	return e.col, e.err
}

// entries returns a snapshot's segments, their entries (new ones not yet
// read) and first global document numbers, dropping the entries of
// segments gone from it.
func (fc *facetColumns) entries(snap *scorch.IndexSnapshot) ([]segment.Segment, []*columnEntry, []uint64) {
	ss := snap.Segments()
	segs := make([]segment.Segment, len(ss))
	entries := make([]*columnEntry, len(ss))
	offsets := segmentOffsets(ss)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.cols == nil {
		fc.cols, fc.ids = map[segment.Segment]*columnEntry{}, map[string]uint32{}
	}
	live := make(map[segment.Segment]bool, len(ss))
	for i, s := range ss {
		seg := s.Segment()
		segs[i] = seg
		live[seg] = true
		e, ok := fc.cols[seg]
		if !ok {
			e = &columnEntry{}
			fc.cols[seg] = e
		}
		entries[i] = e
	}
	// Segments gone from the snapshot are dropped at once: the key keeps
	// the whole segment alive, and while an ingest runs, a batch's segment
	// in memory is gone as soon as it is written or merged (kept until the
	// map doubled, they held 0.5–1.5 GB of dead segments at a million
	// articles and the garbage collector ran without pause). A search on
	// an older snapshot may read a column dropped here again; that costs
	// time once, never a wrong count.
	for seg := range fc.cols {
		if !live[seg] {
			delete(fc.cols, seg)
		}
	}
	return segs, entries, offsets
}

// number turns a segment's terms into ids of the table.
func (fc *facetColumns) number(terms []string) []uint32 {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.ids == nil {
		fc.ids = map[string]uint32{}
	}
	out := make([]uint32, len(terms))
	for i, t := range terms {
		id, ok := fc.ids[t]
		if !ok {
			id = uint32(len(fc.terms))
			fc.ids[t] = id
			fc.terms = append(fc.terms, newFacetTerm(t))
		}
		out[i] = id
	}
	return out
}

// read reads a segment's terms of FieldFacet and FieldDay, numbered in
// the table. It works on the postings' bitmaps, not document by document
// through a postings iterator: the first search with facets after a start
// waits for this on every segment of the archive.
func (fc *facetColumns) read(seg segment.Segment) (*facetColumn, error) {
	n := int(seg.Count())
	col := &facetColumn{start: make([]uint32, n+1), day: make([]uint32, n)}
	// The documents of each facet term, counted per document, then
	// placed (as the term's number in the segment), so that the column
	// is two flat arrays.
	var terms []string
	var docs []*roaring.Bitmap
	err := eachTermDocs(seg, FieldFacet, true, func(t string, bm *roaring.Bitmap) {
		terms, docs = append(terms, t), append(docs, bm)
	})
	if err != nil {
		return nil, err
	}
	buf := make([]uint32, 256)
	perDoc := make([]uint32, n)
	for _, bm := range docs {
		eachDoc(bm, n, buf, func(d uint32) { perDoc[d]++ })
	}
	for d := 0; d < n; d++ {
		col.start[d+1] = col.start[d] + perDoc[d]
	}
	col.ids = make([]uint32, col.start[n])
	placed := perDoc // reused: how many of d's ids are placed
	clear(placed)
	for local, bm := range docs {
		eachDoc(bm, n, buf, func(d uint32) {
			col.ids[col.start[d]+placed[d]] = uint32(local)
			placed[d]++
		})
	}
	col.date = make([]int32, n)
	for d := range col.date {
		col.date[d] = noDate
	}
	err = eachTermDocs(seg, FieldDay, false, func(t string, bm *roaring.Bitmap) {
		terms = append(terms, kindDay+t)
		date := int32(noDate)
		if day, err := time.Parse(article.DateLayout, t); err == nil {
			date = dayNumber(day)
		}
		day := uint32(len(terms)) // local number + 1
		eachDoc(bm, n, buf, func(d uint32) { col.day[d], col.date[d] = day, date })
	})
	if err != nil {
		return nil, err
	}
	fc.globalize(col, terms)
	return col, nil
}

// eachTermDocs calls fn for each term of field in a segment, in
// dictionary order, with the documents that have it (deleted ones
// included: columns are numbered as the segment is). Unless keep, fn
// must not keep the bitmap past its call: the next term's reuses it.
func eachTermDocs(seg segment.Segment, field string, keep bool, fn func(term string, docs *roaring.Bitmap)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("read facets: dictionary of %s: %w", field, err)
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, nil, nil)
	var pl segment.PostingsList
	for {
		e, err := it.Next()
		if err != nil {
			return fmt.Errorf("read facets: terms of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if keep {
			pl = nil // a list of its own: its bitmap is kept
		}
		pl, err = dict.PostingsList([]byte(e.Term), nil, pl)
		if err != nil {
			return fmt.Errorf("read facets: postings of %s %q: %w", field, e.Term, err)
		}
		bm, err := postingsBitmap(pl)
		if err != nil {
			return fmt.Errorf("read facets: postings of %s %q: %w", field, e.Term, err)
		}
		fn(e.Term, bm)
	}
}

// eachDoc calls fn with each document of bm below n, in order, reading
// them into buf; a number at or past n (a damaged segment) is skipped
// rather than let index past the column.
func eachDoc(bm *roaring.Bitmap, n int, buf []uint32, fn func(uint32)) {
	it := bm.ManyIterator()
	for {
		k := it.NextMany(buf)
		if k == 0 {
			return
		}
		for _, d := range buf[:k] {
			if int(d) < n {
				fn(d)
			}
		}
	}
}

// facetCounts are the counts of one search, per term id. The table of
// terms holds every day of the archive (tens of thousands), most of which
// a search never counts: the ids counted are listed as they are first
// counted, so that reading the counts does not walk the whole table.
type facetCounts struct {
	cursor  *columnCursor
	terms   []facetTerm
	days    bool // count days too
	n       []uint32
	counted []uint32 // ids with n > 0, in the order first counted
}

func newFacetCounts(cursor *columnCursor, terms []facetTerm, days bool) *facetCounts {
	return &facetCounts{cursor: cursor, terms: terms, days: days, n: make([]uint32, len(terms))}
}

// add counts the terms of one hit, by its global document number.
func (c *facetCounts) add(global uint64) {
	col, local, ok := c.cursor.at(global)
	if !ok {
		return
	}
	for _, id := range col.ids[col.start[local]:col.start[local+1]] {
		c.count(id)
	}
	if d := col.day[local]; d > 0 && c.days {
		c.count(d - 1)
	}
}

func (c *facetCounts) count(id uint32) {
	if c.n[id] == 0 {
		c.counted = append(c.counted, id)
	}
	c.n[id]++
}

// segmentOffsets returns each segment's first global document number.
func segmentOffsets(ss []*scorch.SegmentSnapshot) []uint64 {
	offsets := make([]uint64, len(ss))
	var running uint64
	for i, s := range ss {
		offsets[i] = running
		running += s.Segment().Count() // as scorch numbers documents: deleted ones included
	}
	return offsets
}

// segmentOf is the last segment whose first number is at most global.
func segmentOf(offsets []uint64, global uint64) int {
	lo, hi := 0, len(offsets)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if offsets[mid] <= global {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// each calls fn with each counted term (days of kind kindDay) and its
// count, in no particular order.
func (c *facetCounts) each(fn func(t facetTerm, n uint64)) {
	if c == nil { // Bleve answered without searching
		return
	}
	for _, id := range c.counted {
		fn(c.terms[id], uint64(c.n[id]))
	}
}

// countingQuery is a query whose hits are also counted into facets. It
// wraps the root of a request, so it sees exactly the hits Bleve counts
// in Total, and reads the columns of the very snapshot searched.
type countingQuery struct {
	query.Query
	cols   *facetColumns
	days   bool         // count days (FieldDay) too
	counts *facetCounts // set by Searcher
}

func (q *countingQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	cursor, terms, err := q.cols.of(ctx, r, "count facets")
	if err != nil {
		return nil, err
	}
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	q.counts = newFacetCounts(cursor, terms, q.days)
	return &countingSearcher{Searcher: s, counts: q.counts}, nil
}

// countingSearcher counts each hit its searcher returns.
type countingSearcher struct {
	bsearch.Searcher
	counts *facetCounts
}

func (s *countingSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.counts.add(dm.IndexInternalID.Value())
	}
	return dm, err
}

func (s *countingSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.counts.add(dm.IndexInternalID.Value())
	}
	return dm, err
}

// warmSaveDocs is the smallest segment whose column a warming in the
// background writes to its file. While articles come in, small segments
// are merged away within seconds, so writing theirs would be wasted; the
// large ones live long and are most of a start's reading. Close writes
// the rest.
const warmSaveDocs = 16384

// WarmFacets reads, in the background, the facet columns of the index as
// it is now, unless a reading already runs: after a start (not in Open,
// see there), and after a batch, so that a search after a merge rarely
// waits for the merged segment.
func (x *Index) WarmFacets() {
	x.warmed.Store(true)
	x.bg.Once(&x.warmNow, x.readFacetColumns)
}

// saveFacetColumns writes the facet columns of the index as it is to
// their files as it closes, so that the next start reads them from
// there: all of them when the columns were warmed (a server, an ingest),
// else those a search has read.
func (x *Index) saveFacetColumns() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	snap, r, err := x.snapshot()
	if err != nil {
		return
	}
	defer r.Close()
	if x.warmed.Load() {
		err = x.cols.warm(ctx, snap, runtime.GOMAXPROCS(0), 0)
	} else {
		err = x.cols.saveRead(ctx, snap)
	}
	if err != nil {
		x.log.Warn("save facet columns", "err", err)
	}
}

func (x *Index) readFacetColumns() {
	snap, r, err := x.snapshot()
	if err != nil {
		return // closed meanwhile
	}
	defer r.Close()
	if err := x.cols.warm(x.life, snap, runtime.GOMAXPROCS(0), warmSaveDocs); err != nil && x.life.Err() == nil {
		x.log.Warn("read facet columns", "err", err)
	}
}
