package index

import (
	"sort"
	"strings"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

// Facet sizes. Term facets count every hit exactly; the size only trims
// what is returned.
const (
	facetTop  = 30             // values shown per facet
	facetSep  = "\x00"         // between a facet term's kind and value
	kindSect  = "s" + facetSep // section
	kindPaper = "n" + facetSep // newspaper
	kindReg   = "r" + facetSep // region path
	kindMonth = "m" + facetSep // YYYY-MM
)

// facetTerms are an article's terms of FieldFacet.
func facetTerms(a *article.Article) []string {
	out := make([]string, 0, 3+len(a.Regions))
	if a.Section != "" {
		out = append(out, kindSect+a.Section)
	}
	if a.Newspaper != "" {
		out = append(out, kindPaper+a.Newspaper)
	}
	if len(a.Date) >= 7 {
		out = append(out, kindMonth+a.Date[:7])
	}
	for _, r := range a.Regions {
		out = append(out, kindReg+r)
	}
	return out
}

// countFacets turns the counts of a search into the contract's facets:
// regions one level below the region filter (or provinces without one),
// dates as a histogram by day (when days is set: the date filter lies
// within one month), month or year.
func (x *Index) countFacets(c *facetCounts, req search.Request, days bool) *search.Facets {
	keepRegion := x.regionLevel(req.Regions)
	var sect, paper, reg, months, perDay []search.FacetValue
	c.each(func(t facetTerm, n uint64) {
		fv := search.FacetValue{Value: t.value, Count: n}
		switch t.kind {
		case kindSect:
			sect = append(sect, fv)
		case kindPaper:
			paper = append(paper, fv)
		case kindMonth:
			months = append(months, fv)
		case kindDay:
			perDay = append(perDay, fv)
		case kindReg:
			if keepRegion(t.value) {
				reg = append(reg, fv)
			}
		}
	})
	f := &search.Facets{Section: top(byCount(sect)), Newspaper: top(byCount(paper)), Region: top(byCount(reg))}
	if days {
		f.Date, f.DateUnit = perDay, "day"
	} else {
		f.Date, f.DateUnit = byYear(months)
	}
	if f.Date == nil {
		f.Date = []search.FacetValue{}
	}
	sort.Slice(f.Date, func(i, j int) bool { return f.Date[i].Value < f.Date[j].Value })
	return f
}

// byCount sorts counts most frequent first, equal counts by value; none
// is an empty list.
func byCount(vs []search.FacetValue) []search.FacetValue {
	if vs == nil {
		return []search.FacetValue{}
	}
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].Count != vs[j].Count {
			return vs[i].Count > vs[j].Count
		}
		return vs[i].Value < vs[j].Value
	})
	return vs
}

func top(vs []search.FacetValue) []search.FacetValue { return vs[:min(len(vs), facetTop)] }

// byYear sums months into years when they span more than one year.
func byYear(months []search.FacetValue) ([]search.FacetValue, string) {
	years := map[string]uint64{}
	for _, m := range months {
		years[m.Value[:4]] += m.Count
	}
	if len(years) <= 1 {
		return months, "month"
	}
	out := make([]search.FacetValue, 0, len(years))
	for y, n := range years {
		out = append(out, search.FacetValue{Value: y, Count: n})
	}
	return out, "year"
}

// withinMonth reports whether a request's dates lie within one month.
func withinMonth(req search.Request) bool {
	from, to, err := req.DateRange()
	return err == nil && !from.IsZero() && !to.IsZero() && from.Year() == to.Year() && from.Month() == to.Month()
}

// regionLevel keeps the region paths one level below the filter: the
// children of the one region filtered on, or the top level.
func (x *Index) regionLevel(filter []string) func(string) bool {
	parent := ""
	if len(filter) == 1 {
		parent = strings.TrimSpace(filter[0])
		if x.opts.ResolveRegion != nil {
			if p, err := x.opts.ResolveRegion(parent); err == nil {
				parent = p
			}
		}
	}
	return func(path string) bool {
		if parent == "" {
			return !strings.Contains(path, "/")
		}
		rest, ok := strings.CutPrefix(path, parent+"/")
		return ok && rest != "" && !strings.Contains(rest, "/")
	}
}
