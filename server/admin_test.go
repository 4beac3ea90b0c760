package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/server"
)

func TestWriteEndpointsNeedTheToken(t *testing.T) {
	srv := startServer(t)
	endpoints := []struct{ method, path, ctype, body string }{
		{"POST", "/api/articles", "application/x-ndjson", `{"newspaper":"人民日报","date":"2020-01-01","title":"不该存进去"}`},
		{"DELETE", "/api/articles/cc1", "", ""},
		{"POST", "/api/admin/delete", "application/json", `{"ids":["cc1"]}`},
		{"GET", "/api/admin/backup", "", ""},
		{"POST", "/api/admin/rebuild", "", ""},
	}
	for _, e := range endpoints {
		for _, auth := range []string{"", "Bearer wrong", token, "Bearer " + token + "x", "bearer " + token} {
			req, _ := http.NewRequest(e.method, srv.URL+e.path, strings.NewReader(e.body))
			req.Header.Set("Content-Type", e.ctype)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "Bearer") {
				t.Errorf("%s %s with Authorization %q: %d %s, want 403", e.method, e.path, auth, resp.StatusCode, body)
			}
		}
	}
	// Nothing happened.
	if ids := searchIDs(t, srv, "长春"); !slices.Equal(ids, []string{"cc1", "cc2"}) {
		t.Errorf("after refused writes, 长春 finds %v", ids)
	}
	if ids := searchIDs(t, srv, "不该存进去"); len(ids) != 0 {
		t.Errorf("refused ingest stored %v", ids)
	}
}

func TestNoTokenNoAdminAPI(t *testing.T) {
	cfg := openArchive(t).config()
	cfg.AdminToken = ""
	srv := serve(t, cfg)
	for _, e := range [][2]string{{"POST", "/api/articles"}, {"DELETE", "/api/articles/cc1"}, {"POST", "/api/admin/delete"}, {"GET", "/api/admin/backup"}, {"POST", "/api/admin/rebuild"}} {
		if r := do(t, srv, e[0], e[1], "", "", true); r.code != http.StatusNotFound {
			t.Errorf("%s %s without a configured token: %d, want 404", e[0], e[1], r.code)
		}
	}
}

const (
	goodHarbin   = `{"newspaper":"人民日报","date":"2020-01-05","page":"04","title":"哈尔滨冰雪大世界开园","body":"哈尔滨冰雪大世界今日开园。"}`
	goodShenyang = `{"newspaper":"人民日报","date":"2020-01-06","page":"05","title":"沈阳故宫修缮完成","body":"沈阳故宫修缮工程完成。"}`
	noDate       = `{"newspaper":"人民日报","title":"没有日期的稿子","body":"正文"}`
)

func postArticles(t *testing.T, srv string, path, ctype string, body io.Reader) (int, ingest.Summary, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv+path, body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := response{code: resp.StatusCode, body: string(raw)}
	var sum ingest.Summary
	if r.code == http.StatusOK {
		r.decode(t, &sum)
	}
	return r.code, sum, r.body
}

