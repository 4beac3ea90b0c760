package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/search"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fakeBrowser walks two issues of 人民日报 (the articles of openArchive);
// the real one is the index's, tested with it.
type fakeBrowser struct{}

func (fakeBrowser) Papers(context.Context) ([]search.Paper, error) {
	return []search.Paper{
		{Newspaper: "人民日报", First: "2019-02-01", Last: "2020-01-15", Articles: 2},
		{Newspaper: "中国妇女报", First: "2017-09-15", Last: "2017-09-15", Articles: 1},
	}, nil
}

func (fakeBrowser) Calendar(_ context.Context, np, month string) ([]search.Day, error) {
	days := map[string][]search.Day{
		"人民日报 2019-02":  {{Date: "2019-02-01", Articles: 1}, {Date: "2019-02-03", Articles: 7}},
		"人民日报 2020-01":  {{Date: "2020-01-15", Articles: 1}},
		"中国妇女报 2017-09": {{Date: "2017-09-15", Articles: 1}},
	}
	return days[np+" "+month], nil
}

func (fakeBrowser) Issue(_ context.Context, np, date string) (*search.Issue, error) {
	switch np + " " + date {
	case "人民日报 2019-02-01":
		return &search.Issue{Newspaper: np, Date: date, Next: "2019-02-03", Pages: []search.IssuePage{
			{Page: "01", Section: "要闻", Articles: []search.Hit{{ID: "cc1", Title: "长春市人民政府发布新规"}}},
			{Page: "04", Section: "综合", Articles: []search.Hit{{ID: "x/1", Kicker: "引题", Title: "<第二篇>"}}},
		}}, nil
	case "中国妇女报 2017-09-15":
		return &search.Issue{Newspaper: np, Date: date, Pages: []search.IssuePage{
			{Page: "02", Section: "综合新闻", Articles: []search.Hit{{ID: "cc2", Title: "“娘家人”的服务越来越靠谱儿"}}},
		}}, nil
	}
	return nil, search.ErrNotFound
}

type fakeRelater struct{}

func (fakeRelater) Related(_ context.Context, id string, size int) (*search.Result, error) {
	if size != 5 {
		return nil, search.ErrBadRequest
	}
	return &search.Result{Total: 1, Hits: []search.Hit{{ID: "bj1", Newspaper: "人民日报", Date: "2020-01-15", Title: "北京市民生活"}}}, nil
}

func browseServer(t *testing.T) *httptest.Server {
	a := openArchive(t)
	cfg := a.config()
	cfg.Browser, cfg.Relater = fakeBrowser{}, fakeRelater{}
	return serve(t, cfg)
}

func TestArticlePageLinks(t *testing.T) {
	srv := browseServer(t)
	p := getPage(t, srv, "/articles/cc2")
	if p.code != http.StatusOK {
		t.Fatalf("status %d", p.code)
	}
	if h1 := text(p.all(atom.H1)[0]); h1 != "“娘家人”的服务越来越靠谱儿" {
		t.Errorf("h1 %q", h1)
	}
	body := byClass(p.doc, "body")
	if len(body) != 1 || !strings.Contains(text(body[0]), "宽城区妇联组织干部参加实训。<script>") {
		t.Errorf("body: %v", body)
	}
	for _, c := range []struct{ text, href string }{
		{"宽城区", "/search?region=" + url.QueryEscape("吉林省/长春市/宽城区")},
		{"徐旭", "/search?author=" + url.QueryEscape("徐旭")},
		{"中国妇女报", "/search?newspaper=" + url.QueryEscape("中国妇女报")},
		{"综合新闻", "/search?section=" + url.QueryEscape("综合新闻")},
		{"第02版", "/papers/" + url.PathEscape("中国妇女报") + "/2017-09-15#page-02"},
		{"在当天报纸中查看这一版", "/papers/" + url.PathEscape("中国妇女报") + "/2017-09-15#page-02"},
		{"北京市民生活", "/articles/bj1"},
	} {
		if href, ok := linkTo(t, p.doc, c.text); !ok || href != c.href {
			t.Errorf("link %s: %q, want %q", c.text, href, c.href)
		}
	}
	// Without a Browser or a Relater: no issue link, no related list.
	plain := serve(t, openArchive(t).config())
	p = getPage(t, plain, "/articles/cc2")
	if _, ok := linkTo(t, p.doc, "在当天报纸中查看这一版"); ok || len(p.byClass("related")) != 0 {
		t.Error("issue link or related articles without a Browser and a Relater")
	}
	if !strings.Contains(text(p.byClass("meta")[0]), "第02版") {
		t.Error("no page without a Browser")
	}
	if r := do(t, plain, "GET", "/papers", "", "", false); r.code != http.StatusNotFound {
		t.Errorf("/papers without a Browser: %d", r.code)
	}
}

