package server

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

const (
	pageSize = 10                          // hits per result page
	maxPage  = search.MaxOffset / pageSize // the first 10,000 results are reachable
)

// filterParams are the repeated filters of the search page, in the order
// chips show them, with their Chinese names.
var filterParams = []struct{ param, label string }{
	{"newspaper", "报纸"},
	{"section", "版面"},
	{"region", "地区"},
	{"author", "作者"},
}

// searchView is the search page's data. Every link is built here; the
// template only prints.
type searchView struct {
	chrome
	Form     formView
	Searched bool   // a query or a filter was given
	Error    string // a bad parameter, in words (status 400)

	Total, SubstrOnly uint64
	TookMS            int64
	Hits              []hitView
	Chips             []link // active filters; each URL drops that filter
	Sorts             []link
	Facets            []facetGroup
	Pager             pager
	SubstrURL         string // include in-word matches, when SubstrOnly > 0
	Repairs           []string
	PastEnd           bool   // a page after the last one
	FirstURL          string // page 1 of the same search
}

// formView prefills the search form; hidden keeps the filters that have
// no input of their own, so a new query keeps them.
type formView struct {
	From, To string
	Hidden   []param
}

type param struct{ Name, Value string }

// link is an anchor: text, where it goes, a count to show, and whether it
// is the current choice.
type link struct {
	Text   string
	Label  string // what kind of filter a chip is
	URL    string
	Count  uint64
	Active bool
}

type facetGroup struct {
	Name  string
	Links []link
}

type pager struct {
	First, Prev, Next string // empty: no such link
	Pages             []link
	More              bool // pages after the last number shown
	Capped            bool // more results than paging reaches
	Reach             int  // how many results paging reaches
	Page, Last        int
}

type hitView struct {
	URL                     string
	Title, Kicker, Subtitle hlText
	Body                    []template.HTML // highlights, escaped by the highlighter
	Newspaper, Date, Page   string
	Section                 string
	Authors                 []string
	Also                    []alsoView
}

type alsoView struct {
	URL, Newspaper, Date, Page string
}

// hlText is a field as the result list shows it: the highlight from the
// contract (HTML-escaped by the highlighter, with <mark>) when there is
// one, else the plain text, which the template escapes.
type hlText struct {
	HL    template.HTML
	Plain string
}

func hl(highlight, plain string) hlText {
	return hlText{HL: template.HTML(highlight), Plain: plain} // escaped by the highlighter (search.Highlights)
}

func articleURL(id string) string { return "/articles/" + url.PathEscape(id) }

func newHitView(h search.Hit) hitView {
	v := hitView{
		URL:       articleURL(h.ID),
		Title:     hl(h.Highlights.Title, h.Title),
		Kicker:    hl(h.Highlights.Kicker, h.Kicker),
		Subtitle:  hl(h.Highlights.Subtitle, h.Subtitle),
		Newspaper: h.Newspaper, Date: h.Date, Page: h.Page, Section: h.Section,
		Authors: h.Authors,
	}
	for _, b := range h.Highlights.Body {
		v.Body = append(v.Body, template.HTML(b)) // escaped by the highlighter
	}
	for _, a := range h.Also {
		v.Also = append(v.Also, alsoView{URL: articleURL(a.ID), Newspaper: a.Newspaper, Date: a.Date, Page: a.Page})
	}
	return v
}

// searchState is the search in the URL, to build links that change one
// thing about it.
type searchState struct{ v url.Values }

// stateKeys are the parameters a link carries over, in a stable order.
var stateKeys = []string{"q", "from", "to", "newspaper", "section", "region", "author", "sort", "substr", "page"}

func newSearchState(in url.Values) searchState {
	v := url.Values{}
	for _, k := range stateKeys {
		for _, x := range in[k] {
			if x = strings.TrimSpace(x); x != "" {
				v.Add(k, x)
			}
		}
	}
	return searchState{v}
}

// url is /search with the state, page 1 unless page is set.
func (s searchState) url(change func(v url.Values)) string {
	v := url.Values{}
	for k, xs := range s.v {
		v[k] = slices.Clone(xs)
	}
	v.Del("page")
	change(v)
	if len(v) == 0 {
		return "/search"
	}
	return "/search?" + v.Encode()
}

