package index

import (
	"context"
	"slices"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

func experienceDocs() []article.Article {
	return []article.Article{
		{ID: "a", Newspaper: "人民日报", Date: "2019-10-01", Section: "要闻", Title: "长春冰雪节开幕", Body: []string{"长春冰雪节今天开幕，游客很多。"}, Regions: []string{"吉林省", "吉林省/长春市"}},
		{ID: "b", Newspaper: "人民日报", Date: "2019-10-15", Section: "经济", Title: "吉林冰雪经济", Body: []string{"吉林市冰雪经济发展。"}, Regions: []string{"吉林省", "吉林省/吉林市"}},
		{ID: "c", Newspaper: "中国妇女报", Date: "2019-10-15", Section: "要闻", Title: "长春妇联冰雪活动", Body: []string{"长春市妇联组织冰雪活动。"}, Regions: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/宽城区"}},
		{ID: "d", Newspaper: "人民日报", Date: "2020-02-01", Section: "要闻", Title: "北京冰雪", Body: []string{"北京冰雪运动。"}, Regions: []string{"北京市"}},
		// The same wire story in another paper, a day later.
		{ID: "c2", Newspaper: "吉林日报", Date: "2019-10-16", Section: "综合", Title: "长春妇联冰雪活动", Body: []string{"长春市妇联组织冰雪活动。"}, Regions: []string{"吉林省", "吉林省/长春市"}},
	}
}

func TestFacetsCountTheFilteredResults(t *testing.T) {
	x := newTestIndex(t, experienceDocs())
	res, err := x.Search(context.Background(), search.Request{Query: "冰雪", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facets
	if f == nil {
		t.Fatal("no facets")
	}
	want := map[string][]search.FacetValue{
		"section":   {fv("要闻", 3), fv("经济", 1), fv("综合", 1)},
		"newspaper": {fv("人民日报", 3), fv("中国妇女报", 1), fv("吉林日报", 1)},
		"region":    {fv("吉林省", 4), fv("北京市", 1)},
		"date":      {fv("2019", 4), fv("2020", 1)},
	}
	got := map[string][]search.FacetValue{"section": f.Section, "newspaper": f.Newspaper, "region": f.Region, "date": f.Date}
	for k, w := range want {
		if !sameFacet(got[k], w) {
			t.Errorf("%s facet %v, want %v", k, got[k], w)
		}
	}
	if f.DateUnit != "year" {
		t.Errorf("date unit %q, want year", f.DateUnit)
	}

	// Narrowed to a region and a month: regions one level below, days.
	res, err = x.Search(context.Background(), search.Request{Query: "冰雪", Regions: []string{"吉林省"}, From: "2019-10", To: "2019-10", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if w := []search.FacetValue{fv("吉林省/长春市", 3), fv("吉林省/吉林市", 1)}; !sameFacet(res.Facets.Region, w) {
		t.Errorf("region facet under 吉林省: %v, want %v", res.Facets.Region, w)
	}
	if w := []search.FacetValue{fv("2019-10-01", 1), fv("2019-10-15", 2), fv("2019-10-16", 1)}; !slices.Equal(res.Facets.Date, w) || res.Facets.DateUnit != "day" {
		t.Errorf("date facet %v %s, want %v by day", res.Facets.Date, res.Facets.DateUnit, w)
	}
	var sum uint64
	for _, v := range res.Facets.Section {
		sum += v.Count
	}
	if sum != res.Total {
		t.Errorf("section counts sum to %d, total %d", sum, res.Total)
	}
	// Without Facets, none are computed.
	if res, _ := x.Search(context.Background(), search.Request{Query: "冰雪"}); res.Facets != nil {
		t.Errorf("facets without asking: %+v", res.Facets)
	}
}

func fv(v string, n uint64) search.FacetValue { return search.FacetValue{Value: v, Count: n} }

func sameFacet(a, b []search.FacetValue) bool {
	if len(a) != len(b) {
		return false
	}
	for _, v := range b {
		if !slices.Contains(a, v) {
			return false
		}
	}
	return true
}

func TestSortByDate(t *testing.T) {
	x := newTestIndex(t, experienceDocs())
	for _, tc := range []struct {
		sort string
		want []string
	}{
		{search.SortDate, []string{"a", "b", "c", "c2", "d"}},
		{search.SortDateDesc, []string{"d", "c2", "b", "c", "a"}},
	} {
		for _, q := range []string{"冰雪", ""} {
			res, err := x.Search(context.Background(), search.Request{Query: q, Sort: tc.sort})
			if err != nil {
				t.Fatal(err)
			}
			var dates []string
			for _, h := range res.Hits {
				dates = append(dates, h.Date)
			}
			if !slices.IsSortedFunc(dates, func(a, b string) int {
				if tc.sort == search.SortDate {
					return compareStr(a, b)
				}
				return compareStr(b, a)
			}) {
				t.Errorf("q=%q sort=%s: dates %v", q, tc.sort, dates)
			}
		}
	}
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// The same story in two papers is one hit, the other listed in Also;
// the total still counts both.
func TestCollapseNearIdentical(t *testing.T) {
	x := newTestIndex(t, experienceDocs())
	res, err := x.Search(context.Background(), search.Request{Query: "妇联"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || len(res.Hits) != 1 || len(res.Hits[0].Also) != 1 {
		t.Fatalf("collapse: total %d, hits %+v", res.Total, res.Hits)
	}
	other := map[string]string{"c": "c2", "c2": "c"}[res.Hits[0].ID]
	if a := res.Hits[0].Also[0]; a.ID != other || a.Date == "" || a.Newspaper == "" {
		t.Errorf("also %+v, want %s", a, other)
	}
}

// Facets of a result set are counted once per state of the index: the
// next page and another sort reuse them, and any change to the index
// counts them again.
func TestFacetsCachedUntilTheIndexChanges(t *testing.T) {
	docs := experienceDocs()
	x := newTestIndex(t, docs)
	ctx := context.Background()
	first, err := x.Search(ctx, search.Request{Query: "冰雪", Facets: true, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []search.Request{
		{Query: "冰雪", Facets: true, Size: 1, Page: 2},
		{Query: "冰雪", Facets: true, Size: 1, Sort: search.SortDateDesc},
	} {
		res, err := x.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Facets.Section, first.Facets.Section) || !slices.Equal(res.Facets.Date, first.Facets.Date) {
			t.Errorf("%+v: facets %+v, want %+v", req, res.Facets, first.Facets)
		}
	}
	// A cached answer is a copy: changing it changes nothing for others.
	first.Facets.Section[0].Count = 999
	a := article.Article{ID: "e", Newspaper: "人民日报", Date: "2021-01-01", Section: "体育", Title: "冰雪运动会", Body: []string{"冰雪运动。"}}
	if err := x.Apply(ctx, []Change{{Seq: uint64(len(docs) + 1), ID: a.ID, Article: &a}}); err != nil {
		t.Fatal(err)
	}
	res, err := x.Search(ctx, search.Request{Query: "冰雪", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Facets.Section, fv("体育", 1)) || !slices.Contains(res.Facets.Section, fv("要闻", 3)) {
		t.Errorf("after a change: section facet %v, want 体育 counted and 要闻 still 3", res.Facets.Section)
	}
}
