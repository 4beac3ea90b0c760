package server

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// The pages are html/template files: web/pages/layout.html holds what
// every page shares (head, header with the search box, footer), and each
// page file defines "title" and "content".
//
//go:embed web/pages
var pageFS embed.FS

// pageTemplates are the parsed pages by name (the file name without
// .html). Parsing is done once, at start-up; a broken template is a
// programming error and panics in every test.
var pageTemplates = parsePages("search", "article", "papers", "calendar", "issue", "error")

func parsePages(names ...string) map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(pageFuncs).ParseFS(pageFS, "web/pages/layout.html"))
	m := make(map[string]*template.Template, len(names))
	for _, n := range names {
		m[n] = template.Must(template.Must(layout.Clone()).ParseFS(pageFS, "web/pages/"+n+".html"))
	}
	return m
}

var pageFuncs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}

// chrome is what the layout needs from every page.
type chrome struct {
	Title  string // the page's own title; the layout adds the site name
	Q      string // prefills the search box in the header
	Browse bool   // the papers can be browsed: link to /papers
	Home   bool   // the search page: its own large box replaces the header's
}

func (h *handlers) chrome(title, q string) chrome {
	return chrome{Title: title, Q: q, Browse: h.cfg.Browser != nil}
}

// render writes a page with status.
func (h *handlers) render(c *gin.Context, status int, name string, data any) error {
	t, ok := pageTemplates[name]
	if !ok {
		return fmt.Errorf("render: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// wrapPage is wrap for pages: an error becomes a page a person can read,
// with the same status the API would answer.
func (h *handlers) wrapPage(fn handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			h.failPage(c, err)
		}
	}
}

// errorView is the error page's data.
type errorView struct {
	chrome
	Status  int
	Heading string
	Message string
}

func statusFor(err error) int {
	for _, s := range statusOf {
		if errors.Is(err, s.kind) {
			return s.status
		}
	}
	return http.StatusInternalServerError
}

// failPage renders err as a page. Like fail, it never echoes what was not
// found, and keeps the details of a 500 for the log.
func (h *handlers) failPage(c *gin.Context, err error) {
	status := statusFor(err)
	if status >= 500 {
		h.cfg.Log.Error("request failed", "route", route(c), "status", status, "err", err)
	}
	if status == 499 {
		c.AbortWithStatus(status)
		return
	}
	v := errorView{chrome: h.chrome("出错了", c.Query("q")), Status: status}
	switch status {
	case http.StatusBadRequest:
		v.Heading, v.Message = "请求有误", paramMessage(err)
	case http.StatusNotFound:
		v.chrome.Title = "找不到页面"
		v.Heading, v.Message = "找不到这个页面", "它可能已被撤下，或者链接有误。可以在上面的搜索框里重新搜索。"
	case http.StatusServiceUnavailable:
		c.Header("Retry-After", retryAfter)
		v.Heading, v.Message = "暂时无法回答", "服务器正忙或正在准备索引，请稍后再试。"
	case http.StatusGatewayTimeout:
		v.Heading, v.Message = "没能及时得到结果", "请换一个更具体的搜索，或者加上日期、报纸等条件缩小范围。"
	default:
		v.Heading, v.Message = "出错了", "服务器内部出错，请稍后再试。"
	}
	if rerr := h.render(c, status, "error", v); rerr != nil {
		h.cfg.Log.Error("render error page", "err", rerr)
		c.AbortWithStatus(status)
		return
	}
	c.Abort()
}

// paramMessage says in Chinese what was wrong with a parameter.
func paramMessage(err error) string {
	var pe *search.ParamError
	if !errors.As(err, &pe) {
		return "请求的参数有误。"
	}
	switch pe.Param {
	case "from", "to":
		return "日期的格式应为 年（2019）、年-月（2019-02）或 年-月-日（2019-02-01），且起始日期不晚于结束日期。"
	case "sort":
		return "排序方式只能是 相关度、最新 或 最早。"
	case "page":
		return fmt.Sprintf("页码应为 1 到 %d 之间的整数（最多显示前 %d 篇结果）。", maxPage, maxPage*pageSize)
	case "region":
		return "不认识这个地区名，请换一种写法（如 长春、长春市、吉林省）。"
	case "substr":
		return "参数 substr 只能是 1 或 0。"
	case "month":
		return "月份的格式应为 年-月，如 2019-02。"
	case "date":
		return "日期的格式应为 年-月-日，如 2019-02-01。"
	case "q", "query":
		return "搜索式有误：" + pe.Reason
	}
	return "参数 " + pe.Param + " 有误：" + pe.Reason
}
