package server

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

//go:embed web/index.html
var indexHTML []byte

// page serves the search page. It is static: it calls /api/search itself,
// so the page and the API can never disagree about results.
func (h *handlers) page(c *gin.Context) {
	c.Header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
	c.Data(http.StatusOK, "text/html; charset=utf-8", indexHTML)
}
