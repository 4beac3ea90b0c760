package zap

// Baosou: the segment builder (new.go, section_inverted_text_index.go) is
// changed for speed; what it writes must answer as upstream v17.2.5's
// does (the bytes differ from run to run upstream too: sections are
// written in map order). testdata/baosou-segment.golden.N (sha256 of a dump of everything the
// segment answers, see dump) were written by the unchanged
// upstream code (go test -run TestSegmentAnswersAsUpstream -update, before
// the change) and is never rewritten with the changed code.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden segment (only with upstream's builder)")

// goldenDocs are documents of words from a small vocabulary: one word in
// every document, frequent and rare words, repeated words, fields with and
// without term vectors, a field in two array elements and one with doc
// values, and more documents than an array container holds (4,096).
func goldenDocs(n int) []index.Document {
	rng := rand.New(rand.NewSource(7))
	word := func() string {
		k := rng.Intn(400)
		if rng.Intn(4) == 0 {
			k = rng.Intn(8) // frequent
		}
		return fmt.Sprintf("w%d", k)
	}
	text := func(min, max int) string {
		ws := []string{"every"}
		for i := rng.Intn(max-min) + min; i > 0; i-- {
			ws = append(ws, word())
		}
		return strings.Join(ws, " ")
	}
	docs := make([]index.Document, n)
	for i := range docs {
		id := fmt.Sprintf("d%05d", i)
		fields := []*stubField{
			newStubFieldSplitString("_id", nil, id, true, false, false),
			newStubFieldSplitString("body", nil, text(5, 60), true, false, true),
			newStubFieldSplitString("words", nil, text(3, 30), false, false, false),
			newStubFieldSplitString("tag", []uint64{0}, word(), true, true, true),
			newStubFieldSplitString("tag", []uint64{1}, word(), true, true, true),
		}
		if i%3 == 0 {
			fields = append(fields, newStubFieldSplitString("kind", nil, fmt.Sprintf("k%d", i%7), false, true, false))
		}
		docs[i] = newStubDocument(id, fields, "_all")
	}
	return docs
}

// dump writes out everything a segment answers: every field's terms with
// their postings (document, frequency, norm, locations), the stored fields
// and the doc values of every document.
func dump(t *testing.T, sb *SegmentBase) []byte {
	t.Helper()
	var b bytes.Buffer
	fields := append([]string(nil), sb.Fields()...)
	sort.Strings(fields)
	for _, field := range fields {
		d, err := sb.dictionary(field)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "field %s\n", field)
		if d.fst == nil {
			continue
		}
		itr, err := d.fst.Iterator(nil, nil)
		for err == nil {
			term, _ := itr.Current()
			pl, perr := d.PostingsList(term, nil, nil)
			if perr != nil {
				t.Fatal(perr)
			}
			fmt.Fprintf(&b, " term %q %d\n", term, pl.Count())
			pi := pl.Iterator(true, true, true, nil)
			for {
				p, perr := pi.Next()
				if perr != nil {
					t.Fatal(perr)
				}
				if p == nil {
					break
				}
				fmt.Fprintf(&b, "  %d f%d n%v", p.Number(), p.Frequency(), p.Norm())
				for _, l := range p.Locations() {
					fmt.Fprintf(&b, " [%s %d-%d @%d %v]", l.Field(), l.Start(), l.End(), l.Pos(), l.ArrayPositions())
				}
				b.WriteByte('\n')
			}
			err = itr.Next()
		}
	}
	for num := uint64(0); num < sb.Count(); num++ {
		fmt.Fprintf(&b, "doc %d\n", num)
		err := sb.VisitStoredFields(num, func(field string, typ byte, value []byte, pos []uint64) bool {
			fmt.Fprintf(&b, " stored %s %c %q %v\n", field, typ, value, pos)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = sb.VisitDocValues(num, fields, func(field string, term []byte) {
			fmt.Fprintf(&b, " dv %s %q\n", field, term)
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestSegmentAnswersAsUpstream(t *testing.T) {
	golden := filepath.Join("testdata", "baosou-segment.golden")
	for _, n := range []int{1, 700, 5000} {
		seg, _, err := zapPlugin.newWithChunkMode(goldenDocs(n), DefaultChunkMode, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "seg.zap")
		if err := PersistSegmentBase(seg.(*SegmentBase), path); err != nil {
			t.Fatal(err)
		}
		opened, err := zapPlugin.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got := dump(t, &opened.(*Segment).SegmentBase)
		opened.Close()
		sum := sha256.Sum256(got)
		file := fmt.Sprintf("%s.%d", golden, n)
		if *updateGolden {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(hex.EncodeToString(sum[:])+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(sum[:])+"\n" != string(want) {
			t.Fatalf("%d documents: the segment answers differently from upstream's (dump of %d bytes, sha256 %x)", n, len(got), sum)
		}
	}
}
