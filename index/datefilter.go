package index

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A date filter is checked per hit against the day of each article held
// in the facet columns (facetColumn.date), which costs nothing to set up.
// As a Bleve query it cost a quarter of a date-filtered word search: a
// range over the indexed date looks up hundreds of prefix-coded terms in
// every segment, and term ranges over years, months and days, tried next,
// still read a posting list per term and segment. The year terms in the
// match (see yearTerms) still let a narrow range lead, so few hits are
// checked.

// noDate is the day of an article without a date: never in a range.
const noDate = math.MinInt32

// dayNumber is the number of days from 1970-01-01 to t's day.
func dayNumber(t time.Time) int32 {
	return int32(t.Unix() / 86400)
}

// dateRange is a filter of days, From to To (day numbers, both included).
type dateRange struct {
	From, To int32
}

// newDateRange is the filter of [from, to] (zero: open).
func newDateRange(from, to time.Time) *dateRange {
	r := &dateRange{From: math.MinInt32 + 1, To: math.MaxInt32}
	if !from.IsZero() {
		r.From = dayNumber(from)
	}
	if !to.IsZero() {
		r.To = dayNumber(to)
	}
	return r
}

func (r *dateRange) holds(day int32) bool {
	return day != noDate && day >= r.From && day <= r.To
}

// datedQuery is a query whose hits are kept only within a date range.
type datedQuery struct {
	query.Query
	dates *dateRange
	cols  *facetColumns
}

func (q *datedQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	cursor, _, err := q.cols.of(ctx, r, "filter dates")
	if err != nil {
		return nil, err
	}
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, s, func(_ *bsearch.SearchContext, d *bsearch.DocumentMatch) bool {
		col, local, ok := cursor.at(d.IndexInternalID.Value())
		return ok && q.dates.holds(col.date[local])
	}), nil
}

// MarshalJSON names the query and its range for the facet cache's key.
func (q *datedQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"dated": q.Query, "from": q.dates.From, "to": q.dates.To})
}
