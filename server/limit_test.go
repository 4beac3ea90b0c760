package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/server"
)

// blockingSearcher holds every search until release is closed.
type blockingSearcher struct {
	search.Searcher
	entered chan struct{}
	release chan struct{}
}

func (b *blockingSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	b.entered <- struct{}{}
	select {
	case <-b.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return b.Searcher.Search(ctx, req)
}

func TestConcurrencyLimit(t *testing.T) {
	a := openArchive(t)
	cfg := a.config()
	blocking := &blockingSearcher{Searcher: a.idx, entered: make(chan struct{}, 8), release: make(chan struct{})}
	cfg.Searcher = blocking
	cfg.Options = server.Options{MaxConcurrent: 1, QueueWait: 50 * time.Millisecond}
	srv := serve(t, cfg)

	var wg sync.WaitGroup
	var first int
	var firstErr error
	wg.Go(func() {
		// Not do: t.Fatal belongs to the test's own goroutine.
		resp, err := http.Get(srv.URL + "/api/search?q=" + url.QueryEscape("长春"))
		if firstErr = err; err == nil {
			first = resp.StatusCode
			resp.Body.Close()
		}
	})
	<-blocking.entered // the one slot is taken

	r := do(t, srv, "GET", "/api/search?q=北京", "", "", false)
	var e struct{ Error string }
	if r.decode(t, &e); r.code != http.StatusServiceUnavailable || r.header.Get("Retry-After") != "1" || e.Error == "" {
		t.Errorf("second request while the first runs: %d Retry-After %q %s, want 503 with Retry-After 1", r.code, r.header.Get("Retry-After"), r.body)
	}
	if r := do(t, srv, "GET", "/articles/cc1", "", "", false); r.code != http.StatusServiceUnavailable {
		t.Errorf("a page while saturated: %d, want 503", r.code)
	}
	// Probes and scrapes are not counted against the limit.
	for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
		if r := do(t, srv, "GET", p, "", "", false); r.code != http.StatusOK {
			t.Errorf("%s while saturated: %d", p, r.code)
		} else if p == "/metrics" && !strings.Contains(r.body, `baosou_http_rejected_total{reason="overload"} 2`) {
			t.Errorf("metrics do not count the 2 rejections:\n%s", grepLines(r.body, "rejected"))
		}
	}

	close(blocking.release)
	wg.Wait()
	if firstErr != nil || first != http.StatusOK {
		t.Errorf("the admitted request: %d %v", first, firstErr)
	}
	if r := do(t, srv, "GET", "/api/search?q=北京", "", "", false); r.code != http.StatusOK {
		t.Errorf("after the slot is free: %d %s", r.code, r.body)
	}
}

// stuckSearcher answers only when its context ends, or with err at once.
type stuckSearcher struct {
	err error
	saw chan error // the context's error, as the searcher observed it
}

func (s stuckSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	if s.err != nil {
		return nil, s.err
	}
	<-ctx.Done()
	s.saw <- ctx.Err()
	return nil, ctx.Err()
}

func TestSearchFailuresMapToStatuses(t *testing.T) {
	cases := []struct {
		name       string
		err        error // nil: wait for the deadline
		want       int
		retryAfter bool
	}{
		{"deadline", nil, http.StatusGatewayTimeout, false},
		{"unavailable", search.ErrUnavailable, http.StatusServiceUnavailable, true},
		{"wrapped unavailable", errors.Join(errors.New("index is being swapped"), search.ErrUnavailable), http.StatusServiceUnavailable, true},
		{"internal", errors.New("bleve: segment /data/x corrupt"), http.StatusInternalServerError, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := openArchive(t).config()
			stuck := stuckSearcher{err: c.err, saw: make(chan error, 1)}
			cfg.Searcher = stuck
			cfg.Options.RequestTimeout = 100 * time.Millisecond
			srv := serve(t, cfg)
			start := time.Now()
			r := do(t, srv, "GET", "/api/search?q=长春", "", "", false)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %s with a 100ms request timeout", took)
			}
			if r.code != c.want || (r.header.Get("Retry-After") != "") != c.retryAfter {
				t.Errorf("status %d Retry-After %q, want %d (Retry-After: %v)", r.code, r.header.Get("Retry-After"), c.want, c.retryAfter)
			}
			if strings.Contains(r.body, "bleve") || strings.Contains(r.body, "/data") {
				t.Errorf("error body leaks internals: %s", r.body)
			}
			if c.err == nil {
				if err := <-stuck.saw; !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("searcher saw %v, want the deadline", err)
				}
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	if err := server.DefaultOptions().Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
	if err := (server.Options{}).Validate(); err != nil {
		t.Errorf("zero options (all defaults): %v", err)
	}
	d := server.DefaultOptions()
	if d.MaxConcurrent != 64 || d.QueueWait != 100*time.Millisecond || d.RequestTimeout != 10*time.Second || d.MaxIngestBytes != 1<<30 || d.WriteTimeout != time.Minute || d.ShutdownTimeout != 30*time.Second {
		t.Errorf("defaults %+v", d)
	}
	cases := []struct {
		o    server.Options
		want []string
	}{
		{server.Options{ReadTimeout: -time.Second}, []string{"ReadTimeout"}},
		{server.Options{MaxConcurrent: -1, MaxIngestBytes: -5}, []string{"MaxConcurrent", "MaxIngestBytes"}},
		{server.Options{MaxHeaderBytes: 100}, []string{"MaxHeaderBytes"}},
		{server.Options{RequestTimeout: time.Minute, WriteTimeout: 30 * time.Second}, []string{"RequestTimeout", "WriteTimeout"}},
		{server.Options{ReadHeaderTimeout: time.Minute}, []string{"ReadHeaderTimeout"}},
		{server.Options{QueueWait: -1}, []string{"QueueWait"}},
	}
	for _, c := range cases {
		err := c.o.Validate()
		if err == nil {
			t.Errorf("%+v: valid", c.o)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v does not name %s", c.o, err, w)
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("New accepted invalid options")
		}
	}()
	server.New(server.Config{Options: server.Options{MaxConcurrent: -1}})
}

// grepLines returns the lines of s that contain sub, for failure messages.
func grepLines(s, sub string) string {
	var out []string
	for l := range strings.Lines(s) {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}
