package index

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/search"
)

// An index closed after an ingest leaves a column file per segment file;
// the next start reads the columns from there, and they are the columns
// the segments hold, document by document.
func TestFacetColumnFilesRoundTrip(t *testing.T) {
	dir := buildClosedIndex(t)
	files := columnFiles(t, dir)
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	snap, r := snapshotOf(t, y)
	defer r.Close()
	segs, entries, _ := y.cols.entries(snap)
	if len(files) != len(segs) {
		t.Fatalf("%d column files for %d segments: %v", len(files), len(segs), files)
	}
	cols, err := y.cols.columns(context.Background(), segs, entries, 2)
	if err != nil {
		t.Fatal(err)
	}
	var fresh facetColumns // no directory: read from the segments
	for i, seg := range segs {
		if !entries[i].saved.Load() {
			t.Errorf("segment %d: column read from the segment, not its file", i)
		}
		want, err := fresh.read(seg)
		if err != nil {
			t.Fatal(err)
		}
		got, wantTerms := columnTerms(cols[i], y.cols.terms), columnTerms(want, fresh.terms)
		if !slices.EqualFunc(got, wantTerms, slices.Equal) {
			t.Errorf("segment %d: column from its file differs from the segment's", i)
		}
		if !slices.Equal(cols[i].date, want.date) {
			t.Errorf("segment %d: dates from its file differ from the segment's", i)
		}
	}
	checkCounts(t, y)
}

// A column file that is damaged, cut short or written for another segment
// is not used: the column is read from the segment, the counts stay
// right, and the file is written anew when the index closes.
func TestFacetColumnFilesDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, files []string)
	}{
		{"flipped byte", func(t *testing.T, files []string) {
			b := readFile(t, files[0])
			b[len(b)/2] ^= 0x40
			writeFile(t, files[0], b)
		}},
		{"cut short", func(t *testing.T, files []string) {
			b := readFile(t, files[0])
			writeFile(t, files[0], b[:len(b)-9])
		}},
		{"empty", func(t *testing.T, files []string) { writeFile(t, files[0], nil) }},
		{"another segment's", func(t *testing.T, files []string) {
			writeFile(t, files[0], readFile(t, files[len(files)-1]))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := buildClosedIndex(t)
			files := columnFiles(t, dir)
			if len(files) < 2 {
				t.Fatalf("%d column files, want several", len(files))
			}
			good := readFile(t, files[0])
			tc.damage(t, files)
			y, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkCounts(t, y)
			snap, r := snapshotOf(t, y)
			_, entries, _ := y.cols.entries(snap)
			r.Close()
			unsaved := 0
			for _, e := range entries {
				if !e.saved.Load() {
					unsaved++
				}
			}
			if unsaved != 1 {
				t.Errorf("%d columns not from their files, want the damaged one", unsaved)
			}
			if err := y.Close(); err != nil {
				t.Fatal(err)
			}
			if b := readFile(t, files[0]); !slices.Equal(b, good) {
				t.Errorf("damaged column file not written anew on close (%d bytes, want %d)", len(b), len(good))
			}
		})
	}
}

// The files of segments merged away are removed; temporary files of a
// write in progress are left alone.
func TestFacetColumnFilesPruned(t *testing.T) {
	dir := buildClosedIndex(t)
	cdir := filepath.Join(dir, facetsDir)
	gone := filepath.Join(cdir, "00000000ffff.zap.cols")
	temp := filepath.Join(cdir, ".00000000ffff.zap.cols12345")
	writeFile(t, gone, []byte("x"))
	writeFile(t, temp, []byte("x"))
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	y.WarmFacets()
	y.bg.Wait()
	if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("column file of a segment that is gone not removed: %v", err)
	}
	if _, err := os.Stat(temp); err != nil {
		t.Errorf("temporary file removed: %v", err)
	}
	if err := y.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(columnFiles(t, dir)); n == 0 {
		t.Error("no column files left")
	}
}

