package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestAdvanceFindsWhatNextFinds checks the postings iterator Baosou
// patched (third_party/zapx-v17: Advance skips whole chunks of postings
// rather than stepping through them) against stepping: for terms of
// thousands of postings in several chunks, with deleted documents among
// them, advancing to targets in order finds exactly the posting, with its
// frequency, norm and positions, that reading every posting finds first
// at or after each target.
func TestAdvanceFindsWhatNextFinds(t *testing.T) {
	x := newTestIndex(t, nil)
	var changes []Change
	for i := range 6000 {
		a := article.Article{ID: fmt.Sprintf("a%04d", i), Newspaper: "人民日报", Date: "2020-01-02",
			Section: []string{"要闻", "经济", "要闻", "文化"}[i%4], Title: "标题" + fmt.Sprint(i),
			Body: []string{strings.Repeat("中国发展。", 1+i%5) + "第" + fmt.Sprint(i) + "篇"}}
		if i%7 == 0 {
			a.Body[0] = "别的文字" + fmt.Sprint(i)
		}
		if err := a.Normalize(); err != nil {
			t.Fatal(err)
		}
		changes = append(changes, Change{Seq: uint64(i + 1), ID: a.ID, Article: &a})
	}
	apply := func(cs []Change) {
		if err := x.Apply(context.Background(), cs); err != nil {
			t.Fatal(err)
		}
	}
	apply(changes)
	var deletes []Change
	for i := 0; i < 6000; i += 11 {
		deletes = append(deletes, Change{Seq: uint64(6001 + i), ID: fmt.Sprintf("a%04d", i)})
	}
	apply(deletes)
	snap, closer := snapshotOf(t, x)
	defer closer.Close()
	ctx := context.Background()
	for _, tc := range []struct{ field, term string }{{FieldSection, "要闻"}, {FieldText2Grams, "中国"}, {FieldWords, "发展"}} {
		ref := readAll(t, snap, tc.field, tc.term)
		if len(ref) < 2000 {
			t.Fatalf("%s:%s has %d postings; want thousands, in several chunks", tc.field, tc.term, len(ref))
		}
		last := ref[len(ref)-1].ID.Value()
		rng := rand.New(rand.NewPCG(1, uint64(len(ref))))
		for round := range 40 {
			r, err := snap.TermFieldReader(ctx, []byte(tc.term), tc.field, true, true, true)
			if err != nil {
				t.Fatal(err)
			}
			target, k := uint64(0), 0
			for target <= last+2 {
				target += 1 + uint64(rng.IntN(1+round*round*4)) // from dense to chunks apart
				got, err := r.Advance(bindex.NewIndexInternalID(nil, target), nil)
				if err != nil {
					t.Fatal(err)
				}
				for k < len(ref) && ref[k].ID.Value() < target {
					k++
				}
				var want *bindex.TermFieldDoc
				if k < len(ref) {
					want = ref[k]
				}
				if !sameDoc(got, want) {
					t.Fatalf("%s:%s, advancing to %d: got %s, want %s", tc.field, tc.term, target, docString(got), docString(want))
				}
				if got != nil {
					target = got.ID.Value()
				}
			}
			r.Close()
		}
	}
}

// readAll reads every posting of a term, one after the other.
func readAll(t *testing.T, snap bindex.IndexReader, field, term string) []*bindex.TermFieldDoc {
	t.Helper()
	r, err := snap.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []*bindex.TermFieldDoc
	for {
		d, err := r.Next(nil)
		if err != nil {
			t.Fatal(err)
		}
		if d == nil {
			return out
		}
		out = append(out, d)
	}
}

func sameDoc(a, b *bindex.TermFieldDoc) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.ID.Equals(b.ID) && a.Freq == b.Freq && a.Norm == b.Norm && reflect.DeepEqual(a.Vectors, b.Vectors)
}

func docString(d *bindex.TermFieldDoc) string {
	if d == nil {
		return "none"
	}
	s := fmt.Sprintf("doc %d freq %d norm %g positions", d.ID.Value(), d.Freq, d.Norm)
	for _, v := range d.Vectors {
		s += fmt.Sprintf(" %d", v.Pos)
	}
	return s
}
