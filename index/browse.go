package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Bounds of browsing.
const (
	// MaxIssueArticles bounds the articles one issue lists.
	MaxIssueArticles = 1000
	// maxPapers bounds the newspapers Papers lists.
	maxPapers   = 10000
	monthLayout = "2006-01"
)

// hitFields are the stored fields of a hit without its text.
var hitFields = []string{FieldNewspaper, FieldDate, FieldSection, FieldPage, FieldKicker, FieldTitle, FieldSubtitle, FieldAuthors, FieldRegions}

// Papers lists every newspaper with the dates it spans, most articles
// first (then by name).
func (x *Index) Papers(ctx context.Context) ([]search.Paper, error) {
	ctx, cancel := x.withTimeout(ctx)
	defer cancel()
	sr := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	sr.AddFacet(FieldNewspaper, bleve.NewFacetRequest(FieldNewspaper, maxPapers))
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("list newspapers: %w", err)
	}
	out := []search.Paper{}
	if f := res.Facets[FieldNewspaper]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out = append(out, search.Paper{Newspaper: t.Term, Articles: uint64(t.Count)})
		}
	}
	for i := range out {
		p := &out[i]
		paper := termQuery(FieldNewspaper, p.Newspaper)
		if p.First, err = x.edgeDate(ctx, paper, false); err == nil {
			p.Last, err = x.edgeDate(ctx, paper, true)
		}
		if err != nil {
			return nil, fmt.Errorf("dates of %s: %w", p.Newspaper, err)
		}
	}
	slices.SortStableFunc(out, func(a, b search.Paper) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Newspaper, b.Newspaper))
	})
	return out, nil
}

// edgeDate returns the first (or, latest, the last) date of the articles
// q matches, or "" when it matches none.
func (x *Index) edgeDate(ctx context.Context, q query.Query, latest bool) (string, error) {
	sr := bleve.NewSearchRequestOptions(q, 1, 0, false)
	order := FieldDate
	if latest {
		order = "-" + FieldDate
	}
	sr.SortBy([]string{order, "_id"})
	sr.Fields = []string{FieldDate}
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil || len(res.Hits) == 0 {
		return "", err
	}
	return hitFromFields(res.Hits[0].ID, res.Hits[0].Fields).Date, nil
}

// Calendar lists the days of month (YYYY-MM) on which newspaper has
// articles, in date order.
func (x *Index) Calendar(ctx context.Context, newspaper, month string) ([]search.Day, error) {
	newspaper = strings.TrimSpace(newspaper)
	if newspaper == "" {
		return nil, &search.ParamError{Param: "newspaper", Reason: "required"}
	}
	start, err := time.Parse(monthLayout, strings.TrimSpace(month))
	if err != nil {
		return nil, &search.ParamError{Param: "month", Reason: fmt.Sprintf("%q is not YYYY-MM", article.Clip(month, 32))}
	}
	if err := article.CheckYear(start); err != nil {
		return nil, &search.ParamError{Param: "month", Reason: err.Error()}
	}
	end := start.AddDate(0, 1, 0)
	ctx, cancel := x.withTimeout(ctx)
	defer cancel()
	sr := bleve.NewSearchRequestOptions(paperBetween(newspaper, start, end), 0, 0, false)
	days := bleve.NewFacetRequest(FieldDate, 31)
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		days.AddDateTimeRange(d.Format(article.DateLayout), d, d.AddDate(0, 0, 1))
	}
	sr.AddFacet(FieldDate, days)
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("calendar of %s %s: %w", newspaper, month, err)
	}
	out := []search.Day{}
	if f := res.Facets[FieldDate]; f != nil {
		for _, r := range f.DateRanges {
			if r.Count > 0 {
				out = append(out, search.Day{Date: r.Name, Articles: uint64(r.Count)})
			}
		}
	}
	slices.SortFunc(out, func(a, b search.Day) int { return strings.Compare(a.Date, b.Date) })
	return out, nil
}

