package server

import (
	"embed"
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"
)

// static holds the pages' script and styles: files of their own, since the
// pages' Content-Security-Policy allows no inline script or style.
//
//go:embed web/static
var static embed.FS

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

// pageRoutes registers the server-rendered pages: search, article and,
// with a Browser, the papers as printed. They work without JavaScript;
// /static/app.js only adds suggestions under the search box.
func (h *handlers) pageRoutes(g *gin.RouterGroup) {
	g.GET("/", h.wrapPage(h.searchPage))
	g.GET("/search", h.wrapPage(h.searchPage))
	g.GET("/articles/:id", h.wrapPage(h.articlePage))
	if h.cfg.Browser != nil {
		g.GET("/papers", h.wrapPage(h.papersPage))
		g.GET("/papers/:newspaper", h.wrapPage(h.calendarPage))
		g.GET("/papers/:newspaper/:date", h.wrapPage(h.issuePage))
	}
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
