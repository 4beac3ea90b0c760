package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

// The live-operations tests run the real binary as an operator would: a
// server holds the data directory while ingests, rebuilds, take-downs and
// backups go through it.

// liveServer is a running `baosou serve`.
type liveServer struct {
	t    *testing.T
	cmd  *exec.Cmd
	info serveInfo
	logs *lockedBuffer
	done chan error
}

func startServe(t *testing.T, data string, args ...string) *liveServer {
	t.Helper()
	os.Remove(filepath.Join(data, "serve.json"))
	cmd := exec.Command(binary, append([]string{"--data", data, "serve", "--addr", "127.0.0.1:0"}, args...)...)
	logs := &lockedBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &liveServer{t: t, cmd: cmd, logs: logs, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-s.done
		}
	})
	s.info = waitServeInfo(t, data)
	return s
}

func (s *liveServer) url(path string) string { return "http://" + s.info.Addr + path }

// stop sends SIGTERM and returns the exit code.
func (s *liveServer) stop() int {
	s.t.Helper()
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		return 0
	case <-time.After(60 * time.Second):
		s.t.Fatalf("the server did not stop within 60 s of SIGTERM; log:\n%s", s.logs.String())
		return -1
	}
}

func (s *liveServer) search(q string) (*search.Result, error) {
	resp, err := http.Get(s.url("/api/search?q=" + url.QueryEscape(q)))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("status %s: %s", resp.Status, b)
	}
	var res search.Result
	return &res, json.NewDecoder(resp.Body).Decode(&res)
}

func (s *liveServer) status() search.Status {
	resp, err := http.Get(s.url("/readyz"))
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var st search.Status
	json.NewDecoder(resp.Body).Decode(&st)
	return st
}

// admin sends a request with the server's token.
func (s *liveServer) admin(method, path, contentType string, body io.Reader) (*http.Response, error) {
	req, err := http.NewRequest(method, s.url(path), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+s.info.Token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return http.DefaultClient.Do(req)
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// load runs searches from clients goroutines until stopped, counting
// failures and keeping latencies per phase.
type load struct {
	s        *liveServer
	stopc    chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	phase    string
	lat      map[string][]time.Duration
	failures []string
}

var loadQueries = []string{"长春", "春节", "经济", "文化", "人民", "发展", "改革开放", "\"中国\"", "农", "科技创新"}

func startLoad(s *liveServer, clients int) *load {
	l := &load{s: s, stopc: make(chan struct{}), lat: map[string][]time.Duration{}, phase: "idle"}
	for c := range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := c; ; i++ {
				select {
				case <-l.stopc:
					return
				default:
				}
				start := time.Now()
				_, err := s.search(loadQueries[i%len(loadQueries)])
				took := time.Since(start)
				l.mu.Lock()
				if err != nil {
					l.failures = append(l.failures, l.phase+": "+err.Error())
				} else {
					l.lat[l.phase] = append(l.lat[l.phase], took)
				}
				l.mu.Unlock()
			}
		}()
	}
	return l
}

func (l *load) setPhase(p string) {
	l.mu.Lock()
	l.phase = p
	l.mu.Unlock()
}

func (l *load) stop() {
	close(l.stopc)
	l.wg.Wait()
}

func (l *load) report(t *testing.T) {
	t.Helper()
	for _, p := range []string{"idle", "ingest", "rebuild"} {
		d := slices.Clone(l.lat[p])
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		if len(d) == 0 {
			t.Errorf("no searches answered during %s", p)
			continue
		}
		q := func(f float64) time.Duration { return d[int(f*float64(len(d)-1))].Round(100 * time.Microsecond) }
		t.Logf("8 clients, %-7s: %5d searches, p50 %v, p99 %v, max %v", p, len(d), q(0.5), q(0.99), d[len(d)-1].Round(time.Millisecond))
	}
}

// monthFile writes a month of real articles (2019-10 of the shared corpus,
// 2,109 articles) as JSON Lines, or, without ../shared, the bundled sample.
func monthFile(t *testing.T) (string, int) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "corpus", "rmrb-2019-2020.jsonl.gz"))
	if err != nil {
		t.Logf("no shared corpus (%v): the bundled sample stands in for a month", err)
		return sample, countLines(t, sample)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "rmrb-2019-10.jsonl")
	var b bytes.Buffer
	n := 0
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if bytes.Contains(sc.Bytes(), []byte(`"date": "2019-10-`)) || bytes.Contains(sc.Bytes(), []byte(`"date":"2019-10-`)) {
			b.Write(sc.Bytes())
			b.WriteByte('\n')
			n++
		}
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, n
}

