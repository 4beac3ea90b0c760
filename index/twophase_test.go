package index

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Checking substrings at the end of a search (verifiedQuery) finds exactly
// the articles that the self-confirming substring queries find, alone,
// with a section filter, and next to another clause.
func TestSubstringCheckedLastFindsTheSame(t *testing.T) {
	x, docs := sampleIndex(t)
	rng := rand.New(rand.NewPCG(7, 9))
	var reqs []search.Request
	for range 40 {
		q := `"` + sample(rng, docs) + `"`
		reqs = append(reqs, search.Request{Query: q}, search.Request{Query: q, Sections: []string{"要闻"}},
			search.Request{Query: q + ` "` + string([]rune(sample(rng, docs) + "的发展")[:3]) + `"`}, search.Request{Query: q + " 发展"})
	}
	lifted := 0
	for _, req := range reqs {
		p, err := x.plan(req)
		if err != nil {
			t.Fatal(err)
		}
		r := p.reading(false)
		q := x.matchQuery(p, r)
		if _, ok := q.(*verifiedQuery); ok {
			lifted++
		}
		whole := query.NewConjunctionQuery(append(append([]query.Query{}, r.must...), p.filters.terms...))
		got, want := hitIDs(t, x, q), hitIDs(t, x, whole)
		if !slices.Equal(got, want) {
			t.Errorf("%+v: checked last %d hits %v, self-confirming %d %v", req, len(got), got, len(want), want)
		}
	}
	if lifted < len(reqs)/2 {
		t.Errorf("only %d of %d searches checked substrings last", lifted, len(reqs))
	}
}

func hitIDs(t *testing.T, x *Index, q query.Query) []string {
	t.Helper()
	sr := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	sr.SortBy([]string{"_id"})
	res, err := x.bleve.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}
