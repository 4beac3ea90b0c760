package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	srv := startServer(t)
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
	cases := []struct {
		path string
		page bool
	}{
		{"/", true},
		{"/articles/cc2", true},
		{"/articles/nope", true},
		{"/api/search?q=" + url.QueryEscape("长春"), false},
		{"/api/articles/cc1", false},
		{"/api/nothing", false},
		{"/healthz", false},
		{"/static/app.js", false},
	}
	for _, c := range cases {
		r := do(t, srv, "GET", c.path, "", "", false)
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: nosniff %q, referrer %q", c.path, r.header.Get("X-Content-Type-Options"), r.header.Get("Referrer-Policy"))
		}
		if !c.page {
			continue
		}
		if got := r.header.Get("Content-Security-Policy"); got != csp || strings.Contains(got, "unsafe-inline") {
			t.Errorf("%s: CSP %q", c.path, got)
		}
		if r.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", c.path, r.header.Get("X-Frame-Options"))
		}
	}
}

// inline finds what a strict CSP would block: script or style in the page.
var inline = regexp.MustCompile(`<script>|<script(\s+[a-z]+(="[^"]*")?)*\s*>[^<]|<style|\sstyle=|\son[a-z]+=`)

func TestPagesHaveNoInlineScriptOrStyle(t *testing.T) {
	srv := startServer(t)
	for _, p := range []string{"/", "/articles/cc2", "/articles/cc1"} {
		r := do(t, srv, "GET", p, "", "", false)
		if r.code != http.StatusOK {
			t.Fatalf("%s: %d", p, r.code)
		}
		if m := inline.FindString(r.body); m != "" {
			t.Errorf("%s has inline %q", p, m)
		}
		if !strings.Contains(r.body, `<link rel="stylesheet" href="/static/app.css">`) {
			t.Errorf("%s does not load /static/app.css", p)
		}
	}
	for _, c := range []struct{ path, ctype, has string }{
		{"/static/app.js", "text/javascript", "fetch('/api/suggest?"},
		{"/static/app.css", "text/css", "mark {"},
	} {
		r := do(t, srv, "GET", c.path, "", "", false)
		if r.code != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), c.ctype) || !strings.Contains(r.body, c.has) {
			t.Errorf("%s: %d %s", c.path, r.code, r.header.Get("Content-Type"))
		}
		if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=") {
			t.Errorf("%s: Cache-Control %q", c.path, cc)
		}
	}
	if r := do(t, srv, "GET", "/static/../page.go", "", "", false); r.code != http.StatusNotFound || strings.Contains(r.body, "package") {
		t.Errorf("static path escape: %d", r.code)
	}
}

func TestNotFoundDoesNotEchoInput(t *testing.T) {
	srv := startServer(t)
	evil := "zzz<script>xss</script>"
	cases := []struct{ path, want string }{
		{"/" + url.PathEscape(evil), `{"error":"no such endpoint"}`},
		{"/api/" + url.PathEscape(evil), `{"error":"no such endpoint"}`},
		{"/static/" + url.PathEscape(evil), `{"error":"no such endpoint"}`},
		{"/api/articles/" + url.PathEscape("zzz<script>"), `{"error":"article not found"}`},
	}
	for _, c := range cases {
		r := do(t, srv, "GET", c.path, "", "", false)
		if r.code != http.StatusNotFound || r.body != c.want {
			t.Errorf("GET %s: %d %s, want 404 %s", c.path, r.code, r.body, c.want)
		}
		if strings.Contains(r.body, "zzz") || strings.Contains(r.body, "script") {
			t.Errorf("GET %s echoes the input: %s", c.path, r.body)
		}
	}
	// A missing article is a page, which names nothing of the request.
	r := do(t, srv, "GET", "/articles/"+url.PathEscape("zzz<script>"), "", "", false)
	if r.code != http.StatusNotFound || !strings.Contains(r.body, "找不到这个页面") || strings.Contains(r.body, "zzz") {
		t.Errorf("GET /articles/zzz<script>: %d %s", r.code, r.body)
	}
}
