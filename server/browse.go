package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// browseRoutes registers the endpoints of browsing, suggestions and
// related articles, each when its piece is configured.
func (h *handlers) browseRoutes(g *gin.RouterGroup) {
	if h.cfg.Browser != nil {
		g.GET("/api/papers", h.wrap(h.papers))
		g.GET("/api/calendar", h.wrap(h.calendar))
		g.GET("/api/issue", h.wrap(h.issue))
	}
	if h.cfg.Suggester != nil {
		g.GET("/api/suggest", h.wrap(h.suggest))
	}
	if h.cfg.Relater != nil {
		g.GET("/api/articles/:id/related", h.wrap(h.related))
	}
}

func (h *handlers) papers(c *gin.Context) error {
	papers, err := h.cfg.Browser.Papers(c.Request.Context())
	if err != nil {
		return err
	}
	c.PureJSON(http.StatusOK, gin.H{"papers": papers})
	return nil
}

func (h *handlers) calendar(c *gin.Context) error {
	paper, month := strings.TrimSpace(c.Query("newspaper")), strings.TrimSpace(c.Query("month"))
	days, err := h.cfg.Browser.Calendar(c.Request.Context(), paper, month)
	if err != nil {
		return err
	}
	c.PureJSON(http.StatusOK, gin.H{"newspaper": paper, "month": month, "days": days})
	return nil
}

func (h *handlers) issue(c *gin.Context) error {
	is, err := h.cfg.Browser.Issue(c.Request.Context(), c.Query("newspaper"), c.Query("date"))
	if err != nil {
		return err
	}
	c.PureJSON(http.StatusOK, is)
	return nil
}

func (h *handlers) suggest(c *gin.Context) error {
	size, err := intParam(c, "size")
	if err != nil {
		return err
	}
	out, err := h.cfg.Suggester.Suggest(c.Request.Context(), c.Query("q"), size)
	if err != nil {
		return err
	}
	c.PureJSON(http.StatusOK, gin.H{"suggestions": out})
	return nil
}

func (h *handlers) related(c *gin.Context) error {
	size, err := intParam(c, "size")
	if err != nil {
		return err
	}
	res, err := h.cfg.Relater.Related(c.Request.Context(), c.Param("id"), size)
	if err != nil {
		return err
	}
	c.PureJSON(http.StatusOK, res)
	return nil
}