func (s searchState) with(k, x string) string {
	return s.url(func(v url.Values) {
		if !slices.Contains(v[k], x) {
			v.Add(k, x)
		}
	})
}

func (s searchState) without(k, x string) string {
	return s.url(func(v url.Values) {
		v[k] = slices.DeleteFunc(slices.Clone(v[k]), func(y string) bool { return y == x })
		if len(v[k]) == 0 {
			v.Del(k)
		}
	})
}

func (s searchState) set(k, x string) string {
	return s.url(func(v url.Values) {
		if x == "" {
			v.Del(k)
		} else {
			v.Set(k, x)
		}
	})
}

func (s searchState) page(n int) string {
	return s.url(func(v url.Values) {
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
	})
}

// searchPage serves / and /search: the box, and the results when there is
// a query or a filter.
func (h *handlers) searchPage(c *gin.Context) error {
	st := newSearchState(c.Request.URL.Query())
	req := search.Request{
		Query:       st.v.Get("q"),
		From:        st.v.Get("from"),
		To:          st.v.Get("to"),
		Newspapers:  st.v["newspaper"],
		Sections:    st.v["section"],
		Regions:     st.v["region"],
		Authors:     st.v["author"],
		Sort:        st.v.Get("sort"),
		Facets:      true,
		CountSubstr: true, // the page offers the matches inside other words
		Size:        pageSize,
	}
	v := searchView{chrome: h.chrome("", req.Query), SubstrURL: ""}
	v.Home = true
	v.Form.From, v.Form.To = req.From, req.To
	for _, f := range filterParams {
		for _, x := range st.v[f.param] {
			v.Form.Hidden = append(v.Form.Hidden, param{f.param, x})
		}
	}
	for _, k := range []string{"sort", "substr"} {
		if x := st.v.Get(k); x != "" {
			v.Form.Hidden = append(v.Form.Hidden, param{k, x})
		}
	}
	v.Searched = strings.TrimSpace(req.Query) != "" || req.From != "" || req.To != "" ||
		len(req.Newspapers)+len(req.Sections)+len(req.Regions)+len(req.Authors) > 0
	if v.Searched {
		v.Title = strings.TrimSpace(req.Query)
		if v.Title == "" {
			v.Title = "浏览"
		}
	}
	v.Chips = chips(st)
	v.FirstURL = st.page(1)
	if !v.Searched {
		return h.render(c, http.StatusOK, "search", v)
	}
	err := parseSearchParams(c, &req)
	if err == nil {
		err = req.Validate()
	}
	var res *search.Result
	if err == nil {
		start := time.Now()
		res, err = h.cfg.Searcher.Search(c.Request.Context(), req)
		h.metrics.search.Observe(time.Since(start).Seconds())
	}
	if errors.Is(err, search.ErrBadRequest) {
		v.Error = paramMessage(err)
		return h.render(c, http.StatusBadRequest, "search", v)
	}
	if err != nil {
		return err
	}
	v.Total, v.TookMS, v.SubstrOnly, v.Repairs = res.Total, res.TookMS, res.SubstrOnly, res.Repairs
	for _, hit := range res.Hits {
		v.Hits = append(v.Hits, newHitView(hit))
	}
	if res.SubstrOnly > 0 && !req.Substr {
		v.SubstrURL = st.set("substr", "1")
	}
	v.Sorts = sortLinks(st, req.Sort)
	v.Facets = facetGroups(st, res.Facets)
	v.Pager = newPager(st, max(req.Page, 1), res.Total)
	v.PastEnd = len(res.Hits) == 0 && res.Total > 0
	return h.render(c, http.StatusOK, "search", v)
}

// parseSearchParams reads page and substr as the API does, bounding page
// to what paging reaches.
func parseSearchParams(c *gin.Context, req *search.Request) error {
	var err error
	if req.Substr, err = boolParam(c, "substr", false); err != nil {
		return err
	}
	if req.Page, err = intParam(c, "page"); err != nil {
		return err
	}
	if req.Page > maxPage {
		return &search.ParamError{Param: "page", Reason: "past the last page reachable"}
	}
	return nil
}

