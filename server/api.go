package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// health says the process is alive; whether it can answer is /readyz.
func (h *handlers) health(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

// ready answers 200 with the archive's status when it can serve searches,
// else 503 with the same body, so a probe and a person read the same thing.
func (h *handlers) ready(c *gin.Context) error {
	if h.cfg.Status == nil {
		c.JSON(http.StatusOK, gin.H{"ready": true})
		return nil
	}
	st := h.cfg.Status.Status(c.Request.Context())
	code := http.StatusOK
	if !st.Ready {
		code = http.StatusServiceUnavailable
		c.Header("Retry-After", retryAfter)
	}
	c.PureJSON(code, st)
	return nil
}

func (h *handlers) search(c *gin.Context) error {
	req := search.Request{
		Query:      c.Query("q"),
		From:       c.Query("from"),
		To:         c.Query("to"),
		Sections:   c.QueryArray("section"),
		Regions:    c.QueryArray("region"),
		Newspapers: c.QueryArray("newspaper"),
		Authors:    c.QueryArray("author"),
		Sort:       c.Query("sort"),
	}
	var err error
	if req.Substr, err = boolParam(c, "substr", false); err != nil {
		return err
	}
	if req.Facets, err = boolParam(c, "facets", true); err != nil {
		return err
	}
	if req.CountSubstr, err = boolParam(c, "substr_count", false); err != nil {
		return err
	}
	if req.Page, err = intParam(c, "page"); err != nil {
		return err
	}
	if req.Size, err = intParam(c, "size"); err != nil {
		return err
	}
	start := time.Now()
	res, err := h.cfg.Searcher.Search(c.Request.Context(), req)
	h.metrics.search.Observe(time.Since(start).Seconds())
	if err != nil {
		return err
	}
	// PureJSON: highlights read as <mark>…</mark>, not \u003cmark\u003e.
	c.PureJSON(http.StatusOK, res)
	return nil
}

func (h *handlers) article(c *gin.Context) error {
	a, err := h.getArticle(c)
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

// errArticleNotFound replaces the store's error, which names the id: a 404
// says no more than that.
var errArticleNotFound = &kindError{msg: "article not found", kind: search.ErrNotFound}

func (h *handlers) getArticle(c *gin.Context) (*article.Article, error) {
	a, err := h.cfg.Articles.Get(c.Request.Context(), c.Param("id"))
	if errors.Is(err, search.ErrNotFound) {
		return nil, errArticleNotFound
	}
	return a, err
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

// boolParam reads 1/true/0/false; absent is def.
func boolParam(c *gin.Context, name string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(c.Query(name))) {
	case "":
		return def, nil
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, &search.ParamError{Param: name, Reason: "want 1 or 0"}
}
