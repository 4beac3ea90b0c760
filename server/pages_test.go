package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	baoarchive "github.com/baosou/baosou/archive"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/server"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The pages are read as a browser without JavaScript would: parsed HTML,
// its links and forms.

// page is a fetched HTML page.
type page struct {
	code   int
	header http.Header
	body   string
	doc    *html.Node
}

func getPage(t *testing.T, srv *httptest.Server, path string) page {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("GET %s: %d %s, not HTML: %s", path, resp.StatusCode, ct, b)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	p := page{resp.StatusCode, resp.Header, string(b), doc}
	p.checkPage(t, path)
	return p
}

// checkPage asserts what every page has: the CSP, no inline script or
// style, the language, one h1, the styles and the script from /static/.
func (p page) checkPage(t *testing.T, path string) {
	t.Helper()
	if csp := p.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Errorf("%s: CSP %q", path, csp)
	}
	if p.header.Get("X-Frame-Options") != "DENY" || p.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: headers %v", path, p.header)
	}
	if m := inline.FindString(p.body); m != "" {
		t.Errorf("%s has inline %q", path, m)
	}
	if h := p.all(atom.Html); len(h) != 1 || attr(h[0], "lang") != "zh-CN" {
		t.Errorf("%s: no <html lang=zh-CN>", path)
	}
	if n := len(p.all(atom.H1)); n != 1 {
		t.Errorf("%s: %d h1 elements", path, n)
	}
	for _, s := range p.all(atom.Script) {
		if attr(s, "src") != "/static/app.js" || s.FirstChild != nil {
			t.Errorf("%s: script %s", path, render(s))
		}
	}
	for _, in := range p.all(atom.Input) {
		if t := attr(in, "type"); t == "hidden" || t == "submit" {
			continue
		}
		if id := attr(in, "id"); id != "" && p.labelFor(id) {
			continue
		}
		if parentLabel(in) {
			continue
		}
		t.Errorf("%s: input %s has no label", path, render(in))
	}
}

func (p page) labelFor(id string) bool {
	return slices.ContainsFunc(p.all(atom.Label), func(l *html.Node) bool { return attr(l, "for") == id })
}

func parentLabel(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.DataAtom == atom.Label {
			return true
		}
	}
	return false
}

// all returns the elements of a kind, in document order.
func (p page) all(a atom.Atom) []*html.Node {
	return findAll(p.doc, func(n *html.Node) bool { return n.DataAtom == a })
}

// byClass returns the elements with the class.
func (p page) byClass(class string) []*html.Node { return byClass(p.doc, class) }

func byClass(root *html.Node, class string) []*html.Node {
	return findAll(root, func(n *html.Node) bool { return slices.Contains(strings.Fields(attr(n, "class")), class) })
}