// chips are the active filters, each a link to the same search without it.
func chips(st searchState) []link {
	var out []link
	from, to := st.v.Get("from"), st.v.Get("to")
	switch {
	case from != "" && from == to:
		out = append(out, link{Label: "日期", Text: from, URL: st.url(func(v url.Values) { v.Del("from"); v.Del("to") })})
	default:
		if from != "" {
			out = append(out, link{Label: "从", Text: from, URL: st.set("from", "")})
		}
		if to != "" {
			out = append(out, link{Label: "到", Text: to, URL: st.set("to", "")})
		}
	}
	for _, f := range filterParams {
		for _, x := range st.v[f.param] {
			text := x
			if f.param == "region" {
				text = regionName(x)
			}
			out = append(out, link{Label: f.label, Text: text, URL: st.without(f.param, x)})
		}
	}
	if x := st.v.Get("substr"); x != "" && x != "0" {
		out = append(out, link{Label: "包含", Text: "词内出现", URL: st.set("substr", "")})
	}
	return out
}

// regionName is the last part of a region path: 吉林省/长春市 → 长春市.
func regionName(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[i+1:]
	}
	return path
}

func sortLinks(st searchState, cur string) []link {
	if cur == "" {
		cur = search.SortRelevance
	}
	var out []link
	for _, s := range []struct{ text, sort string }{
		{"相关度", search.SortRelevance}, {"最新", search.SortDateDesc}, {"最早", search.SortDate},
	} {
		u := st.set("sort", s.sort)
		if s.sort == search.SortRelevance {
			u = st.set("sort", "")
		}
		out = append(out, link{Text: s.text, URL: u, Active: s.sort == cur})
	}
	return out
}

// dateLen is how much of a date facet value names its unit.
var dateLen = map[string]int{"day": len("2006-01-02"), "month": len("2006-01"), "year": len("2006")}

func facetGroups(st searchState, f *search.Facets) []facetGroup {
	if f == nil {
		return nil
	}
	var out []facetGroup
	add := func(name, param string, vals []search.FacetValue) {
		g := facetGroup{Name: name}
		for _, fv := range vals {
			if fv.Value == "" || fv.Count == 0 {
				continue
			}
			l := link{Text: fv.Value, Count: fv.Count, URL: st.with(param, fv.Value)}
			if param == "region" {
				l.Text = regionName(fv.Value)
			}
			if slices.Contains(st.v[param], fv.Value) {
				l.Active, l.URL = true, st.without(param, fv.Value)
			}
			g.Links = append(g.Links, l)
		}
		if len(g.Links) > 0 {
			out = append(out, g)
		}
	}
	add("报纸", "newspaper", f.Newspaper)
	add("版面", "section", f.Section)
	add("地区", "region", f.Region)
	g := facetGroup{Name: "日期"}
	for _, fv := range f.Date {
		if fv.Value == "" || fv.Count == 0 {
			continue
		}
		d := fv.Value
		if n, ok := dateLen[f.DateUnit]; ok && len(d) > n {
			d = d[:n]
		}
		l := link{Text: d, Count: fv.Count, URL: st.url(func(v url.Values) { v.Set("from", d); v.Set("to", d) })}
		if st.v.Get("from") == d && st.v.Get("to") == d {
			l.Active = true
		}
		g.Links = append(g.Links, l)
	}
	if len(g.Links) > 0 {
		out = append(out, g)
	}
	return out
}

// pagerWindow is how many page numbers the pager shows.
const pagerWindow = 9

func newPager(st searchState, page int, total uint64) pager {
	reach := min(total, uint64(pageSize*maxPage))
	last := int((reach + pageSize - 1) / pageSize)
	p := pager{Page: page, Last: last, Capped: total > reach, Reach: int(reach)}
	if last <= 1 {
		return p
	}
	if page > 1 {
		p.First, p.Prev = st.page(1), st.page(min(page-1, last))
	}
	if page < last {
		p.Next = st.page(page + 1)
	}
	lo := max(1, page-pagerWindow/2)
	hi := min(last, lo+pagerWindow-1)
	lo = max(1, hi-pagerWindow+1)
	for n := lo; n <= hi; n++ {
		p.Pages = append(p.Pages, link{Text: strconv.Itoa(n), URL: st.page(n), Active: n == page})
	}
	p.More = hi < last
	return p
}
