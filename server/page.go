package server

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"
)

//go:embed web/index.html
var indexHTML []byte

//go:embed web/article.html
var articleHTML string

// articlePage renders one article; html/template escapes every field.
var articlePage = template.Must(template.New("article").Parse(articleHTML))

// page serves the search page. It is static: it calls /api/search itself,
// so the page and the API can never disagree about results.
// articleView serves an article as a readable page (the API serves JSON).
func (h *handlers) articleView(c *gin.Context) error {
	a, err := h.cfg.Articles.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := articlePage.Execute(&buf, a); err != nil {
		return fmt.Errorf("render article %s: %w", a.ID, err)
	}
	c.Header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

func (h *handlers) page(c *gin.Context) {
	c.Header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", indexHTML)
}
