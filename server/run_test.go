package server_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/server"
)

// runServer runs the archive's handler with Run on a loopback port, with
// a searcher that blocks until released.
func runServer(t *testing.T, o server.Options, edit ...func(*server.Config)) (base string, blocking *blockingSearcher, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	a := openArchive(t)
	cfg := a.config()
	for _, e := range edit {
		e(&cfg)
	}
	blocking = &blockingSearcher{Searcher: a.idx, entered: make(chan struct{}, 8), release: make(chan struct{})}
	cfg.Searcher = blocking
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	errc := make(chan error, 1)
	go func() { errc <- server.Run(ctx, ln, server.New(cfg), o) }()
	return "http://" + ln.Addr().String(), blocking, cancel, errc
}

type result struct {
	code int
	err  error
}

// getAsync runs a GET in the background.
func getAsync(u string) <-chan result {
	ch := make(chan result, 1)
	go func() {
		resp, err := http.Get(u)
		if err != nil {
			ch <- result{err: err}
			return
		}
		_, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		ch <- result{resp.StatusCode, err}
	}()
	return ch
}

func TestRunShutsDownGracefully(t *testing.T) {
	base, blocking, cancel, done := runServer(t, server.Options{})
	slow := getAsync(base + "/api/search?q=" + url.QueryEscape("长春"))
	<-blocking.entered
	cancel()
	// Shutdown has begun once the listener refuses new connections.
	for deadline := time.Now().Add(5 * time.Second); ; {
		c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after cancel")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Run returned %v with a request in flight", err)
	default:
	}
	close(blocking.release)
	if r := <-slow; r.err != nil || r.code != http.StatusOK {
		t.Errorf("in-flight request: %d %v, want 200", r.code, r.err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v, want nil after a clean shutdown", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Run did not return after the last request")
	}
}

func TestRunForcesCloseAfterShutdownTimeout(t *testing.T) {
	base, blocking, cancel, done := runServer(t, server.Options{ShutdownTimeout: 200 * time.Millisecond})
	stuck := getAsync(base + "/api/search?q=" + url.QueryEscape("长春"))
	<-blocking.entered
	cancel()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "shutdown") {
			t.Errorf("Run after a forced close: %v, want an error saying so", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not force the close")
	}
	if r := <-stuck; r.err == nil && r.code == http.StatusOK {
		t.Error("the stuck request was answered 200")
	}
}

// slowBackup writes its first bytes only after a pause.
type slowBackup struct{ pause time.Duration }

func (s slowBackup) Backup(ctx context.Context, w io.Writer) error {
	time.Sleep(s.pause)
	_, err := io.WriteString(w, "whole backup")
	return err
}

// TestAdminOutlivesServerTimeouts: an ingest or backup that takes longer
// than the server's ReadTimeout or WriteTimeout still completes.
func TestAdminOutlivesServerTimeouts(t *testing.T) {
	o := server.Options{ReadTimeout: 300 * time.Millisecond, ReadHeaderTimeout: 100 * time.Millisecond, WriteTimeout: 300 * time.Millisecond, RequestTimeout: 100 * time.Millisecond}
	base, blocking, _, _ := runServer(t, o, func(c *server.Config) { c.Backuper = slowBackup{time.Second} })
	close(blocking.release)

	req, _ := http.NewRequest("GET", base+"/api/admin/backup", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("slow backup: %v", err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || string(body) != "whole backup" {
		t.Errorf("slow backup: %q %v", body, err)
	}

	// An ingest body that trickles in for longer than ReadTimeout.
	pr, pw := io.Pipe()
	go func() {
		for _, line := range []string{goodHarbin, goodShenyang} {
			time.Sleep(400 * time.Millisecond)
			io.WriteString(pw, line+"\n")
		}
		pw.Close()
	}()
	code, sum, msg := postArticles(t, base, "/api/articles", "application/x-ndjson", pr)
	if code != http.StatusOK || sum.Added != 2 {
		t.Errorf("slow ingest: %d %s", code, msg)
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = server.Run(context.Background(), ln, http.NotFoundHandler(), server.Options{IdleTimeout: -1})
	if err == nil || !strings.Contains(err.Error(), "IdleTimeout") {
		t.Errorf("Run with a negative IdleTimeout: %v", err)
	}
}

func TestAdminHandlerServesPprof(t *testing.T) {
	srv := httptest.NewServer(server.AdminHandler())
	defer srv.Close()
	for _, p := range []string{"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/goroutine?debug=1"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
}