func findAll(root *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && pred(n) {
			out = append(out, n)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func render(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	return b.String()
}

// linkTo returns the first <a> whose text is text, inside root.
func linkTo(t *testing.T, root *html.Node, txt string) (string, bool) {
	t.Helper()
	for _, a := range findAll(root, func(n *html.Node) bool { return n.DataAtom == atom.A }) {
		if text(a) == txt {
			return attr(a, "href"), true
		}
	}
	return "", false
}

// query parses a link's query string.
func query(t *testing.T, href string) url.Values {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Fatalf("link %q: %v", href, err)
	}
	if u.Path != "/search" {
		t.Errorf("link %q does not go to /search", href)
	}
	return u.Query()
}

// wantValues says that a link's query is exactly want.
func wantValues(t *testing.T, what, href string, want url.Values) {
	t.Helper()
	got := query(t, href)
	for k := range got {
		slices.Sort(got[k])
	}
	for k := range want {
		slices.Sort(want[k])
	}
	if got.Encode() != want.Encode() {
		t.Errorf("%s: link %s\n got %v\nwant %v", what, href, got, want)
	}
}

// sampleArchive is the bundled sample in a real archive.
func sampleArchive(t *testing.T) *baoarchive.Archive {
	t.Helper()
	ctx := context.Background()
	a, err := baoarchive.Open(ctx, baoarchive.Config{Dir: t.TempDir(), Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := a.IngestFiles(ctx, []string{"../testdata/sample/rmrb-sample.jsonl", "../testdata/sample/zgfnb-2017-09-15-zhzx.txt"}, false); err != nil {
		t.Fatal(err)
	}
	return a
}

func sampleConfig(t *testing.T) server.Config {
	a := sampleArchive(t)
	return server.Config{Searcher: a.Searcher(), Articles: a.Store(), Analyzer: a.Analyzer()}
}

// apiSearch is what /api/search answers for the same query string.
func apiSearch(t *testing.T, srv *httptest.Server, qs string) search.Result {
	t.Helper()
	var res search.Result
	if code := get(t, srv, "/api/search?size=10&"+qs, &res); code != http.StatusOK {
		t.Fatalf("/api/search?%s: %d", qs, code)
	}
	return res
}

// hitLinks are the result titles' links.
func (p page) hitLinks() []string {
	var out []string
	for _, hit := range p.byClass("hit") {
		for _, h2 := range findAll(hit, func(n *html.Node) bool { return n.DataAtom == atom.H2 }) {
			for _, a := range findAll(h2, func(n *html.Node) bool { return n.DataAtom == atom.A }) {
				out = append(out, attr(a, "href"))
			}
		}
	}
	return out
}

func articleLinks(res search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, "/articles/"+url.PathEscape(h.ID))
	}
	return out
}

// TestSearchPages runs the search page on the bundled sample in a real
// archive (one, for speed).
func TestSearchPages(t *testing.T) {
	srv := serve(t, sampleConfig(t))
	t.Run("home", func(t *testing.T) { testHomePage(t, srv) })
	t.Run("results, paging, sort", func(t *testing.T) { testSearchPageResultsPagingSort(t, srv) })
	t.Run("no results", func(t *testing.T) { testSearchPageNoResults(t, srv) })
	t.Run("bad request", func(t *testing.T) { testSearchPageBadRequest(t, srv) })
}

func testHomePage(t *testing.T, srv *httptest.Server) {
	for _, path := range []string{"/", "/search", "/search?q=+&from="} {
		p := getPage(t, srv, path)
		if p.code != http.StatusOK {
			t.Fatalf("%s: %d", path, p.code)
		}
		forms := p.all(atom.Form)
		if len(forms) != 1 || attr(forms[0], "action") != "/search" || attr(forms[0], "method") != "get" {
			t.Fatalf("%s: want one GET form to /search, got %d", path, len(forms))
		}
		if len(p.all(atom.Details)) != 1 || !strings.Contains(text(p.all(atom.Details)[0]), `"长春 妇联"~10`) {
			t.Errorf("%s: no query language help", path)
		}
		if len(p.byClass("hit"))+len(p.byClass("none")) != 0 {
			t.Errorf("%s shows results without a query", path)
		}
	}
}

func testSearchPageResultsPagingSort(t *testing.T, srv *httptest.Server) {
	q := url.Values{"q": {"长春"}}
	res := apiSearch(t, srv, q.Encode())
	if res.Total <= 20 {
		t.Fatalf("the sample has %d articles with 长春; the test wants more than 2 pages", res.Total)
	}
	p := getPage(t, srv, "/search?"+q.Encode())
	if p.code != http.StatusOK {
		t.Fatalf("status %d", p.code)
	}
	if c := p.byClass("count"); len(c) != 1 || !strings.HasPrefix(text(c[0]), fmt.Sprintf("找到 %d 篇", res.Total)) {
		t.Errorf("count line: %v", p.byClass("count"))
	}
	if got, want := p.hitLinks(), articleLinks(res); !slices.Equal(got, want) {
		t.Errorf("hits\n got %v\nwant %v (the API's)", got, want)
	}
	if !strings.Contains(p.body, "<mark>长春</mark>") {
		t.Error("no highlights")
	}
	if strings.Contains(p.body, "&lt;mark&gt;") {
		t.Error("highlights escaped twice")
	}
	if !strings.Contains(text(p.byClass("hit")[0]), "人民日报") && !strings.Contains(text(p.byClass("hit")[0]), "中国妇女报") {
		t.Errorf("hit lacks its newspaper: %s", text(p.byClass("hit")[0]))
	}

	// Paging: numbered links, 下一页; page 2 has 首页 and 上一页.
	pager := p.byClass("pager")
	if len(pager) != 1 {
		t.Fatal("no pager")
	}
	last := int((res.Total + 9) / 10)
	if href, ok := linkTo(t, pager[0], "下一页"); !ok {
		t.Error("no 下一页")
	} else {
		wantValues(t, "下一页", href, url.Values{"q": {"长春"}, "page": {"2"}})
	}
	if href, ok := linkTo(t, pager[0], fmt.Sprint(min(last, 9))); !ok {
		t.Errorf("no link to page %d", min(last, 9))
	} else {
		wantValues(t, "page link", href, url.Values{"q": {"长春"}, "page": {fmt.Sprint(min(last, 9))}})
	}
	if _, ok := linkTo(t, pager[0], "上一页"); ok {
		t.Error("page 1 has 上一页")
	}
	p2 := getPage(t, srv, "/search?q=%E9%95%BF%E6%98%A5&page=2")
	if got, want := p2.hitLinks(), articleLinks(apiSearch(t, srv, "q=%E9%95%BF%E6%98%A5&page=2")); !slices.Equal(got, want) || slices.Equal(got, p.hitLinks()) {
		t.Errorf("page 2 hits %v, want %v", got, want)
	}
	for _, l := range []struct{ text, page string }{{"首页", ""}, {"上一页", ""}, {"3", "3"}} {
		href, ok := linkTo(t, p2.byClass("pager")[0], l.text)
		if !ok {
			t.Errorf("page 2 has no %s", l.text)
			continue
		}
		want := url.Values{"q": {"长春"}}
		if l.page != "" {
			want.Set("page", l.page)
		}
		wantValues(t, "page 2 "+l.text, href, want)
	}
	pl := getPage(t, srv, fmt.Sprintf("/search?q=%%E9%%95%%BF%%E6%%98%%A5&page=%d", last))
	if _, ok := linkTo(t, pl.byClass("pager")[0], "下一页"); ok {
		t.Error("the last page has 下一页")
	}

	// Sort links keep the query and drop the page; the page shows the
	// API's order for each.
	sorts := p.byClass("sorts")
	if len(sorts) != 1 {
		t.Fatal("no sort switch")
	}
	for _, s := range []struct{ text, sort string }{{"最新", "-date"}, {"最早", "date"}} {
		href, ok := linkTo(t, sorts[0], s.text)
		if !ok {
			t.Errorf("no sort link %s", s.text)
			continue
		}
		wantValues(t, s.text, href, url.Values{"q": {"长春"}, "sort": {s.sort}})
		ps := getPage(t, srv, href)
		if got, want := ps.hitLinks(), articleLinks(apiSearch(t, srv, query(t, href).Encode())); !slices.Equal(got, want) {
			t.Errorf("sort %s: hits %v, want %v", s.sort, got, want)
		}
		if on := ps.byClass("on"); len(on) == 0 || text(on[0]) != s.text {
			t.Errorf("sort %s is not shown as the current one", s.sort)
		}
		if _, ok := linkTo(t, ps.byClass("sorts")[0], "相关度"); !ok {
			t.Errorf("sorted by %s: no link back to 相关度", s.sort)
		}
	}
}

func testSearchPageNoResults(t *testing.T, srv *httptest.Server) {
	p := getPage(t, srv, "/search?q=%E7%BA%B3%E7%B1%B3%E6%9C%BA%E5%99%A8%E4%BA%BA&section=%E8%A6%81%E9%97%BB&from=2019")
	if p.code != http.StatusOK {
		t.Fatalf("status %d", p.code)
	}
	none := p.byClass("none")
	if len(none) != 1 || !strings.Contains(text(none[0]), "没有找到“纳米机器人”的结果") {
		t.Fatalf("no no-results section: %s", p.body)
	}
	href, ok := linkTo(t, none[0], "去掉 版面：要闻")
	if !ok {
		t.Fatal("no link dropping the section")
	}
	wantValues(t, "drop section", href, url.Values{"q": {"纳米机器人"}, "from": {"2019"}})
	if href, ok = linkTo(t, none[0], "去掉 从：2019"); !ok {
		t.Fatal("no link dropping the date")
	}
	wantValues(t, "drop from", href, url.Values{"q": {"纳米机器人"}, "section": {"要闻"}})
	if len(p.byClass("pager")) != 0 || len(p.byClass("sorts")) != 0 {
		t.Error("paging or sorting with no results")
	}
}

func testSearchPageBadRequest(t *testing.T, srv *httptest.Server) {
	for _, c := range []struct{ qs, says string }{
		{"q=%E9%95%BF%E6%98%A5&from=2019-13", "日期的格式"},
		{"q=%E9%95%BF%E6%98%A5&sort=popular", "排序方式"},
		{"q=%E9%95%BF%E6%98%A5&page=0", "页码"},
		{"q=%E9%95%BF%E6%98%A5&page=1001", "页码"},
		{"q=%E9%95%BF%E6%98%A5&substr=maybe", "substr"},
	} {
		p := getPage(t, srv, "/search?"+c.qs)
		if p.code != http.StatusBadRequest {
			t.Errorf("%s: status %d", c.qs, p.code)
		}
		e := p.byClass("error")
		if len(e) != 1 || !strings.Contains(text(e[0]), c.says) || attr(e[0], "role") != "alert" {
			t.Errorf("%s: error message %v", c.qs, e)
		}
		if in := findAll(p.doc, func(n *html.Node) bool { return attr(n, "id") == "q" }); len(in) != 1 || attr(in[0], "value") != "长春" {
			t.Errorf("%s: the box lost the query", c.qs)
		}
		if strings.Contains(p.body, `{"error"`) {
			t.Errorf("%s: JSON on a page", c.qs)
		}
	}
}

func TestArticlePageNotFound(t *testing.T) {
	srv := startServer(t)
	p := getPage(t, srv, "/articles/"+url.PathEscape("nope<b>"))
	if p.code != http.StatusNotFound || !strings.Contains(text(p.all(atom.H1)[0]), "找不到") || strings.Contains(p.body, "nope") {
		t.Errorf("missing article: %d %s", p.code, p.body)
	}
}

// fakeSearcher answers with a fixed result and keeps the request, to
// check the links the page builds from facets, counts and collapsed hits.
type fakeSearcher struct {
	mu  sync.Mutex
	req search.Request
	res search.Result
}

func (f *fakeSearcher) Search(_ context.Context, req search.Request) (*search.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.req = req
	res := f.res
	return &res, nil
}

func (f *fakeSearcher) last() search.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.req
}