func TestIngest(t *testing.T) {
	gz := func(s string) io.Reader {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return &b
	}
	cases := []struct {
		name, path, ctype string
		body              io.Reader
		added             int
		problemFile       string
		problemLine       int // 0: no problem
		problemHas        string
	}{
		{"json lines", "/api/articles", "application/x-ndjson", strings.NewReader(goodHarbin + "\n" + noDate + "\n" + goodShenyang + "\n"), 2, "request.jsonl", 2, "date"},
		{"json array", "/api/articles", "application/json", strings.NewReader("[\n " + goodHarbin + ",\n " + goodShenyang + ",\n " + noDate + "\n]"), 2, "request.jsonl", 3, "date"},
		{"json object", "/api/articles", "application/json; charset=utf-8", strings.NewReader(goodHarbin), 1, "", 0, ""},
		{"json broken midway", "/api/articles", "application/json", strings.NewReader("[" + goodHarbin + ", {\"title\": "), 1, "request.jsonl", 2, "invalid JSON"},
		{"named gzip input", "/api/articles?file=" + "..%2Fsome%2Fdir%2Fday.jsonl.gz", "application/octet-stream", gz(goodShenyang + "\n{not json\n"), 1, "day.jsonl.gz", 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := startServer(t)
			code, sum, body := postArticles(t, srv.URL, c.path, c.ctype, c.body)
			if code != http.StatusOK {
				t.Fatalf("status %d: %s", code, body)
			}
			if sum.Added != c.added {
				t.Errorf("added %d, want %d: %+v", sum.Added, c.added, sum)
			}
			if c.problemLine == 0 {
				if sum.Rejected != 0 || len(sum.Problems) != 0 {
					t.Errorf("unexpected problems %+v", sum)
				}
			} else if sum.Rejected != 1 || len(sum.Problems) != 1 || sum.Problems[0].Line != c.problemLine || sum.Problems[0].File != c.problemFile || !strings.Contains(sum.Problems[0].Err, c.problemHas) {
				t.Errorf("problems %+v, want one for %s line %d mentioning %q", sum.Problems, c.problemFile, c.problemLine, c.problemHas)
			}
			if strings.Contains(body, `\u003c`) || !strings.Contains(body, `"added":`) {
				t.Errorf("summary JSON: %s", body)
			}
			found := len(searchIDs(t, srv, "哈尔滨")) + len(searchIDs(t, srv, "沈阳故宫"))
			if found != c.added {
				t.Errorf("search finds %d new articles, want %d", found, c.added)
			}
		})
	}
}

func TestIngestBadRequests(t *testing.T) {
	srv := startServer(t)
	cases := []struct{ path, ctype, body, param string }{
		{"/api/articles?file=scan.pdf", "application/octet-stream", goodHarbin, "file"},
		{"/api/articles?file=", "application/octet-stream", goodHarbin, "file"},
		{"/api/articles?file=page.txt.gz", "application/octet-stream", goodHarbin, "file"},
		{"/api/articles", "application/json", `"just a string"`, "body"},
		{"/api/articles", "application/json", ``, "body"},
	}
	for _, c := range cases {
		r := do(t, srv, "POST", c.path, c.ctype, c.body, true)
		var e struct{ Error, Param string }
		r.decode(t, &e)
		if r.code != http.StatusBadRequest || e.Param != c.param {
			t.Errorf("POST %s (%s) %q: %d %+v, want 400 naming %s", c.path, c.ctype, c.body, r.code, e, c.param)
		}
	}
}

// chunked hides its length, so the client sends it without Content-Length.
type chunked struct{ io.Reader }

func TestIngestOverTheLimitIs413(t *testing.T) {
	cfg := openArchive(t).config()
	cfg.Options.MaxIngestBytes = 300
	srv := serve(t, cfg)
	big := strings.Repeat(goodHarbin+"\n", 10)
	for _, c := range []struct {
		name  string
		ctype string
		body  io.Reader
	}{
		{"with Content-Length", "application/x-ndjson", strings.NewReader(big)},
		{"chunked", "application/x-ndjson", chunked{strings.NewReader(big)}},
		{"chunked JSON", "application/json", chunked{strings.NewReader("[" + strings.Repeat(goodHarbin+",", 10) + goodHarbin + "]")}},
	} {
		code, _, body := postArticles(t, srv.URL, "/api/articles", c.ctype, c.body)
		if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "300 bytes") {
			t.Errorf("%s: %d %s, want 413", c.name, code, body)
		}
	}
	// Within the limit is fine.
	if code, sum, body := postArticles(t, srv.URL, "/api/articles", "application/x-ndjson", strings.NewReader(goodShenyang)); code != http.StatusOK || sum.Added != 1 {
		t.Errorf("small ingest: %d %s", code, body)
	}
}

