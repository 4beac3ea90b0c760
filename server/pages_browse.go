package server

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

func paperURL(newspaper string) string { return "/papers/" + url.PathEscape(newspaper) }

func monthURL(newspaper, month string) string {
	return paperURL(newspaper) + "?month=" + url.QueryEscape(month)
}

func issueURL(newspaper, date string) string {
	return paperURL(newspaper) + "/" + url.PathEscape(date)
}

// pageAnchor is the id of a page's section on the issue page.
func pageAnchor(page string) string { return "page-" + page }

type papersView struct {
	chrome
	Papers []paperView
}

type paperView struct {
	search.Paper
	URL string // its latest month
}

// papersPage lists the papers in the archive.
func (h *handlers) papersPage(c *gin.Context) error {
	papers, err := h.cfg.Browser.Papers(c.Request.Context())
	if err != nil {
		return err
	}
	v := papersView{chrome: h.chrome("按报纸浏览", "")}
	for _, p := range papers {
		v.Papers = append(v.Papers, paperView{Paper: p, URL: monthURL(p.Newspaper, monthOf(p.Last))})
	}
	return h.render(c, http.StatusOK, "papers", v)
}

func monthOf(date string) string {
	if len(date) >= 7 {
		return date[:7]
	}
	return date
}

type calendarView struct {
	chrome
	Paper     search.Paper
	Month     string // YYYY-MM
	MonthName string // 2019年2月
	Prev      string // URL of the month before, when the paper has it
	Next      string
	Weeks     [][]calDay
	Days      int // days with articles this month
	SearchURL string
}

// calDay is one cell of the month grid; Day 0 is a blank before the 1st
// or after the last.
type calDay struct {
	Day      int
	Articles uint64
	URL      string
}

// findPaper returns the paper named, or a not-found error.
func (h *handlers) findPaper(c *gin.Context, name string) (search.Paper, error) {
	papers, err := h.cfg.Browser.Papers(c.Request.Context())
	if err != nil {
		return search.Paper{}, err
	}
	for _, p := range papers {
		if p.Newspaper == name {
			return p, nil
		}
	}
	return search.Paper{}, errPageNotFound
}

var errPageNotFound = &kindError{msg: "not found", kind: search.ErrNotFound}

// calendarPage shows a month of a paper as a calendar of issues.
func (h *handlers) calendarPage(c *gin.Context) error {
	p, err := h.findPaper(c, c.Param("newspaper"))
	if err != nil {
		return err
	}
	month := strings.TrimSpace(c.Query("month"))
	if month == "" {
		month = monthOf(p.Last)
	}
	first, err := time.Parse("2006-01", month)
	if err != nil || len(month) != len("2006-01") {
		return &search.ParamError{Param: "month", Reason: "want YYYY-MM"}
	}
	days, err := h.cfg.Browser.Calendar(c.Request.Context(), p.Newspaper, month)
	if err != nil {
		return err
	}
	counts := make(map[int]uint64, len(days))
	for _, d := range days {
		t, err := time.Parse("2006-01-02", d.Date)
		if err != nil || t.Year() != first.Year() || t.Month() != first.Month() {
			continue
		}
		counts[t.Day()] += d.Articles
	}
	v := calendarView{
		chrome:    h.chrome(p.Newspaper+" "+first.Format("2006年1月"), ""),
		Paper:     p,
		Month:     month,
		MonthName: first.Format("2006年1月"),
		Days:      len(counts),
		SearchURL: searchURL("newspaper", p.Newspaper) + "&from=" + month + "&to=" + month,
	}
	if prev := first.AddDate(0, -1, 0).Format("2006-01"); prev >= monthOf(p.First) {
		v.Prev = monthURL(p.Newspaper, prev)
	}
	if next := first.AddDate(0, 1, 0).Format("2006-01"); next <= monthOf(p.Last) {
		v.Next = monthURL(p.Newspaper, next)
	}
	// Weeks start on Monday, as Chinese calendars print them.
	lead := (int(first.Weekday()) + 6) % 7
	last := first.AddDate(0, 1, -1).Day()
	var week []calDay
	for range lead {
		week = append(week, calDay{})
	}
	for d := 1; d <= last; d++ {
		cd := calDay{Day: d, Articles: counts[d]}
		if cd.Articles > 0 {
			cd.URL = issueURL(p.Newspaper, first.AddDate(0, 0, d-1).Format("2006-01-02"))
		}
		week = append(week, cd)
		if len(week) == 7 {
			v.Weeks = append(v.Weeks, week)
			week = nil
		}
	}
	if len(week) > 0 {
		for len(week) < 7 {
			week = append(week, calDay{})
		}
		v.Weeks = append(v.Weeks, week)
	}
	return h.render(c, http.StatusOK, "calendar", v)
}

type issueView struct {
	chrome
	Issue      *search.Issue
	DateName   string // 2019年2月1日 星期五
	MonthURL   string
	Prev, Next string
	Pages      []issuePageView
}

type issuePageView struct {
	Page, Section string
	Anchor        string
	NextAnchor    string // the next page's anchor, for the last page empty
	Articles      []issueArticle
}

type issueArticle struct {
	URL, Kicker, Title, Subtitle string
	Authors                      []string
}

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// issuePage shows one day's paper page by page.
func (h *handlers) issuePage(c *gin.Context) error {
	np, date := c.Param("newspaper"), c.Param("date")
	day, err := time.Parse("2006-01-02", date)
	if err != nil || len(date) != len("2006-01-02") {
		return &search.ParamError{Param: "date", Reason: "want YYYY-MM-DD"}
	}
	is, err := h.cfg.Browser.Issue(c.Request.Context(), np, date)
	if err != nil {
		return err
	}
	if is == nil || len(is.Pages) == 0 {
		return errPageNotFound
	}
	v := issueView{
		chrome:   h.chrome(np+" "+day.Format("2006年1月2日"), ""),
		Issue:    is,
		DateName: day.Format("2006年1月2日") + " " + weekdays[day.Weekday()],
		MonthURL: monthURL(np, monthOf(date)),
	}
	if is.Prev != "" {
		v.Prev = issueURL(np, is.Prev)
	}
	if is.Next != "" {
		v.Next = issueURL(np, is.Next)
	}
	for i, p := range is.Pages {
		pv := issuePageView{Page: p.Page, Section: p.Section, Anchor: pageAnchor(p.Page)}
		if i+1 < len(is.Pages) {
			pv.NextAnchor = pageAnchor(is.Pages[i+1].Page)
		}
		for _, a := range p.Articles {
			pv.Articles = append(pv.Articles, issueArticle{URL: articleURL(a.ID), Kicker: a.Kicker, Title: a.Title, Subtitle: a.Subtitle, Authors: a.Authors})
		}
		v.Pages = append(v.Pages, pv)
	}
	return h.render(c, http.StatusOK, "issue", v)
}
