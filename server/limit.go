package server

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"
)

// limit admits at most Options.MaxConcurrent requests at a time. One that
// finds no room waits QueueWait for a slot and is then turned away with a
// 503: a short, bounded queue keeps latency predictable under a burst,
// where an unbounded one would make every request slow.
func (h *handlers) limit(c *gin.Context) {
	select {
	case h.slots <- struct{}{}:
	default:
		t := time.NewTimer(h.cfg.Options.QueueWait)
		defer t.Stop()
		select {
		case h.slots <- struct{}{}:
		case <-t.C:
			h.metrics.rejected.WithLabelValues("overload").Inc()
			h.fail(c, errOverloaded)
			return
		case <-c.Request.Context().Done():
			h.fail(c, c.Request.Context().Err())
			return
		}
	}
	defer func() { <-h.slots }()
	c.Next()
}

// deadline puts Options.RequestTimeout on the request's context, so that a
// search that runs long is cancelled and answered with a 504 rather than
// holding a slot. Admin endpoints (ingest, backup, rebuild) run long by
// nature and do not get it.
func (h *handlers) deadline(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), h.cfg.Options.RequestTimeout)
	defer cancel()
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}
