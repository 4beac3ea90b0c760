package index

import (
	"sort"
	"strings"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Facet sizes. Term facets count every hit exactly; the size only trims
// what is returned. The date histogram asks for the years, the months of
// one year and the days of one month, and shows the finest that the
// results span more than one of.
const (
	facetSection   = 30
	facetNewspaper = 30
	facetRegion    = 2000 // every region path of the hits: the wanted level is picked after
	facetRegionOut = 30
	facetYears     = search.MaxYear - search.MinYear + 1
	facetMonths    = 12
	facetDays      = 31
)

func addFacets(sr *bleve.SearchRequest) {
	for name, size := range map[string]int{
		FieldSection: facetSection, FieldNewspaper: facetNewspaper, FieldRegions: facetRegion,
		FieldYear: facetYears, FieldMonth: facetMonths, FieldDay: facetDays,
	} {
		sr.AddFacet(name, bleve.NewFacetRequest(name, size))
	}
}

// facets turns Bleve's facets into the contract's: regions one level below
// the region filter (or provinces without one), dates as a histogram.
func (x *Index) facets(res *bleve.SearchResult, req search.Request) *search.Facets {
	f := &search.Facets{
		Section:   terms(res.Facets[FieldSection], nil, facetSection),
		Newspaper: terms(res.Facets[FieldNewspaper], nil, facetNewspaper),
		Region:    terms(res.Facets[FieldRegions], x.regionLevel(req.Regions), facetRegionOut),
	}
	years := terms(res.Facets[FieldYear], nil, facetYears)
	months := terms(res.Facets[FieldMonth], nil, facetMonths)
	switch {
	case len(years) > 1:
		f.Date, f.DateUnit = years, "year"
	case len(months) > 1:
		f.Date, f.DateUnit = months, "month"
	default:
		f.Date, f.DateUnit = terms(res.Facets[FieldDay], nil, facetDays), "day"
	}
	sort.Slice(f.Date, func(i, j int) bool { return f.Date[i].Value < f.Date[j].Value })
	return f
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

// terms returns a facet's values that keep accepts (nil: all), most
// frequent first, at most n.
func terms(fr *bsearch.FacetResult, keep func(string) bool, n int) []search.FacetValue {
	out := []search.FacetValue{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		if keep != nil && !keep(t.Term) {
			continue
		}
		out = append(out, search.FacetValue{Value: t.Term, Count: uint64(t.Count)})
		if len(out) == n {
			break
		}
	}
	return out
}