func TestSearchPageFacetsChipsSubstr(t *testing.T) {
	fs := &fakeSearcher{res: search.Result{
		Total: 54321, TookMS: 7, SubstrOnly: 5, Repairs: []string{"补上了缺少的引号"},
		Hits: []search.Hit{{
			ID: "a1", Newspaper: "人民日报", Date: "2019-02-01", Page: "04", Section: "要闻", Title: "长春<新规>",
			Highlights: search.Highlights{Title: "<mark>长春</mark>&lt;新规&gt;", Body: []string{"本报<mark>长春</mark>电"}},
			Also:       []search.Also{{ID: "b 2", Newspaper: "吉林日报", Date: "2019-02-02", Page: "01"}},
		}},
		Facets: &search.Facets{
			Section:   []search.FacetValue{{Value: "要闻", Count: 30}, {Value: "经济", Count: 20}},
			Region:    []search.FacetValue{{Value: "吉林省/长春市", Count: 12}},
			Newspaper: []search.FacetValue{{Value: "人民日报", Count: 50}},
			Date:      []search.FacetValue{{Value: "2019-02", Count: 40}, {Value: "2019-03", Count: 10}},
			DateUnit:  "month",
		},
	}}
	a := openArchive(t)
	srv := serve(t, server.Config{Searcher: fs, Articles: a.st, Analyzer: a.idx})
	base := url.Values{"q": {"长春"}, "section": {"经济"}, "author": {"徐旭"}}
	p := getPage(t, srv, "/search?"+base.Encode()+"&page=3")
	req := fs.last()
	if !req.Facets || req.Size != 10 || req.Page != 3 || req.Query != "长春" || !slices.Equal(req.Sections, []string{"经济"}) || !slices.Equal(req.Authors, []string{"徐旭"}) || req.Substr {
		t.Errorf("request %+v", req)
	}
	if !strings.Contains(p.body, "<mark>长春</mark>&lt;新规&gt;") || strings.Contains(p.body, "<新规>") {
		t.Error("title highlight not rendered as given")
	}
	facets := p.byClass("facets")
	if len(facets) != 1 {
		t.Fatal("no facets")
	}
	with := func(k, v string) url.Values {
		u := url.Values{}
		for k, vs := range base {
			u[k] = slices.Clone(vs)
		}
		u.Add(k, v)
		return u
	}
	for _, c := range []struct {
		text string
		want url.Values
	}{
		{"要闻", with("section", "要闻")},
		{"人民日报", with("newspaper", "人民日报")},
		{"长春市", with("region", "吉林省/长春市")},
		{"2019-03", func() url.Values { u := with("from", "2019-03"); u.Set("to", "2019-03"); return u }()},
	} {
		href, ok := linkTo(t, facets[0], c.text)
		if !ok {
			t.Errorf("no facet link %s", c.text)
			continue
		}
		wantValues(t, "facet "+c.text, href, c.want)
	}
	// The active filter's facet value is marked and its link drops it.
	href, _ := linkTo(t, facets[0], "经济")
	wantValues(t, "active facet", href, url.Values{"q": {"长春"}, "author": {"徐旭"}})
	if !strings.Contains(text(facets[0]), "要闻 30") {
		t.Errorf("facet counts: %s", text(facets[0]))
	}
	// Chips: each drops its filter and keeps the rest.
	chips := p.byClass("chip")
	if len(chips) != 2 {
		t.Fatalf("chips: %d", len(chips))
	}
	wantValues(t, "chip section", attr(chips[0], "href"), url.Values{"q": {"长春"}, "author": {"徐旭"}})
	wantValues(t, "chip author", attr(chips[1], "href"), url.Values{"q": {"长春"}, "section": {"经济"}})
	if !strings.Contains(text(chips[0]), "版面：经济") {
		t.Errorf("chip text %q", text(chips[0]))
	}
	// The in-word matches are offered.
	sub := p.byClass("substr")
	if len(sub) != 1 || !strings.Contains(text(sub[0]), "另有 5 篇只在其他词语中出现（如“延长春节”中的“长春”）") {
		t.Fatalf("no substr offer: %v", sub)
	}
	href, _ = linkTo(t, sub[0], "点此包含")
	wantValues(t, "substr", href, with("substr", "1"))
	if r := p.byClass("repair"); len(r) != 1 || !strings.Contains(text(r[0]), "补上了缺少的引号") {
		t.Error("repairs not shown")
	}
	also := p.byClass("also")
	if len(also) != 1 {
		t.Fatal("no 同一报道另见")
	}
	if href, ok := linkTo(t, also[0], "吉林日报 2019-02-02 第01版"); !ok || href != "/articles/b%202" {
		t.Errorf("also link %q", href)
	}
	// Paging reaches the first 10,000 results: page 1000 is the last.
	pg := getPage(t, srv, "/search?q=x&page=1000").byClass("pager")
	if len(pg) != 1 {
		t.Fatal("no pager on page 1000")
	}
	if _, ok := linkTo(t, pg[0], "下一页"); ok {
		t.Error("page 1000 links to 下一页")
	}
	if _, ok := linkTo(t, pg[0], "1001"); ok {
		t.Error("page 1000 links to page 1001")
	}
	if n := byClass(pg[0].Parent, "note"); len(n) != 1 || !strings.Contains(text(n[0]), "只能翻到前 10000 篇") {
		t.Error("no note that paging stops at 10,000")
	}
	if href, ok := linkTo(t, pg[0], "999"); !ok || query(t, href).Get("page") != "999" {
		t.Error("page 1000 has no link to 999")
	}
	if href, ok := linkTo(t, getPage(t, srv, "/search?q=x").byClass("pager")[0], "下一页"); !ok || query(t, href).Get("page") != "2" {
		t.Error("page 1 has no 下一页")
	}

	// With substr: no offer, a chip to take it back.
	p = getPage(t, srv, "/search?q=%E9%95%BF%E6%98%A5&substr=1")
	if !fs.last().Substr || len(p.byClass("substr")) != 0 {
		t.Errorf("substr=1: request %v, offer shown %d", fs.last().Substr, len(p.byClass("substr")))
	}
	if href, ok := linkTo(t, p.byClass("chips")[0], "包含：词内出现 ×（去掉）"); !ok {
		t.Error("no chip for substr")
	} else {
		wantValues(t, "substr chip", href, url.Values{"q": {"长春"}})
	}
	// A filter-only listing is a search too.
	getPage(t, srv, "/search?newspaper=%E4%BA%BA%E6%B0%91%E6%97%A5%E6%8A%A5")
	if r := fs.last(); r.Query != "" || !slices.Equal(r.Newspapers, []string{"人民日报"}) {
		t.Errorf("filter-only listing: %+v", r)
	}
	// A day's facet value is a day.
	fs.mu.Lock()
	fs.res.Facets = &search.Facets{Date: []search.FacetValue{{Value: "2019-02-01", Count: 3}}, DateUnit: "day"}
	fs.mu.Unlock()
	href, ok := linkTo(t, getPage(t, srv, "/search?q=x").byClass("facets")[0], "2019-02-01")
	if !ok {
		t.Fatal("no day facet")
	}
	wantValues(t, "day facet", href, url.Values{"q": {"x"}, "from": {"2019-02-01"}, "to": {"2019-02-01"}})
}
