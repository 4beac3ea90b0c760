//go:build linux

package zap

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	seg "github.com/blevesearch/scorch_segment_api/v2"
)

// TestMergeLetsGoOfInputPages (Baosou, change 3): once a merge has read
// its input segments, their pages are no longer in the process's resident
// set, and the inputs still read back whole. Upstream, every page the
// merge touched stayed resident until the inputs were closed.
func TestMergeLetsGoOfInputPages(t *testing.T) {
	dir := t.TempDir()
	in1, in2, out := filepath.Join(dir, "1.zap"), filepath.Join(dir, "2.zap"), filepath.Join(dir, "3.zap")
	sb1, _, _ := buildTestSegmentMulti()
	if err := PersistSegmentBase(sb1, in1); err != nil {
		t.Fatal(err)
	}
	sb2, _, _ := buildTestSegmentMulti2()
	if err := PersistSegmentBase(sb2, in2); err != nil {
		t.Fatal(err)
	}
	var inputs []seg.Segment
	for _, p := range []string{in1, in2} {
		s, err := zapPlugin.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		inputs = append(inputs, s)
	}
	before := docTerms(t, inputs[0].(*Segment))
	var sum byte
	for _, b := range inputs[0].(*Segment).mapped { // every page resident
		sum += b
	}
	_ = sum
	if kb := residentKiB(t, in1); kb == 0 {
		t.Fatalf("%s: no page resident after reading all of it", in1)
	}

	// The second input is built in memory: its bytes are the Go heap's and
	// must come through the merge untouched.
	inputs[1] = sb2
	if _, _, err := zapPlugin.Merge(inputs, []*roaring.Bitmap{nil, nil}, out, nil, nil); err != nil {
		t.Fatal(err)
	}
	if kb := residentKiB(t, in1); kb != 0 {
		t.Errorf("%s: %d KiB still resident after the merge", in1, kb)
	}
	if after := docTerms(t, inputs[0].(*Segment)); after != before {
		t.Errorf("input reads back otherwise after the merge:\n%s\nwas\n%s", after, before)
	}
	merged, err := zapPlugin.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer merged.Close()
	if n := merged.Count(); n != 4 {
		t.Errorf("merged segment holds %d documents, want 4", n)
	}
	testMergeWithSelf(t, merged.(*Segment), 4)
}

// docTerms lists every term of every field of s with its documents.
func docTerms(t *testing.T, s *Segment) string {
	t.Helper()
	var b strings.Builder
	for _, field := range s.Fields() {
		d, err := s.Dictionary(field)
		if err != nil {
			t.Fatal(err)
		}
		itr := d.AutomatonIterator(nil, nil, nil)
		for e, err := itr.Next(); e != nil && err == nil; e, err = itr.Next() {
			pl, err := d.PostingsList([]byte(e.Term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(field + ":" + e.Term + "=")
			pi := pl.Iterator(true, true, true, nil)
			for p, err := pi.Next(); p != nil && err == nil; p, err = pi.Next() {
				b.WriteString(strconv.FormatUint(p.Number(), 10) + "/" + strconv.FormatUint(p.Frequency(), 10) + " ")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// residentKiB is the resident set of path's mappings in this process, from
// /proc/self/smaps.
func residentKiB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatalf("reading the resident set: %v", err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		if strings.Contains(fields[0], "-") && len(fields) >= 5 { // a mapping's header line
			in = fields[len(fields)-1] == path
			continue
		}
		if in && fields[0] == "Rss:" {
			n, _ := strconv.Atoi(fields[1])
			kb += n
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return kb
}
