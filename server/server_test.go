package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

func TestSearchAPI(t *testing.T) {
	srv := startServer(t)
	cases := []struct {
		params  url.Values
		wantIDs []string
	}{
		{url.Values{"q": {"长春"}}, []string{"cc1", "cc2"}},
		{url.Values{"q": {"长春"}, "from": {"2019-01-01"}}, []string{"cc1"}},
		{url.Values{"q": {"长春"}, "to": {"2018-12-31"}}, []string{"cc2"}},
		{url.Values{"region": {"长春"}}, []string{"cc1", "cc2"}},
		{url.Values{"region": {"吉林省"}}, []string{"cc1", "cc2"}},
		{url.Values{"region": {"北京"}}, []string{"bj1"}},
		{url.Values{"section": {"综合新闻"}}, []string{"cc2"}},
		{url.Values{"q": {"妇联"}, "size": {"1"}, "page": {"1"}}, []string{"cc2"}},
	}
	for _, c := range cases {
		var res search.Result
		if code := get(t, srv, "/api/search?"+c.params.Encode(), &res); code != http.StatusOK {
			t.Fatalf("%v: status %d", c.params, code)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if strings.Join(ids, ",") != strings.Join(c.wantIDs, ",") || res.Total != uint64(len(c.wantIDs)) {
			t.Errorf("%v: got %v (total %d), want %v", c.params.Encode(), ids, res.Total, c.wantIDs)
		}
	}
}

func TestSearchHighlightsAreEscapedWithMarks(t *testing.T) {
	srv := startServer(t)
	var res search.Result
	get(t, srv, "/api/search?q="+url.QueryEscape("宽城区"), &res)
	if len(res.Hits) != 1 {
		t.Fatalf("hits %+v", res.Hits)
	}
	h := res.Hits[0]
	if got := strings.Join(h.Highlights.Body, ""); !strings.Contains(got, "<mark>宽城区</mark>妇联组织干部参加实训。&lt;script&gt;") {
		t.Errorf("body highlight %q", got)
	}
	var k search.Result
	get(t, srv, "/api/search?q="+url.QueryEscape("妇联干部"), &k)
	if len(k.Hits) != 1 || k.Hits[0].Highlights.Kicker != "长春持续提升专兼职<mark>妇联干部</mark>专业水平" {
		t.Errorf("kicker highlight: %+v", k.Hits)
	}
	if h.Kicker != "长春持续提升专兼职妇联干部专业水平" || strings.Join(h.Authors, ",") != "徐旭,李亚辉" || h.Date != "2017-09-15" {
		t.Errorf("hit fields %+v", h)
	}
	// The raw JSON has exactly the documented keys.
	resp, _ := http.Get(srv.URL + "/api/search?q=" + url.QueryEscape("宽城区"))
	var raw map[string]any
	json.NewDecoder(resp.Body).Decode(&raw)
	resp.Body.Close()
	for _, k := range []string{"total", "took_ms", "hits"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	hit := raw["hits"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "newspaper", "date", "section", "page", "kicker", "title", "subtitle", "authors", "regions", "score", "highlights"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("hit lacks %q", k)
		}
	}
}

func TestBadParametersAre400NamingTheParameter(t *testing.T) {
	srv := startServer(t)
	cases := map[string]string{
		"from=2019-02-30": "from",
		"to=tomorrow":     "to",
		"size=abc":        "size",
		"size=500":        "size",
		"page=0":          "page",
		"region=火星":       "region",
		"region=朝阳区":      "region",
	}
	for q, param := range cases {
		var body struct{ Error, Param string }
		code := get(t, srv, "/api/search?"+q, &body)
		if code != http.StatusBadRequest || body.Param != param || !strings.Contains(body.Error, param) {
			t.Errorf("%s: status %d body %+v, want 400 naming %s", q, code, body, param)
		}
	}
}

func TestArticleAndHealth(t *testing.T) {
	srv := startServer(t)
	var a article.Article
	if code := get(t, srv, "/api/articles/cc2", &a); code != http.StatusOK || a.Title != "“娘家人”的服务越来越靠谱儿" || len(a.Body) != 1 {
		t.Errorf("article: %d %+v", code, a)
	}
	var e struct{ Error string }
	if code := get(t, srv, "/api/articles/nope", &e); code != http.StatusNotFound || !strings.Contains(e.Error, "not found") {
		t.Errorf("missing article: %d %+v", code, e)
	}
	var h struct{ Status string }
	if code := get(t, srv, "/healthz", &h); code != http.StatusOK || h.Status != "ok" {
		t.Errorf("healthz: %d %+v", code, h)
	}
	if code := get(t, srv, "/api/nothing", &e); code != http.StatusNotFound {
		t.Errorf("unknown endpoint: %d", code)
	}
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `<script src="/static/app.js" defer></script>`) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("search page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestAnalyzeAPI(t *testing.T) {
	srv := startServer(t)
	var res struct {
		Mode   string
		Tokens []search.Token
	}
	text := url.QueryEscape("長春市人民政府")
	if code := get(t, srv, "/api/analyze?mode=index&text="+text, &res); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var got []string
	for _, tok := range res.Tokens {
		got = append(got, fmt.Sprintf("%s/%s@%d-%d#%d", tok.Term, tok.Text, tok.Start, tok.End, tok.Position))
	}
	want := "长春市/長春市@0-9#1 长春/長春@0-6#1 市/市@6-9#3 人民政府/人民政府@9-21#4 人民/人民@9-15#4 政府/政府@15-21#6"
	if strings.Join(got, " ") != want {
		t.Errorf("index tokens\n %s\nwant\n %s", strings.Join(got, " "), want)
	}
	var e struct{ Error, Param string }
	if code := get(t, srv, "/api/analyze?mode=fast&text=x", &e); code != http.StatusBadRequest || e.Param != "mode" {
		t.Errorf("bad mode: %d %+v", code, e)
	}
}

func TestArticlePage(t *testing.T) {
	srv := startServer(t)
	resp, err := http.Get(srv.URL + "/articles/cc2")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{"<h1>“娘家人”的服务越来越靠谱儿</h1>", "长春持续提升专兼职妇联干部专业水平", ">徐旭</a> <a href=\"/search?author=%E6%9D%8E%E4%BA%9A%E8%BE%89\">李亚辉</a>", ">宽城区</a>", "<p>宽城区妇联组织干部参加实训。&lt;script&gt;</p>"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("article page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, _ = http.Get(srv.URL + "/articles/nope")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing article page: %d", resp.StatusCode)
	}
}