func TestDelete(t *testing.T) {
	srv := startServer(t)
	var res struct{ Removed int }
	r := do(t, srv, "DELETE", "/api/articles/cc1", "", "", true)
	if r.decode(t, &res); r.code != http.StatusOK || res.Removed != 1 {
		t.Fatalf("DELETE cc1: %d %s", r.code, r.body)
	}
	if ids := searchIDs(t, srv, "长春"); !slices.Equal(ids, []string{"cc2"}) {
		t.Errorf("after deleting cc1, 长春 finds %v", ids)
	}
	if code := get(t, srv, "/api/articles/cc1", nil); code != http.StatusNotFound {
		t.Errorf("deleted article: %d", code)
	}
	r = do(t, srv, "POST", "/api/admin/delete", "application/json", `{"ids":["cc2","nope","cc1"]}`, true)
	if r.decode(t, &res); r.code != http.StatusOK || res.Removed != 1 {
		t.Fatalf("bulk delete: %d %s", r.code, r.body)
	}
	if ids := searchIDs(t, srv, "长春"); len(ids) != 0 {
		t.Errorf("after bulk delete, 长春 finds %v", ids)
	}
	for _, body := range []string{``, `{"ids":[]}`, `{"ids":["bj1",""]}`, `{"id":"bj1"}`, `["bj1"]`} {
		r := do(t, srv, "POST", "/api/admin/delete", "application/json", body, true)
		var e struct{ Param string }
		if r.decode(t, &e); r.code != http.StatusBadRequest || e.Param != "ids" {
			t.Errorf("bulk delete %q: %d %s, want 400 naming ids", body, r.code, r.body)
		}
	}
	if ids := searchIDs(t, srv, "北京"); !slices.Equal(ids, []string{"bj1"}) {
		t.Errorf("bad delete requests removed something: 北京 finds %v", ids)
	}
}

func TestBackupStreams(t *testing.T) {
	srv := startServer(t)
	r := do(t, srv, "GET", "/api/admin/backup", "", "", true)
	if r.code != http.StatusOK || r.header.Get("Content-Type") != "application/octet-stream" || !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("backup: %d %v", r.code, r.header)
	}
	lines := strings.Split(strings.TrimSpace(r.body), "\n")
	if len(lines) != 3 || !strings.Contains(r.body, `"id":"bj1"`) || !strings.Contains(r.body, `"id":"cc2"`) {
		t.Errorf("backup body: %s", r.body)
	}
}

// failingBackup writes some bytes, then fails.
type failingBackup struct{ after int }

func (f failingBackup) Backup(ctx context.Context, w io.Writer) error {
	if f.after > 0 {
		w.Write(bytes.Repeat([]byte("x"), f.after))
	}
	return errors.New("disk on fire at /var/secret/path")
}

func TestBackupFailure(t *testing.T) {
	// At once: an ordinary error, without the internals.
	cfg := openArchive(t).config()
	cfg.Backuper = failingBackup{}
	srv := serve(t, cfg)
	r := do(t, srv, "GET", "/api/admin/backup", "", "", true)
	if r.code != http.StatusInternalServerError || strings.Contains(r.body, "secret") || r.header.Get("Content-Disposition") != "" {
		t.Errorf("failing backup: %d %v %s", r.code, r.header, r.body)
	}
	// Midway: the transfer is cut, so the client cannot take it for whole.
	cfg.Backuper = failingBackup{after: 100 << 10}
	srv = serve(t, cfg)
	req, _ := http.NewRequest("GET", srv.URL+"/api/admin/backup", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Errorf("a backup that failed midway read as complete (status %d)", resp.StatusCode)
	}
}

func TestRebuild(t *testing.T) {
	srv := startServer(t)
	r := do(t, srv, "POST", "/api/admin/rebuild", "", "", true)
	var res struct{ Articles uint64 }
	if r.decode(t, &res); r.code != http.StatusOK || res.Articles != 3 {
		t.Errorf("rebuild: %d %s", r.code, r.body)
	}
}

var _ server.Ingester = ingester{}