// paperBetween matches newspaper's articles dated in [start, end); a zero
// start or end leaves that side open.
func paperBetween(newspaper string, start, end time.Time) query.Query {
	incl, excl := true, false
	dq := query.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	dq.SetField(FieldDate)
	bq := query.NewBooleanQuery([]query.Query{termQuery(FieldNewspaper, newspaper)}, nil, nil)
	bq.AddFilter(dq)
	return bq
}

// Issue returns newspaper's issue of date (YYYY-MM-DD): its pages in print
// order, each with its articles (at most MaxIssueArticles in all), and the
// dates of the paper's previous and next issues. A day without articles
// of the paper is search.ErrNotFound.
//
// An article printed on several pages is listed under its first page only:
// the index keeps one page per article.
func (x *Index) Issue(ctx context.Context, newspaper, date string) (*search.Issue, error) {
	newspaper = strings.TrimSpace(newspaper)
	if newspaper == "" {
		return nil, &search.ParamError{Param: "newspaper", Reason: "required"}
	}
	day, err := time.Parse(article.DateLayout, strings.TrimSpace(date))
	if err != nil {
		return nil, &search.ParamError{Param: "date", Reason: fmt.Sprintf("%q is not YYYY-MM-DD", article.Clip(date, 32))}
	}
	if err := article.CheckYear(day); err != nil {
		return nil, &search.ParamError{Param: "date", Reason: err.Error()}
	}
	ctx, cancel := x.withTimeout(ctx)
	defer cancel()
	next := day.AddDate(0, 0, 1)
	sr := bleve.NewSearchRequestOptions(paperBetween(newspaper, day, next), MaxIssueArticles, 0, false)
	sr.SortBy([]string{"_id"})
	sr.Fields = hitFields
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("issue of %s %s: %w", newspaper, date, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("issue of %s %s: %w", newspaper, date, search.ErrNotFound)
	}
	is := &search.Issue{Newspaper: newspaper, Date: day.Format(article.DateLayout)}
	hits := make([]search.Hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = plainHit(h.ID, h.Fields)
	}
	is.Pages = issuePages(hits)
	if is.Prev, err = x.edgeDate(ctx, paperBetween(newspaper, time.Time{}, day), true); err == nil {
		is.Next, err = x.edgeDate(ctx, paperBetween(newspaper, next, time.Time{}), false)
	}
	if err != nil {
		return nil, fmt.Errorf("issues around %s %s: %w", newspaper, date, err)
	}
	return is, nil
}

// plainHit is a hit of stored fields without highlights.
func plainHit(id string, f map[string]any) search.Hit {
	h := hitFromFields(id, f)
	h.Highlights = search.Highlights{Body: []string{}}
	return h
}

// issuePages groups hits (in id order) by page (01, 1 and 1版 are one
// page, named as its first article names it), in print order, articles
// without a page last. A page's section is the most common of its
// articles' sections (the first in string order among equals).
func issuePages(hits []search.Hit) []search.IssuePage {
	var pages []search.IssuePage
	at := map[string]int{}
	for _, h := range hits {
		k := article.PageKey(h.Page)
		i, ok := at[k]
		if !ok {
			i = len(pages)
			at[k] = i
			pages = append(pages, search.IssuePage{Page: h.Page})
		}
		pages[i].Articles = append(pages[i].Articles, h)
	}
	for i := range pages {
		pages[i].Section = commonSection(pages[i].Articles)
	}
	slices.SortFunc(pages, func(a, b search.IssuePage) int {
		if (a.Page == "") != (b.Page == "") {
			if a.Page == "" {
				return 1
			}
			return -1
		}
		return article.ComparePages(a.Page, b.Page)
	})
	return pages
}

func commonSection(hits []search.Hit) string {
	n := map[string]int{}
	best := ""
	for _, h := range hits {
		if h.Section == "" {
			continue
		}
		n[h.Section]++
		if c, b := n[h.Section], n[best]; best == "" || c > b || (c == b && h.Section < best) {
			best = h.Section
		}
	}
	return best
}

// withTimeout bounds ctx by the index's search timeout.
func (x *Index) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if x.opts.Timeout > 0 {
		return context.WithTimeout(ctx, x.opts.Timeout)
	}
	return ctx, func() {}
}