// An index only searched (as `baosou search` does) writes the columns its
// searches read, and reads no others to write them.
func TestFacetColumnFilesOnlySearched(t *testing.T) {
	dir := buildClosedIndex(t)
	if err := os.RemoveAll(filepath.Join(dir, facetsDir)); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := y.Close(); err != nil {
		t.Fatal(err)
	}
	if files := columnFiles(t, dir); len(files) != 0 {
		t.Fatalf("an index opened and closed wrote %d column files", len(files))
	}
	y, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := y.Search(context.Background(), search.Request{Query: "发展", Facets: true}); err != nil {
		t.Fatal(err)
	}
	snap, r := snapshotOf(t, y)
	segs := len(snap.Segments())
	r.Close()
	if err := y.Close(); err != nil {
		t.Fatal(err)
	}
	if files := columnFiles(t, dir); len(files) != segs {
		t.Errorf("a search with facets read %d segments' columns, %d written on close", segs, len(files))
	}
}

// An index discarded (a rebuild that failed) writes no column files.
func TestFacetColumnFilesNotWrittenOnDiscard(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, x, loadSample(t)[:40], 10)
	x.bg.Wait()
	if err := x.Discard(); err != nil {
		t.Fatal(err)
	}
	if files := columnFiles(t, dir); len(files) != 0 {
		t.Errorf("a discarded index wrote %d column files", len(files))
	}
}

func FuzzDecodeColumn(f *testing.F) {
	col := &facetColumn{start: []uint32{0, 2, 2, 3}, ids: []uint32{0, 1, 1}, day: []uint32{3, 0, 3}, date: []int32{17000, noDate, 17000}}
	table := []facetTerm{newFacetTerm("s" + facetSep + "要闻"), newFacetTerm("r" + facetSep + "吉林省"), newFacetTerm(kindDay + "2019-07-01")}
	f.Add(encodeColumn(col, table, 7), 3, uint32(7))
	f.Add([]byte("BSFC"), 0, uint32(0))
	f.Fuzz(func(t *testing.T, b []byte, n int, crc uint32) {
		if n < 0 || n > 1<<16 {
			return
		}
		col, terms, err := decodeColumn(b, n, crc)
		if err != nil {
			if !errors.Is(err, errColumnFile) {
				t.Fatalf("error %v is not errColumnFile", err)
			}
			return
		}
		if len(col.day) != n || len(col.date) != n || len(col.start) != n+1 {
			t.Fatalf("column of %d documents accepted for %d", len(col.day), n)
		}
		for d := range n { // every document's terms index the terms
			for _, id := range col.ids[col.start[d]:col.start[d+1]] {
				_ = terms[id]
			}
			if col.day[d] > 0 {
				_ = terms[col.day[d]-1]
			}
		}
	})
}

// buildClosedIndex builds the index of openFacetIndex and closes it.
func buildClosedIndex(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if err := openFacetIndex(t, dir).Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkCounts checks x's facet counts against Bleve's own.
func checkCounts(t *testing.T, x *Index) {
	t.Helper()
	for _, req := range []search.Request{
		{Query: "发展"}, {}, {Query: "改革", Sections: []string{"改版"}},
		{Query: "发展", From: "2019-10", To: "2019-10"}, {Query: `"人民"`, Regions: []string{"吉林省"}},
	} {
		ours, theirs := countBothWays(t, x, req)
		if !maps.Equal(ours, theirs) || len(ours) == 0 {
			t.Errorf("%+v: our counts %v\nBleve's %v", req, ours, theirs)
		}
	}
}

// columnTerms is each document's facet terms and day, as strings.
func columnTerms(col *facetColumn, table []facetTerm) [][]string {
	out := make([][]string, len(col.day))
	for d := range out {
		for _, id := range col.ids[col.start[d]:col.start[d+1]] {
			out[d] = append(out[d], table[id].kind+table[id].value)
		}
		if col.day[d] > 0 {
			out[d] = append(out[d], "day "+table[col.day[d]-1].value)
		}
	}
	return out
}

// columnFiles lists the column files of the index in dir.
func columnFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := os.ReadDir(filepath.Join(dir, facetsDir))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range names {
		if strings.HasSuffix(e.Name(), ".cols") && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, facetsDir, e.Name()))
		}
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
