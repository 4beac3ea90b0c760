package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

func TestDateFilterRanges(t *testing.T) {
	m := func(s string) string { return kindMonth + s }
	cases := []struct {
		from, to string
		want     []string
	}{
		{"2000-01-01", "2000-12-31", []string{"year:2000..2000"}},
		{"1999-12-31", "2000-01-01", []string{"day:1999-12-31..1999-12-31", "day:2000-01-01..2000-01-01"}},
		{"2000-01-15", "2003-02-20", []string{
			"day:2000-01-15..2000-01-31", "facet:" + m("2000-02") + ".." + m("2000-12"), "year:2001..2002",
			"facet:" + m("2003-01") + ".." + m("2003-01"), "day:2003-02-01..2003-02-20"}},
		{"2000-03-01", "2000-05-31", []string{"facet:" + m("2000-03") + ".." + m("2000-05")}},
		{"2000-02-10", "2000-02-10", []string{"day:2000-02-10..2000-02-10"}},
		{"", "1999-12-31", []string{fmt.Sprintf("year:%d..1999", article.MinYear)}},
		{"2024-02-29", "", []string{"day:2024-02-29..2024-02-29", "facet:" + m("2024-03") + ".." + m("2024-12"),
			fmt.Sprintf("year:2025..%d", article.MaxYear)}},
	}
	for _, c := range cases {
		got := describeFilter(dateFilter(day(t, c.from), day(t, c.to)))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s..%s:\n got %q\nwant %q", c.from, c.to, got, c.want)
		}
	}
}

func describeFilter(q query.Query) []string {
	var out []string
	for _, p := range q.(*query.DisjunctionQuery).Disjuncts {
		r := p.(*query.TermRangeQuery)
		out = append(out, fmt.Sprintf("%s:%s..%s", r.FieldVal, r.Min, r.Max))
	}
	return out
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(article.DateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDateFilterMatchesDates searches random ranges, open or not, over
// articles dated at the edges of days, months and years, and checks the
// hits against the dates compared directly.
func TestDateFilterMatchesDates(t *testing.T) {
	dates := []string{"1999-12-31", "2000-01-01", "2000-01-31", "2000-02-01", "2000-02-29",
		"2000-03-01", "2000-12-31", "2001-01-01", "2001-06-15", "2003-12-31", "2004-01-01", "2004-02-29"}
	var docs []article.Article
	for i, d := range dates {
		docs = append(docs, article.Article{ID: d, Newspaper: "人民日报", Date: d, Title: fmt.Sprintf("长春新闻%d号", i)})
	}
	x := newTestIndex(t, docs)
	rng := rand.New(rand.NewPCG(7, 7))
	lo, hi := day(t, "1999-11-01"), day(t, "2004-04-01")
	span := int(hi.Sub(lo).Hours() / 24)
	for range 200 {
		a, b := lo.AddDate(0, 0, rng.IntN(span)), lo.AddDate(0, 0, rng.IntN(span))
		if b.Before(a) {
			a, b = b, a
		}
		from, to := a.Format(article.DateLayout), b.Format(article.DateLayout)
		switch rng.IntN(5) {
		case 0:
			from = ""
		case 1:
			to = ""
		}
		var want []string
		for _, d := range dates {
			if (from == "" || d >= from) && (to == "" || d <= to) {
				want = append(want, d)
			}
		}
		for _, q := range []string{"长春", ""} {
			res, err := x.Search(context.Background(), search.Request{Query: q, From: from, To: to, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if !sameSet(got, want) {
				t.Errorf("q=%q from %q to %q: got %v, want %v", q, from, to, got, want)
			}
		}
	}
}