func countLines(t *testing.T, path string) int {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(raw, []byte("\n"))
}

// The acceptance run of the live archive: 8 clients search without one
// failed request while a month of articles is ingested into the running
// server (handed to it by `baosou ingest`) and while a rebuild with a
// changed dictionary swaps in; articles are searchable once their batch is
// acknowledged; the new word is then cut whole by /api/analyze and in
// search; SIGTERM exits 0; a restart serves at once, without a rebuild.
func TestLiveArchive(t *testing.T) {
	data := t.TempDir()
	mustRun(t, data, "ingest", sample)
	month, lines := monthFile(t)
	s := startServe(t, data)
	l := startLoad(s, 8)
	time.Sleep(3 * time.Second)

	l.setPhase("ingest")
	out := mustRun(t, data, "ingest", "--json", month)
	var sum struct{ Files, Added, Updated, Unchanged, Merged, Rejected int }
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("ingest summary: %v\n%s", err, out)
	}
	if got := sum.Added + sum.Updated + sum.Unchanged + sum.Merged + sum.Rejected; sum.Files != 1 || got != lines || sum.Added == 0 {
		t.Errorf("ingest through the server: %+v, want %d lines accounted for", sum, lines)
	}
	if !strings.Contains(s.logs.String(), "POST") {
		t.Errorf("the ingest did not go through the server; server log:\n%s", s.logs.String())
	}
	if st := s.status(); !st.CaughtUp || st.StoreArticles != st.IndexArticles {
		t.Errorf("after the acknowledged ingest the index is not caught up: %+v", st)
	}

	// One article over HTTP: searchable within 2 s of the acknowledgement.
	const word = "蓝鲸湾智慧港"
	rec := `{"newspaper":"人民日报","date":"2019-10-31","page":"05","title":"` + word + `建设提速","body":"本报讯 ` + word + `项目今日开工。"}`
	resp, err := s.admin(http.MethodPost, "/api/articles", "application/x-ndjson", strings.NewReader(rec+"\n"))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/articles: %v %v", resp, err)
	}
	resp.Body.Close()
	acked := time.Now()
	for {
		res, err := s.search(word)
		if err == nil && res.Total == 1 {
			break
		}
		if time.Since(acked) > 2*time.Second {
			t.Fatalf("not searchable 2 s after the acknowledgement: %+v %v", res, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("acknowledged → searchable: %v", time.Since(acked).Round(time.Millisecond))

	l.setPhase("rebuild")
	if err := os.WriteFile(filepath.Join(data, "user-dict.txt"), []byte(word+" 5000 n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, data, "rebuild"); !strings.Contains(out, "swapped in by the server") {
		t.Errorf("rebuild: %s", out)
	}
	l.stop()
	l.report(t)
	if len(l.failures) > 0 {
		t.Errorf("%d searches failed, first: %s", len(l.failures), l.failures[0])
	}

	resp, err = http.Get(s.url("/api/analyze?text=" + url.QueryEscape(word)))
	if err != nil {
		t.Fatal(err)
	}
	var an struct{ Tokens []search.Token }
	json.NewDecoder(resp.Body).Decode(&an)
	resp.Body.Close()
	if len(an.Tokens) != 1 || an.Tokens[0].Text != word {
		t.Errorf("/api/analyze after the rebuild cuts %s as %+v, want one token", word, an.Tokens)
	}
	res, err := s.search(word)
	if err != nil || res.Total != 1 || !strings.Contains(res.Hits[0].Highlights.Title, "<mark>"+word+"</mark>") {
		t.Errorf("search after the rebuild: %+v %v", res, err)
	}
	if code := s.stop(); code != 0 {
		t.Errorf("SIGTERM: exit %d, want 0; log:\n%s", code, s.logs.String())
	}

	start := time.Now()
	s = startServe(t, data)
	res, err = s.search(word)
	t.Logf("restart → first answer: %v", time.Since(start).Round(time.Millisecond))
	if err != nil || res.Total != 1 {
		t.Errorf("after a restart: %+v %v", res, err)
	}
	if st := s.status(); !st.Current || !st.Ready || st.Rebuilds != 0 || st.Rebuilding {
		t.Errorf("after a restart the index should serve as it is: %+v", st)
	}
}

// SIGTERM while the server rebuilds: the rebuild is cancelled, its partial
// directory removed, the process exits 0, and the next start serves the
// old index.
func TestSIGTERMDuringRebuild(t *testing.T) {
	data := t.TempDir()
	month, _ := monthFile(t)
	mustRun(t, data, "ingest", month)
	before := indexDirNames(t, data)
	s := startServe(t, data)
	go func() {
		resp, err := s.admin(http.MethodPost, "/api/admin/rebuild", "", nil)
		if err == nil {
			resp.Body.Close()
		}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !building(t, data) {
		if time.Now().After(deadline) {
			t.Fatal("no rebuild started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if code := s.stop(); code != 0 {
		t.Errorf("SIGTERM during a rebuild: exit %d, want 0; log:\n%s", code, s.logs.String())
	}
	if got := indexDirNames(t, data); !slices.Equal(got, before) || building(t, data) {
		t.Errorf("index directories after SIGTERM: %v, want %v", got, before)
	}
	if _, err := os.Stat(filepath.Join(data, "serve.json")); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind")
	}
	s = startServe(t, data)
	if res, err := s.search("长春"); err != nil || res.Total == 0 {
		t.Errorf("after the restart: %+v %v", res, err)
	}
}

func indexDirNames(t *testing.T, data string) []string {
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), "index") {
			out = append(out, e.Name())
		}
	}
	return out
}

func building(t *testing.T, data string) bool {
	for _, d := range indexDirNames(t, data) {
		if _, err := os.Stat(filepath.Join(data, d, "BUILDING")); err == nil {
			return true
		}
	}
	return false
}

// Take-down, backup and restore through a running server: `baosou delete`
// and DELETE /api/articles/:id remove at once, a rebuild and a re-ingest
// keep them out, and a backup taken while serving restores into an empty
// directory that answers the same.
func TestTakedownBackupRestoreWhileServing(t *testing.T) {
	data := t.TempDir()
	mustRun(t, data, "ingest", sample)
	s := startServe(t, data)
	res, err := s.search("长春")
	if err != nil || len(res.Hits) < 2 {
		t.Fatalf("need two hits to take down: %+v %v", res, err)
	}
	gone := []string{res.Hits[0].ID, res.Hits[1].ID}
	if out := mustRun(t, data, "delete", gone[0]); !strings.Contains(out, "1 stored articles removed") {
		t.Errorf("delete: %s", out)
	}
	resp, err := s.admin(http.MethodDelete, "/api/articles/"+url.PathEscape(gone[1]), "", nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE: %v %v", resp, err)
	}
	resp.Body.Close()
	check := func(when string) {
		t.Helper()
		res, err := s.search("长春")
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if slices.Contains(gone, h.ID) {
				t.Errorf("%s: %s is in search again", when, h.ID)
			}
		}
	}
	check("at once")
	mustRun(t, data, "rebuild")
	check("after a rebuild")
	out := mustRun(t, data, "ingest", sample)
	if !strings.Contains(out, "withheld (taken down): 2") {
		t.Errorf("re-ingest: %s", out)
	}
	check("after a re-ingest")

	backup := filepath.Join(t.TempDir(), "archive.baosou")
	if out := mustRun(t, data, "backup", backup); !strings.Contains(out, "backup written") {
		t.Errorf("backup: %s", out)
	}
	want := map[string]uint64{}
	for _, q := range loadQueries {
		r, err := s.search(q)
		if err != nil {
			t.Fatal(err)
		}
		want[q] = r.Total
	}
	if code := s.stop(); code != 0 {
		t.Errorf("stop: exit %d", code)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if out := mustRun(t, restored, "restore", backup); !strings.Contains(out, "restored") {
		t.Errorf("restore: %s", out)
	}
	for q, n := range want {
		if got := searchJSON(t, restored, q); got.Total != n {
			t.Errorf("restored archive: %s gives %d hits, the original %d", q, got.Total, n)
		}
	}
	if _, err := run(t, restored, "restore", backup); err == nil {
		t.Error("restore over an archive was accepted")
	}
}

// `serve --data` with a typo does not create an empty archive.
func TestServeRefusesMissingDataDirectory(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "baosou-dta")
	_, err := run(t, typo, "serve", "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "no baosou data") {
		t.Errorf("serve on a missing directory: %v", err)
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Errorf("%s was created", typo)
	}
}

// A power loss may leave INDEX empty: the next start serves the newest
// complete index instead of refusing.
func TestServeAfterTruncatedPointer(t *testing.T) {
	data := t.TempDir()
	mustRun(t, data, "ingest", sample)
	want := searchJSON(t, data, "长春").Total
	if err := os.WriteFile(filepath.Join(data, "INDEX"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, data)
	if res, err := s.search("长春"); err != nil || res.Total != want {
		t.Errorf("after a truncated INDEX: %+v %v, want %d hits", res, err, want)
	}
}
