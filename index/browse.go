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
	monthLayout      = "2006-01"
)

// hitFields are the stored fields of a hit without its text.
var hitFields = []string{FieldNewspaper, FieldDate, FieldSection, FieldPage, FieldKicker, FieldTitle, FieldSubtitle, FieldAuthors, FieldRegions}

// Papers lists every newspaper with the dates it spans, most articles
// first (then by name). The list is kept until the index changes.
func (x *Index) Papers(ctx context.Context) ([]search.Paper, error) {
	seq, err := x.Seq()
	if err != nil {
		return nil, err
	}
	if c := x.papers.Load(); c != nil && c.seq == seq {
		return slices.Clone(c.papers), nil
	}
	ctx, cancel := x.withTimeout(ctx)
	defer cancel()
	out, err := x.listPapers(ctx)
	if err != nil {
		return nil, err
	}
	x.papers.Store(&papersCache{seq: seq, papers: out})
	return slices.Clone(out), nil
}

type papersCache struct {
	seq    uint64 // the index's sequence it was listed at
	papers []search.Paper
}

// listPapers reads the papers from the newspaper field's terms, counts
// each paper's articles, and finds its first and last dates in its first
// and last years.
func (x *Index) listPapers(ctx context.Context) ([]search.Paper, error) {
	// The dictionaries' counts are not used: zapx miscounts after a term
	// of one article (see readDicts).
	names, err := x.terms(FieldNewspaper)
	if err != nil {
		return nil, err
	}
	years, err := x.terms(FieldYear)
	if err != nil {
		return nil, err
	}
	out := []search.Paper{}
	for _, name := range names {
		if name == "" {
			continue // articles without a newspaper are no paper to browse
		}
		p := search.Paper{Newspaper: name}
		if p.First, err = x.yearEdge(ctx, name, years, false); err == nil {
			p.Last, err = x.yearEdge(ctx, name, years, true)
		}
		if err == nil {
			p.Articles, err = x.count(ctx, termQuery(FieldNewspaper, name))
		}
		if err != nil {
			return nil, fmt.Errorf("dates of %s: %w", name, err)
		}
		if p.Articles > 0 { // a term of deleted articles only
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b search.Paper) int {
		return cmp.Or(cmp.Compare(b.Articles, a.Articles), strings.Compare(a.Newspaper, b.Newspaper))
	})
	return out, nil
}

// terms lists the terms of field, in order.
func (x *Index) terms(field string) ([]string, error) {
	d, err := x.bleve.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	var out []string
	for {
		e, err := d.Next()
		if err != nil || e == nil {
			return out, err
		}
		out = append(out, e.Term)
	}
}

// count is the number of articles q matches.
func (x *Index) count(ctx context.Context, q query.Query) (uint64, error) {
	res, err := x.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// yearEdge is the first (latest: last) date of newspaper, looked for year
// by year (years in order), so that only one year's articles are sorted.
func (x *Index) yearEdge(ctx context.Context, newspaper string, years []string, latest bool) (string, error) {
	for i := range years {
		y := years[i]
		if latest {
			y = years[len(years)-1-i]
		}
		q := query.NewConjunctionQuery([]query.Query{termQuery(FieldNewspaper, newspaper), termQuery(FieldYear, y)})
		d, err := x.edgeDate(ctx, q, latest)
		if d != "" || err != nil {
			return d, err
		}
	}
	return "", nil
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
	res, err := x.searchStored(ctx, sr, []string{FieldDate})
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

// issueWindow is how far the issue before or after a day is looked for
// first: sorting a month of a paper by date is cheap, sorting all of it is
// not.
const issueWindow = 31

// nearestIssue is the date of newspaper's last issue before day or (after)
// its first issue on or after it, or "" when there is none.
func (x *Index) nearestIssue(ctx context.Context, newspaper string, day time.Time, after bool) (string, error) {
	var near, far query.Query
	if after {
		near = paperBetween(newspaper, day, day.AddDate(0, 0, issueWindow))
		far = paperBetween(newspaper, day, time.Time{})
	} else {
		near = paperBetween(newspaper, day.AddDate(0, 0, -issueWindow), day)
		far = paperBetween(newspaper, time.Time{}, day)
	}
	d, err := x.edgeDate(ctx, near, !after)
	if d != "" || err != nil {
		return d, err
	}
	return x.edgeDate(ctx, far, !after)
}

// paperBetween matches newspaper's articles dated in [start, end); a zero
// start or end leaves that side open.
func paperBetween(newspaper string, start, end time.Time) query.Query {
	incl, excl := true, false
	dq := query.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	dq.SetField(FieldDate)
	// A conjunction, not a filter: a narrow range leads, and the paper's
	// other articles are skipped rather than read.
	return query.NewConjunctionQuery([]query.Query{dq, termQuery(FieldNewspaper, newspaper)})
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
	res, err := x.searchStored(ctx, sr, hitFields)
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
	if is.Prev, err = x.nearestIssue(ctx, newspaper, day, false); err == nil {
		is.Next, err = x.nearestIssue(ctx, newspaper, next, true)
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
