package index

import (
	"context"
	"errors"
	"io"
	"maps"
	"path/filepath"
	"testing"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Facets counted from our per-segment columns must equal what Bleve's own
// facet builder counts from doc values, on an index of many segments, some
// of whose documents were replaced (deleted in an older segment).
func TestFacetColumnsCountAsBleveDoes(t *testing.T) {
	x := openFacetIndex(t, filepath.Join(t.TempDir(), "index"))
	defer x.Close()
	for _, req := range []search.Request{
		{Query: "发展"}, {Query: "的"}, {Query: "冰雪"}, {Query: "中国 经济"}, {},
		{Query: "发展", From: "2019-10", To: "2019-10"},
		{Query: "改革", Sections: []string{"改版"}},
		{Query: `"人民"`, Regions: []string{"吉林省"}},
	} {
		ours, theirs := countBothWays(t, x, req)
		if !maps.Equal(ours, theirs) {
			t.Errorf("%+v: our counts %v\nBleve's %v", req, ours, theirs)
		}
		if len(ours) == 0 && req.Query != "冰雪" {
			t.Errorf("%+v: nothing counted", req)
		}
	}
}

// openFacetIndex builds an index in dir of many segments from the sample,
// some of it tagged with regions, and then replaces every seventh article
// with a copy in another section and month: its old document stays in its
// segment, deleted.
func openFacetIndex(t *testing.T, dir string) *Index {
	t.Helper()
	docs := loadSample(t)
	for i := range docs {
		if i%5 == 0 { // the sample is not tagged: some regions to count
			docs[i].Regions = []string{"吉林省", "吉林省/长春市"}
		}
	}
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, x, docs, 23)
	var changes []Change
	for i := 0; i < len(docs); i += 7 {
		a := docs[i]
		a.Section, a.Date = "改版", "2020-02-03"
		changes = append(changes, Change{Seq: uint64(len(docs) + i + 1), ID: a.ID, Article: &a})
	}
	if err := x.Apply(context.Background(), changes); err != nil {
		t.Fatal(err)
	}
	return x
}

// countBothWays counts the facet and day terms of a request's hits with
// our columns and with Bleve's facet builder, in one search.
func countBothWays(t *testing.T, x *Index, req search.Request) (ours, theirs map[string]uint64) {
	t.Helper()
	p, err := x.plan(req)
	if err != nil {
		t.Fatal(err)
	}
	sr := x.request(p, x.matchQuery(p, p.reading(false)), req, 10, 0)
	counting := &countingQuery{Query: sr.Query, cols: &x.cols, days: true}
	sr.Query = counting
	sr.AddFacet(FieldFacet, bleve.NewFacetRequest(FieldFacet, 1<<20))
	sr.AddFacet(FieldDay, bleve.NewFacetRequest(FieldDay, 1<<20))
	res, err := x.bleve.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	ours = map[string]uint64{}
	counting.counts.each(func(t facetTerm, n uint64) {
		if t.kind == kindDay {
			ours["day "+t.value] += n
		} else {
			ours["facet "+t.kind+t.value] += n
		}
	})
	theirs = map[string]uint64{}
	for name, fr := range res.Facets {
		for _, tf := range fr.Terms.Terms() {
			theirs[name+" "+tf.Term] = uint64(tf.Count)
		}
	}
	return ours, theirs
}

// Close ends the index's background work: reading facet columns and
// building suggestions stop at once when their context ends, rather than
// read a whole archive first (ten seconds at a million articles).
func TestBackgroundWorkStopsWithItsContext(t *testing.T) {
	x := newTestIndex(t, loadSample(t))
	snap, r := snapshotOf(t, x)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var cols facetColumns
	if err := cols.warm(ctx, snap, 2, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("warm with an ended context: %v, want context.Canceled", err)
	}
	_, entries, _ := cols.entries(snap)
	for i, e := range entries {
		if e.col != nil || e.err != nil {
			t.Errorf("segment %d: column read after the context ended", i)
		}
	}
	if err := x.BuildSuggestions(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("build suggestions with an ended context: %v, want context.Canceled", err)
	}
	if words, _ := x.SuggestionStats(); words != 0 {
		t.Errorf("%d suggestion words kept from a build whose context ended", words)
	}
	if err := cols.warm(context.Background(), snap, 2, 0); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if x.Close(); x.life.Err() == nil {
		t.Error("the index's background context still lives after Close")
	}
}

// Open reads no facet columns (at a million articles that doubled the
// first search's time); WarmFacets reads every segment's.
func TestFacetColumnsWarmedOnlyWhenAsked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, x, loadSample(t), 7)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	read := func() (read, segs int) {
		t.Helper()
		y.bg.Wait()
		snap, r := snapshotOf(t, y)
		defer r.Close()
		_, entries, _ := y.cols.entries(snap)
		for _, e := range entries {
			if e.col != nil {
				read++
			}
		}
		return read, len(entries)
	}
	if n, segs := read(); n != 0 || segs == 0 {
		t.Fatalf("after Open: %d of %d segments' columns read, want none", n, segs)
	}
	y.WarmFacets()
	if n, segs := read(); n != segs {
		t.Fatalf("after WarmFacets: %d of %d segments' columns read", n, segs)
	}
}

// snapshotOf opens a reader of x's current snapshot; the caller closes it.
func snapshotOf(t testing.TB, x *Index) (*scorch.IndexSnapshot, io.Closer) {
	t.Helper()
	snap, r, err := x.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap, r
}

// Columns of segments gone from the latest snapshot are dropped at once:
// a map key keeps its segment alive, and during an ingest every batch's
// segment in memory is soon gone (written or merged).
func TestFacetColumnsDropGoneSegments(t *testing.T) {
	arts := loadSample(t)
	x := newTestIndex(t, arts[:len(arts)/2])
	y := newTestIndex(t, arts[len(arts)/2:])
	snapX, rx := snapshotOf(t, x)
	defer rx.Close()
	snapY, ry := snapshotOf(t, y)
	defer ry.Close()
	var cols facetColumns
	if err := cols.warm(context.Background(), snapX, 2, 0); err != nil {
		t.Fatal(err)
	}
	segs, _, _ := cols.entries(snapY)
	if len(cols.cols) != len(segs) {
		t.Fatalf("%d columns kept for a snapshot of %d segments, none shared with the one before", len(cols.cols), len(segs))
	}
	for _, seg := range segs {
		if cols.cols[seg] == nil {
			t.Fatalf("segment %p of the latest snapshot has no entry", seg)
		}
	}
}
