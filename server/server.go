package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/baosou/baosou/article"
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

// Config wires the server to what it serves.
type Config struct {
	Searcher search.Searcher
	Articles Articles
	Analyzer search.Analyzer
	// Rebuilder serves POST /api/admin/rebuild to requests that carry
	// AdminToken as a bearer token. Without a token there is no admin API.
	Rebuilder  Rebuilder
	AdminToken string
	Log        *slog.Logger
}

// New returns the HTTP handler.
func New(cfg Config) http.Handler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.Recovery(), requestLog(cfg.Log))
	h := &handlers{cfg: cfg}
	r.GET("/healthz", h.wrap(h.health))
	r.GET("/api/search", h.wrap(h.search))
	r.GET("/api/articles/:id", h.wrap(h.article))
	r.GET("/api/analyze", h.wrap(h.analyze))
	if cfg.Rebuilder != nil && cfg.AdminToken != "" {
		r.POST("/api/admin/rebuild", h.wrap(h.rebuild))
	}
	r.GET("/", h.page)
	r.GET("/articles/:id", h.wrap(h.articleView))
	r.NoRoute(func(c *gin.Context) {
		h.fail(c, &httpError{status: http.StatusNotFound, msg: "no such endpoint: " + c.Request.URL.Path})
	})
	return r
}

type handlers struct{ cfg Config }

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

func (h *handlers) health(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

func (h *handlers) search(c *gin.Context) error {
	req := search.Request{
		Query:   c.Query("q"),
		From:    c.Query("from"),
		To:      c.Query("to"),
		Section: c.Query("section"),
		Region:  c.Query("region"),
	}
	var err error
	if req.Page, err = intParam(c, "page"); err != nil {
		return err
	}
	if req.Size, err = intParam(c, "size"); err != nil {
		return err
	}
	res, err := h.cfg.Searcher.Search(c.Request.Context(), req)
	if err != nil {
		return err
	}
	// PureJSON: highlights read as <mark>…</mark>, not \u003cmark\u003e.
	c.PureJSON(http.StatusOK, res)
	return nil
}

func (h *handlers) article(c *gin.Context) error {
	a, err := h.cfg.Articles.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, a)
	return nil
}

func (h *handlers) analyze(c *gin.Context) error {
	mode := c.DefaultQuery("mode", "query")
	toks, err := h.cfg.Analyzer.Analyze(c.Request.Context(), c.Query("text"), mode)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"mode": mode, "tokens": toks})
	return nil
}

func (h *handlers) rebuild(c *gin.Context) error {
	got := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(got), []byte(h.cfg.AdminToken)) != 1 {
		return fmt.Errorf("%w: rebuild needs the token in the data directory's serve.json", search.ErrForbidden)
	}
	start := time.Now()
	n, err := h.cfg.Rebuilder.Rebuild(c.Request.Context())
	if err != nil {
		return err
	}
	h.cfg.Log.Info("index rebuilt", "articles", n, "took", time.Since(start))
	c.JSON(http.StatusOK, gin.H{"articles": n, "took_ms": time.Since(start).Milliseconds()})
	return nil
}

func intParam(c *gin.Context, name string) (int, error) {
	s := strings.TrimSpace(c.Query(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &search.ParamError{Param: name, Reason: "not a whole number: " + strconv.Quote(s)}
	}
	if n < 1 {
		// Zero means "default" inside search.Request; a client that sends
		// it asked for something else.
		return 0, &search.ParamError{Param: name, Reason: "must be 1 or more"}
	}
	return n, nil
}

// httpError carries a status of its own (for routing errors).
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = []struct {
	kind   error
	status int
}{
	{search.ErrBadRequest, http.StatusBadRequest},
	{search.ErrNotFound, http.StatusNotFound},
	{search.ErrUnavailable, http.StatusServiceUnavailable},
	{search.ErrConflict, http.StatusConflict},
	{search.ErrForbidden, http.StatusForbidden},
	{context.Canceled, 499}, // client went away
	{context.DeadlineExceeded, http.StatusGatewayTimeout},
}

type errorBody struct {
	Error string `json:"error"`
	Param string `json:"param,omitempty"`
}

func (h *handlers) fail(c *gin.Context, err error) {
	status := http.StatusInternalServerError
	var he *httpError
	if errors.As(err, &he) {
		status = he.status
	}
	for _, s := range statusOf {
		if errors.Is(err, s.kind) {
			status = s.status
			break
		}
	}
	body := errorBody{Error: err.Error()}
	var pe *search.ParamError
	if errors.As(err, &pe) {
		body.Param = pe.Param
	}
	if status >= 500 {
		h.cfg.Log.Error("request failed", "path", c.Request.URL.Path, "err", err)
		if status == http.StatusInternalServerError {
			body.Error = "internal error" // details are in the log, not for clients
		}
	}
	c.AbortWithStatusJSON(status, body)
}

func requestLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		log.Debug("request", "method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status())
	}
}
