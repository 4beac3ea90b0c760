package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// Articles fetches whole articles by id. search.ErrNotFound (wrapped) means
// no such article.
type Articles interface {
	Get(ctx context.Context, id string) (*article.Article, error)
}

// Rebuilder rebuilds the index from the store and swaps it in.
type Rebuilder interface {
	Rebuild(ctx context.Context) (articles uint64, err error)
}

// Ingester stores the articles of one input, read from r. name is a file
// name whose extension says the format, exactly as `baosou ingest` reads
// files: .jsonl/.ndjson (optionally .gz) JSON Lines of article records,
// .txt/.html/.htm e-paper pages. The summary carries counts and per-line
// problems (file = name).
type Ingester interface {
	Ingest(ctx context.Context, name string, r io.Reader) (ingest.Summary, error)
}

// Deleter takes articles down: gone from search at once and kept out
// afterwards (a takedown list).
type Deleter interface {
	Delete(ctx context.Context, ids []string) (removed int, err error)
}

// Backuper writes a backup of the store to w.
type Backuper interface {
	Backup(ctx context.Context, w io.Writer) error
}

// Config wires the server to what it serves.
type Config struct {
	Searcher search.Searcher
	Articles Articles
	Analyzer search.Analyzer
	// Browsing an issue (/api/papers, /api/calendar, /api/issue),
	// suggestions (/api/suggest) and related articles
	// (/api/articles/:id/related); each endpoint exists only when its
	// piece is set.
	Browser   search.Browser
	Suggester search.Suggester
	Relater   search.Relater
	// The admin API (ingest, delete, backup, rebuild) serves requests that
	// carry AdminToken as a bearer token. Without a token there is no admin
	// API; without one of these, no endpoint for it.
	Ingester   Ingester
	Deleter    Deleter
	Backuper   Backuper
	Rebuilder  Rebuilder
	AdminToken string
	// Status feeds /readyz and the archive gauges of /metrics; nil: always
	// ready, no archive gauges.
	Status search.StatusReporter
	// Options bounds the handler (concurrency, request deadline, ingest
	// size); zero fields take DefaultOptions' values.
	Options Options
	// Log gets one Info line per request and the errors; nil: quiet.
	Log *slog.Logger
}

// New returns the public HTTP handler. It panics if cfg.Options fails
// Validate: callers validate their flags first.
func New(cfg Config) http.Handler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	cfg.Options = cfg.Options.withDefaults()
	if err := cfg.Options.Validate(); err != nil {
		panic(err)
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// The remote address is the client: forwarded headers from anyone
	// would let a client pick the ip the access log shows.
	_ = r.SetTrustedProxies(nil)
	h := &handlers{cfg: cfg, metrics: newMetrics(cfg.Status), slots: make(chan struct{}, cfg.Options.MaxConcurrent)}
	// observe is outermost so that it also sees panics and rejections.
	r.Use(h.observe, h.recover, securityHeaders)

	// Probes and scrapes must answer even when the server is saturated.
	r.GET("/healthz", h.wrap(h.health))
	r.GET("/readyz", h.deadline, h.wrap(h.ready)) // a stuck status read must not hang the probe
	r.GET("/metrics", gin.WrapH(h.metrics.handler()))

	limited := r.Group("", h.limit)
	public := limited.Group("", h.deadline)
	public.GET("/api/search", h.wrap(h.search))
	public.GET("/api/articles/:id", h.wrap(h.article))
	public.GET("/api/analyze", h.wrap(h.analyze))
	public.GET("/static/:file", h.wrap(h.static))
	h.browseRoutes(public)
	h.pageRoutes(public.Group("", pageHeaders))
	h.adminRoutes(limited)

	r.NoRoute(h.wrap(func(*gin.Context) error { return errNoRoute }))
	return r
}

type handlers struct {
	cfg     Config
	metrics *metrics
	slots   chan struct{} // one token per request in flight (limit)
}

// handlerFunc is what every API handler is: it returns an error, and wrap
// renders it in one place.
type handlerFunc func(c *gin.Context) error

func (h *handlers) wrap(fn handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			h.fail(c, err)
		}
	}
}
