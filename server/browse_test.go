package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
)

// startBrowseServer serves the test archive, with two more articles, with
// browsing, suggestions and related articles on.
func startBrowseServer(t *testing.T) *httptest.Server {
	t.Helper()
	a := openArchive(t)
	more := []*article.Article{
		{ID: "cc3", Newspaper: "人民日报", Date: "2019-02-01", Section: "要闻", Page: "1版", Title: "长春市供暖新规实施", Body: []string{"长春市人民政府发布的供暖新规今日实施，长春市民表示欢迎。"}},
		{ID: "cc4", Newspaper: "人民日报", Date: "2019-02-03", Section: "地方", Page: "05", Title: "春节临近长春年味浓", Body: []string{"春节临近，长春市人民政府组织新春活动。"}},
	}
	ctx := context.Background()
	if _, err := a.st.Put(ctx, more); err != nil {
		t.Fatal(err)
	}
	if err := ingest.CatchUp(ctx, a.st, a.idx); err != nil {
		t.Fatal(err)
	}
	if err := a.idx.BuildSuggestions(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := a.config()
	cfg.Browser, cfg.Suggester, cfg.Relater = a.idx, a.idx, a.idx
	return serve(t, cfg)
}

// getURL GETs path, decoding a 200's body into into.
func getURL(t *testing.T, srv *httptest.Server, path string, into any) response {
	t.Helper()
	r := do(t, srv, http.MethodGet, path, "", "", false)
	if r.code == http.StatusOK && into != nil {
		r.decode(t, into)
	}
	return r
}

func TestBrowseAPI(t *testing.T) {
	base := startBrowseServer(t)

	var papers struct{ Papers []search.Paper }
	if r := getURL(t, base, "/api/papers", &papers); r.code != http.StatusOK {
		t.Fatalf("papers: %d %s", r.code, r.body)
	}
	want := []search.Paper{
		{Newspaper: "人民日报", First: "2019-02-01", Last: "2020-01-15", Articles: 4},
		{Newspaper: "中国妇女报", First: "2017-09-15", Last: "2017-09-15", Articles: 1},
	}
	if !slices.Equal(papers.Papers, want) {
		t.Errorf("papers %+v, want %+v", papers.Papers, want)
	}

	var cal struct {
		Newspaper, Month string
		Days             []search.Day
	}
	if r := getURL(t, base, "/api/calendar?"+url.Values{"newspaper": {"人民日报"}, "month": {"2019-02"}}.Encode(), &cal); r.code != http.StatusOK {
		t.Fatalf("calendar: %d %s", r.code, r.body)
	}
	if cal.Newspaper != "人民日报" || cal.Month != "2019-02" || !slices.Equal(cal.Days, []search.Day{{Date: "2019-02-01", Articles: 2}, {Date: "2019-02-03", Articles: 1}}) {
		t.Errorf("calendar %+v", cal)
	}
	r := getURL(t, base, "/api/calendar?"+url.Values{"newspaper": {"人民日报"}, "month": {"2019-01"}}.Encode(), nil)
	if r.code != http.StatusOK || !strings.Contains(r.body, `"days":[]`) {
		t.Errorf("empty month: %d %s", r.code, r.body)
	}

	var is search.Issue
	if r := getURL(t, base, "/api/issue?"+url.Values{"newspaper": {"人民日报"}, "date": {"2019-02-01"}}.Encode(), &is); r.code != http.StatusOK {
		t.Fatalf("issue: %d %s", r.code, r.body)
	}
	if is.Date != "2019-02-01" || is.Prev != "" || is.Next != "2019-02-03" || len(is.Pages) != 1 ||
		is.Pages[0].Section != "要闻" || ids(is.Pages[0].Articles) != "cc1,cc3" {
		t.Errorf("issue %+v", is)
	}
	if r := getURL(t, base, "/api/issue?"+url.Values{"newspaper": {"人民日报"}, "date": {"2019-02-02"}}.Encode(), nil); r.code != http.StatusNotFound {
		t.Errorf("issue of a day without: %d %s", r.code, r.body)
	}
}

func TestSuggestAPI(t *testing.T) {
	base := startBrowseServer(t)
	var s struct{ Suggestions []search.Suggestion }
	if r := getURL(t, base, "/api/suggest?q="+url.QueryEscape("长")+"&size=3", &s); r.code != http.StatusOK {
		t.Fatalf("suggest: %d %s", r.code, r.body)
	}
	if len(s.Suggestions) == 0 || len(s.Suggestions) > 3 || !strings.HasPrefix(s.Suggestions[0].Text, "长") || s.Suggestions[0].Count == 0 {
		t.Errorf("suggestions %+v", s.Suggestions)
	}
	r := getURL(t, base, "/api/suggest?q=", nil)
	if r.code != http.StatusOK || strings.TrimSpace(r.body) != `{"suggestions":[]}` {
		t.Errorf("empty q: %d %s", r.code, r.body)
	}
}

func TestRelatedAPI(t *testing.T) {
	base := startBrowseServer(t)
	var res search.Result
	if r := getURL(t, base, "/api/articles/cc1/related", &res); r.code != http.StatusOK {
		t.Fatalf("related: %d %s", r.code, r.body)
	}
	if len(res.Hits) == 0 || slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.ID == "cc1" }) {
		t.Fatalf("related to cc1: %+v", res.Hits)
	}
	if h := res.Hits[0]; h.ID != "cc3" || !strings.Contains(h.Highlights.Title, "<mark>") || h.Highlights.Body == nil {
		t.Errorf("first related %+v", h)
	}
	if r := getURL(t, base, "/api/articles/nope/related", nil); r.code != http.StatusNotFound || r.body != `{"error":"not found"}` {
		t.Errorf("unknown id: %d %s", r.code, r.body)
	}
}

func TestBrowseAPIBadParams(t *testing.T) {
	base := startBrowseServer(t)
	for _, c := range []struct{ path, param string }{
		{"/api/calendar?month=2019-02", "newspaper"},
		{"/api/calendar?newspaper=x&month=2019-2", "month"},
		{"/api/calendar?newspaper=x", "month"},
		{"/api/issue?date=2019-02-01", "newspaper"},
		{"/api/issue?newspaper=x&date=2019-02", "date"},
		{"/api/suggest?q=x&size=0", "size"},
		{"/api/suggest?q=x&size=21", "size"},
		{"/api/suggest?q=x&size=abc", "size"},
		{"/api/articles/cc1/related?size=21", "size"},
		{"/api/articles/cc1/related?size=-1", "size"},
	} {
		r := getURL(t, base, c.path, nil)
		var body struct{ Error, Param string }
		r.decode(t, &body)
		if r.code != http.StatusBadRequest || body.Param != c.param {
			t.Errorf("%s: %d %s, want 400 naming %s", c.path, r.code, r.body, c.param)
		}
	}
}

// Without the pieces, the endpoints do not exist.
func TestBrowseAPIOff(t *testing.T) {
	srv := startServer(t)
	for _, p := range []string{"/api/papers", "/api/calendar", "/api/issue", "/api/suggest?q=x", "/api/articles/cc1/related"} {
		if code := get(t, srv, p, nil); code != http.StatusNotFound {
			t.Errorf("%s: %d without its piece", p, code)
		}
	}
}

func ids(hits []search.Hit) string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return strings.Join(out, ",")
}
