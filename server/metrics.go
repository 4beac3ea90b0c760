package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics lives in a registry of its own, not Prometheus' global one, so
// that two handlers in one process (tests, say) never collide.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	search   prometheus.Histogram
	ingest   prometheus.Histogram
	rejected *prometheus.CounterVec
}

func newMetrics(status search.StatusReporter) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "baosou_http_requests_total", Help: "HTTP requests answered, by route template, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "baosou_http_request_duration_seconds", Help: "HTTP request handling time, by route template and method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
		search: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "baosou_search_duration_seconds", Help: "Time the searcher took per search request.",
			Buckets: prometheus.DefBuckets,
		}),
		ingest: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "baosou_ingest_duration_seconds", Help: "Time of POST /api/articles requests.",
			Buckets: prometheus.ExponentialBuckets(0.05, 4, 9), // 50ms to about an hour
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "baosou_http_rejected_total", Help: "Requests turned away before handling, by reason.",
		}, []string{"reason"}),
	}
	m.rejected.WithLabelValues("overload") // present at 0 before the first rejection
	m.reg.MustRegister(m.requests, m.duration, m.search, m.ingest, m.rejected,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if status != nil {
		m.reg.MustRegister(statusCollector{status})
	}
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// route is the request's route template: a label must never be the raw
// path, which would make a series per article id (and per typo).
func route(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// observe counts, times and logs every request. It defers its work so that
// a request whose handler panics is still counted.
func (h *handlers) observe(c *gin.Context) {
	start := time.Now()
	defer func() {
		took := time.Since(start)
		rt, status := route(c), c.Writer.Status()
		h.metrics.requests.WithLabelValues(rt, c.Request.Method, strconv.Itoa(status)).Inc()
		h.metrics.duration.WithLabelValues(rt, c.Request.Method).Observe(took.Seconds())
		h.cfg.Log.Info("request", "method", c.Request.Method, "route", rt, "status", status,
			"latency_ms", float64(took.Microseconds())/1000, "bytes", max(c.Writer.Size(), 0), "ip", c.ClientIP())
	}()
	c.Next()
}

// statusCollector reads the archive's status at scrape time, so the
// gauges are never staler than the scrape.
type statusCollector struct{ r search.StatusReporter }

// statusMetric is one number of search.Status as a metric.
type statusMetric struct {
	desc  *prometheus.Desc
	kind  prometheus.ValueType
	value func(s search.Status, now time.Time) float64
}

func gauge(name, help string, v func(search.Status, time.Time) float64) statusMetric {
	return statusMetric{prometheus.NewDesc(name, help, nil, nil), prometheus.GaugeValue, v}
}

func counter(name, help string, v func(search.Status) uint64) statusMetric {
	return statusMetric{prometheus.NewDesc(name, help, nil, nil), prometheus.CounterValue,
		func(s search.Status, _ time.Time) float64 { return float64(v(s)) }}
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

var statusMetrics = []statusMetric{
	gauge("baosou_store_articles", "Articles in the store.", func(s search.Status, _ time.Time) float64 { return float64(s.StoreArticles) }),
	gauge("baosou_index_articles", "Articles in the serving index.", func(s search.Status, _ time.Time) float64 { return float64(s.IndexArticles) }),
	gauge("baosou_index_lag_changes", "Store changes the index has not applied yet.", func(s search.Status, _ time.Time) float64 {
		return float64(s.StoreSeq) - float64(s.IndexSeq) // negative: the store lost writes the index saw
	}),
	gauge("baosou_index_age_seconds", "Age of the serving index (0: unknown).", func(s search.Status, now time.Time) float64 {
		if s.IndexBuilt.IsZero() {
			return 0
		}
		return now.Sub(s.IndexBuilt).Seconds()
	}),
	gauge("baosou_index_current", "1 when the serving index has the layout and analyzer this baosou writes.", func(s search.Status, _ time.Time) float64 { return boolFloat(s.Current) }),
	gauge("baosou_rebuilding", "1 while an index rebuild runs.", func(s search.Status, _ time.Time) float64 { return boolFloat(s.Rebuilding) }),
	gauge("baosou_last_rebuild_duration_seconds", "How long the last rebuild took.", func(s search.Status, _ time.Time) float64 { return s.LastRebuildSecs }),
	counter("baosou_ingested_articles_total", "Articles added, updated or merged since start.", func(s search.Status) uint64 { return s.IngestedArticles }),
	counter("baosou_ingest_runs_total", "Ingest runs since start.", func(s search.Status) uint64 { return s.IngestRuns }),
	counter("baosou_rebuilds_total", "Index rebuilds since start.", func(s search.Status) uint64 { return s.Rebuilds }),
	counter("baosou_rebuild_failures_total", "Failed index rebuilds since start.", func(s search.Status) uint64 { return s.RebuildFailures }),
	counter("baosou_deleted_total", "Articles taken down since start.", func(s search.Status) uint64 { return s.Deleted }),
}

func (statusCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range statusMetrics {
		ch <- m.desc
	}
}

// statusTimeout bounds a scrape's status read; Prometheus gives the
// collector no context of its own.
const statusTimeout = 5 * time.Second

func (sc statusCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), statusTimeout)
	defer cancel()
	s, now := sc.r.Status(ctx), time.Now()
	for _, m := range statusMetrics {
		ch <- prometheus.MustNewConstMetric(m.desc, m.kind, m.value(s, now))
	}
}
