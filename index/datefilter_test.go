package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

func TestDateRangeHolds(t *testing.T) {
	cases := []struct {
		from, to, day string // day "": an article without a date
		want          bool
	}{
		{"2000-01-01", "2000-12-31", "2000-01-01", true},
		{"2000-01-01", "2000-12-31", "2000-12-31", true},
		{"2000-01-01", "2000-12-31", "1999-12-31", false},
		{"2000-01-01", "2000-12-31", "2001-01-01", false},
		{"", "2000-12-31", "1678-01-01", true},
		{"2000-01-01", "", "2261-12-31", true},
		{"", "", "1970-01-01", true},
		{"1969-12-31", "1969-12-31", "1969-12-31", true},
		{"1969-12-31", "1969-12-31", "1970-01-01", false},
		{"", "", "", false},
		{"", "2000-01-01", "", false},
	}
	for _, c := range cases {
		d := int32(noDate)
		if c.day != "" {
			d = dayNumber(day(t, c.day))
		}
		if got := newDateRange(day(t, c.from), day(t, c.to)).holds(d); got != c.want {
			t.Errorf("%q..%q holds %q: %v, want %v", c.from, c.to, c.day, got, c.want)
		}
	}
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
	dates := []string{"1969-12-31", "1970-01-01", "1999-12-31", "2000-01-01", "2000-01-31", "2000-02-01", "2000-02-29",
		"2000-03-01", "2000-12-31", "2001-01-01", "2001-06-15", "2003-12-31", "2004-01-01", "2004-02-29"}
	var docs []article.Article
	for i, d := range dates {
		docs = append(docs, article.Article{ID: d, Newspaper: "人民日报", Date: d, Title: fmt.Sprintf("长春新闻%d号", i)})
	}
	x := newTestIndex(t, docs)
	rng := rand.New(rand.NewPCG(7, 7))
	lo, hi := day(t, "1969-11-01"), day(t, "2004-04-01")
	span := int(hi.Sub(lo).Hours() / 24)
	for range 300 {
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
