package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"
)

//go:embed web/index.html
var indexHTML []byte

//go:embed web/article.html
var articleHTML string

// static holds the pages' script and styles: files of their own, since the
// pages' Content-Security-Policy allows no inline script or style.
//
//go:embed web/static
var static embed.FS

// articlePage renders one article; html/template escapes every field.
var articlePage = template.Must(template.New("article").Parse(articleHTML))

// pageCSP allows the pages only what they load from this server, and no
// framing: an injected script or style has nowhere to come from.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders go on every response, API and page alike.
func securityHeaders(c *gin.Context) {
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Referrer-Policy", "no-referrer")
	c.Next()
}

// pageHeaders go on the HTML pages.
func pageHeaders(c *gin.Context) {
	c.Header("Content-Security-Policy", pageCSP)
	c.Header("X-Frame-Options", "DENY")
	c.Next()
}

// page serves the search page. It is static: it calls /api/search itself,
// so the page and the API can never disagree about results.
func (h *handlers) page(c *gin.Context) {
	c.Data(http.StatusOK, "text/html; charset=utf-8", indexHTML)
}

// articleView serves an article as a readable page (the API serves JSON).
func (h *handlers) articleView(c *gin.Context) error {
	a, err := h.getArticle(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := articlePage.Execute(&buf, a); err != nil {
		return fmt.Errorf("render article %s: %w", a.ID, err)
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// staticMaxAge lets browsers keep the script and styles for a day without
// asking: they change only with a new release.
const staticMaxAge = "public, max-age=86400"

func (h *handlers) static(c *gin.Context) error {
	name := c.Param("file")
	data, err := static.ReadFile(path.Join("web/static", path.Base(name)))
	if err != nil {
		return errNoRoute
	}
	c.Header("Cache-Control", staticMaxAge)
	c.Data(http.StatusOK, mime.TypeByExtension(path.Ext(name)), data)
	return nil
}
