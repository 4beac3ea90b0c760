package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

// fixedStatus reports the same status every time.
type fixedStatus struct{ s search.Status }

func (f fixedStatus) Status(context.Context) search.Status { return f.s }

func TestReadiness(t *testing.T) {
	a := openArchive(t)
	cfg := a.config()
	if r := do(t, serve(t, cfg), "GET", "/readyz", "", "", false); r.code != http.StatusOK || r.body != `{"ready":true}` {
		t.Errorf("no Status: %d %s", r.code, r.body)
	}
	cases := []struct {
		s    search.Status
		want int
	}{
		{search.Status{Ready: true, CaughtUp: true, Current: true, StoreSeq: 3, IndexSeq: 3, StoreArticles: 3, IndexArticles: 3}, http.StatusOK},
		{search.Status{Ready: false, Message: "index is being rebuilt <soon>", Rebuilding: true}, http.StatusServiceUnavailable},
	}
	for _, c := range cases {
		cfg.Status = fixedStatus{c.s}
		r := do(t, serve(t, cfg), "GET", "/readyz", "", "", false)
		var got search.Status
		if r.decode(t, &got); r.code != c.want || got.Ready != c.s.Ready || got.Message != c.s.Message || got.StoreArticles != c.s.StoreArticles {
			t.Errorf("status %+v: %d %s, want %d", c.s, r.code, r.body, c.want)
		}
		if !c.s.Ready && r.header.Get("Retry-After") == "" {
			t.Errorf("not ready without Retry-After")
		}
		if strings.Contains(r.body, `\u003c`) {
			t.Errorf("status JSON is HTML-escaped: %s", r.body)
		}
	}
	if r := do(t, serve(t, cfg), "GET", "/healthz", "", "", false); r.code != http.StatusOK {
		t.Errorf("healthz while not ready: %d", r.code)
	}
}

func TestMetrics(t *testing.T) {
	cfg := openArchive(t).config()
	built := time.Now().Add(-time.Hour)
	cfg.Status = fixedStatus{search.Status{Ready: true, Current: true, IndexBuilt: built, StoreSeq: 10, IndexSeq: 7,
		StoreArticles: 3, IndexArticles: 2, IngestedArticles: 5, IngestRuns: 2, Rebuilds: 1, RebuildFailures: 1, LastRebuildSecs: 1.5, Deleted: 4}}
	srv := serve(t, cfg)
	get(t, srv, "/api/search?q="+url.QueryEscape("长春"), nil)
	get(t, srv, "/api/articles/cc1", nil)
	get(t, srv, "/api/articles/bj1", nil)
	do(t, srv, "GET", "/no/such/"+url.PathEscape("<x>"), "", "", false)
	do(t, srv, "POST", "/api/articles", "application/x-ndjson", goodHarbin, true)
	r := do(t, srv, "GET", "/metrics", "", "", false)
	if r.code != http.StatusOK {
		t.Fatalf("metrics: %d", r.code)
	}
	for _, want := range []string{
		`baosou_http_requests_total{method="GET",route="/api/search",status="200"} 1`,
		`baosou_http_requests_total{method="GET",route="/api/articles/:id",status="200"} 2`,
		`baosou_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`baosou_http_requests_total{method="POST",route="/api/articles",status="200"} 1`,
		`baosou_http_request_duration_seconds_count{method="GET",route="/api/search"} 1`,
		`baosou_search_duration_seconds_count 1`,
		`baosou_ingest_duration_seconds_count 1`,
		`baosou_http_rejected_total{reason="overload"} 0`,
		"baosou_store_articles 3", "baosou_index_articles 2", "baosou_index_lag_changes 3",
		"baosou_index_current 1", "baosou_rebuilding 0",
		"baosou_ingested_articles_total 5", "baosou_ingest_runs_total 2", "baosou_rebuilds_total 1",
		"baosou_rebuild_failures_total 1", "baosou_last_rebuild_duration_seconds 1.5", "baosou_deleted_total 4",
		"go_goroutines ", "process_start_time_seconds ",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(r.body, "cc1") || strings.Contains(r.body, "/no/such") {
		t.Errorf("a raw path became a label:\n%s", grepLines(r.body, "baosou_http_requests_total"))
	}
	var age float64
	for l := range strings.Lines(r.body) {
		if v, ok := strings.CutPrefix(l, "baosou_index_age_seconds "); ok {
			json.Unmarshal([]byte(strings.TrimSpace(v)), &age)
		}
	}
	if age < 3599 || age > 3700 {
		t.Errorf("index age %v, want about an hour", age)
	}
	if r := do(t, srv, "GET", "/debug/pprof/", "", "", false); r.code != http.StatusNotFound {
		t.Errorf("pprof on the public handler: %d", r.code)
	}
}

func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	cfg := openArchive(t).config()
	cfg.Log = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv := serve(t, cfg)
	get(t, srv, "/api/search?q="+url.QueryEscape("长春"), nil)
	var line struct {
		Level, Msg, Method, Route, IP string
		Status, Bytes                 int
		LatencyMS                     *float64 `json:"latency_ms"`
	}
	first, _, _ := strings.Cut(buf.String(), "\n")
	if err := json.Unmarshal([]byte(first), &line); err != nil {
		t.Fatalf("%v: %q", err, buf.String())
	}
	if line.Level != "INFO" || line.Msg != "request" || line.Method != "GET" || line.Route != "/api/search" || line.Status != 200 ||
		line.LatencyMS == nil || *line.LatencyMS <= 0 || line.Bytes <= 0 || line.IP != "127.0.0.1" {
		t.Errorf("access log line %s", first)
	}
}