func TestBrowsePages(t *testing.T) {
	srv := browseServer(t)
	rmrb := "/papers/" + url.PathEscape("人民日报")

	p := getPage(t, srv, "/papers")
	if href, ok := linkTo(t, p.doc, "人民日报"); !ok || href != rmrb+"?month=2020-01" {
		t.Errorf("papers: 人民日报 links to %q", href)
	}
	if !strings.Contains(text(p.doc), "2019-02-01 至 2020-01-15") {
		t.Error("papers: no dates")
	}

	// The calendar: the latest month by default; a month's issues.
	p = getPage(t, srv, rmrb)
	if !strings.Contains(text(p.all(atom.H1)[0]), "2020年1月") {
		t.Errorf("default month: %s", text(p.all(atom.H1)[0]))
	}
	if _, ok := linkTo(t, p.doc, "下个月 ›"); ok {
		t.Error("a next month after the paper's last")
	}
	p = getPage(t, srv, rmrb+"?month=2019-02")
	cells := byClass(p.doc, "has")
	if len(cells) != 2 {
		t.Fatalf("calendar: %d days with issues", len(cells))
	}
	if a := findAll(cells[1], func(n *html.Node) bool { return n.DataAtom == atom.A }); len(a) != 1 || attr(a[0], "href") != rmrb+"/2019-02-03" || text(a[0]) != "3 7 篇" {
		t.Errorf("calendar cell: %s", render(cells[1]))
	}
	// 2019-02-01 is a Friday: four blanks before it in a week from Monday.
	first := p.all(atom.Tr)[1]
	tds := findAll(first, func(n *html.Node) bool { return n.DataAtom == atom.Td })
	if len(tds) != 7 || text(tds[3]) != "" || !strings.HasPrefix(text(tds[4]), "1") {
		t.Errorf("first week: %s", render(first))
	}
	if href, ok := linkTo(t, p.doc, "下个月 ›"); !ok || href != rmrb+"?month=2019-03" {
		t.Errorf("下个月: %q", href)
	}
	if _, ok := linkTo(t, p.doc, "‹ 上个月"); ok {
		t.Error("a month before the paper's first")
	}

	// The issue: pages in order, anchors, the next page, the next issue.
	p = getPage(t, srv, rmrb+"/2019-02-01")
	secs := byClass(p.doc, "paper-page")
	var anchors []string
	for _, s := range secs {
		anchors = append(anchors, attr(s, "id"))
	}
	if !slices.Equal(anchors, []string{"page-01", "page-04"}) {
		t.Fatalf("page anchors %v", anchors)
	}
	if h := text(findAll(secs[0], func(n *html.Node) bool { return n.DataAtom == atom.H2 })[0]); h != "第01版：要闻" {
		t.Errorf("page heading %q", h)
	}
	if href, ok := linkTo(t, secs[0], "长春市人民政府发布新规"); !ok || href != "/articles/cc1" {
		t.Errorf("article link %q", href)
	}
	if href, ok := linkTo(t, secs[1], "<第二篇>"); !ok || href != "/articles/x%2F1" {
		t.Errorf("escaped article link %q", href)
	}
	if href, ok := linkTo(t, secs[0], "下一版 ›"); !ok || href != "#page-04" {
		t.Errorf("下一版: %q", href)
	}
	if _, ok := linkTo(t, secs[1], "下一版 ›"); ok {
		t.Error("the last page links to a next one")
	}
	if href, ok := linkTo(t, p.doc, "下一期 ›"); !ok || href != rmrb+"/2019-02-03" {
		t.Errorf("下一期: %q", href)
	}
	if _, ok := linkTo(t, p.doc, "‹ 上一期"); ok {
		t.Error("上一期 without Issue.Prev")
	}
	if !strings.Contains(text(p.all(atom.H1)[0]), "2019年2月1日 星期五") {
		t.Errorf("issue h1 %q", text(p.all(atom.H1)[0]))
	}

	for _, c := range []struct {
		path string
		code int
	}{
		{"/papers/" + url.PathEscape("无此报"), http.StatusNotFound},
		{rmrb + "?month=2019-13", http.StatusBadRequest},
		{rmrb + "/2019-02-30", http.StatusBadRequest},
		{rmrb + "/2019-02-02", http.StatusNotFound},
	} {
		if p := getPage(t, srv, c.path); p.code != c.code || len(p.all(atom.H1)) != 1 {
			t.Errorf("%s: %d, want %d", c.path, p.code, c.code)
		}
	}
}
