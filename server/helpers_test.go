package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/server"
	"github.com/baosou/baosou/store"
)

const token = "test-token"

// archive is a real store and index with three articles in them.
type archive struct {
	st  *store.Store
	idx *index.Index
	gaz *region.Gazetteer
}

func openArchive(t *testing.T) *archive {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "store"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	gaz, err := region.Default()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(filepath.Join(dir, "index"), index.Options{ResolveRegion: gaz.Resolve})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	arts := []*article.Article{
		{ID: "cc1", Newspaper: "人民日报", Date: "2019-02-01", Section: "要闻", Page: "01", Title: "长春市人民政府发布新规", Body: []string{"本报长春1月31日电 长春市人民政府发布通知。"}},
		{ID: "cc2", Newspaper: "中国妇女报", Date: "2017-09-15", Section: "综合新闻", Page: "02", Kicker: "长春持续提升专兼职妇联干部专业水平", Title: "“娘家人”的服务越来越靠谱儿", Authors: []string{"徐旭", "李亚辉"}, Body: []string{"宽城区妇联组织干部参加实训。<script>"}},
		{ID: "bj1", Newspaper: "人民日报", Date: "2020-01-15", Section: "经济", Page: "10", Title: "北京市民生活", Body: []string{"北京市朝阳区居民反映问题。"}},
	}
	for _, a := range arts {
		a.Regions = gaz.Tag(a)
	}
	if _, err := st.Put(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	if err := ingest.CatchUp(context.Background(), st, idx); err != nil {
		t.Fatal(err)
	}
	return &archive{st: st, idx: idx, gaz: gaz}
}

// config serves the archive with every admin piece wired to it.
func (a *archive) config() server.Config {
	return server.Config{
		Searcher: a.idx, Articles: a.st, Analyzer: a.idx,
		Ingester: ingester{a}, Deleter: deleter{a}, Backuper: scanBackup{a}, Rebuilder: rebuilder{a},
		AdminToken: token,
	}
}

func serve(t *testing.T, cfg server.Config) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(server.New(cfg))
	t.Cleanup(srv.Close)
	return srv
}

// startServer serves a real store and index over a real loopback listener.
func startServer(t *testing.T) *httptest.Server {
	t.Helper()
	return serve(t, openArchive(t).config())
}

// ingester runs the real ingest on the body, written to a file of the
// given name as `baosou ingest` would read it.
type ingester struct{ a *archive }

func (in ingester) Ingest(ctx context.Context, name string, r io.Reader) (ingest.Summary, error) {
	f, err := os.CreateTemp("", "ingest-*-"+name)
	if err != nil {
		return ingest.Summary{}, err
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return ingest.Summary{}, err
	}
	run := &ingest.Ingester{Store: in.a.st, Index: in.a.idx, Tagger: in.a.gaz}
	sum, err := run.Run(ctx, []string{path})
	for i := range sum.Problems {
		sum.Problems[i].File = name
	}
	return sum, err
}

// deleter removes articles from the store and lets the index follow.
type deleter struct{ a *archive }

func (d deleter) Delete(ctx context.Context, ids []string) (int, error) {
	n := 0
	for _, id := range ids {
		err := d.a.st.Delete(ctx, id)
		if errors.Is(err, search.ErrNotFound) {
			continue
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, ingest.CatchUp(ctx, d.a.st, d.a.idx)
}

// scanBackup stands in for the real backup: the store's articles as JSON
// Lines.
type scanBackup struct{ a *archive }

func (b scanBackup) Backup(ctx context.Context, w io.Writer) error {
	enc := json.NewEncoder(w)
	return b.a.st.Scan(ctx, func(a *article.Article) error { return enc.Encode(a) })
}

type rebuilder struct{ a *archive }

func (r rebuilder) Rebuild(ctx context.Context) (uint64, error) {
	if err := ingest.CatchUp(ctx, r.a.st, r.a.idx); err != nil {
		return 0, err
	}
	return r.a.idx.Count()
}

// response is a finished request: status, headers and body.
type response struct {
	code   int
	header http.Header
	body   string
}

// do sends a request, with the admin token when auth is set.
func do(t *testing.T, srv *httptest.Server, method, path, contentType, body string, auth bool) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, path, err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (r response) decode(t *testing.T, into any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), into); err != nil {
		t.Fatalf("%v in %s", err, r.body)
	}
}

// searchIDs returns the ids /api/search finds for q.
func searchIDs(t *testing.T, srv *httptest.Server, q string) []string {
	t.Helper()
	var res search.Result
	if code := get(t, srv, "/api/search?q="+url.QueryEscape(q), &res); code != http.StatusOK {
		t.Fatalf("search %s: status %d", q, code)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func get(t *testing.T, srv *httptest.Server, path string, into any) int {
	t.Helper()
	r := do(t, srv, http.MethodGet, path, "", "", false)
	if into != nil {
		r.decode(t, into)
	}
	return r.code
}
