package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// adminRoutes registers the write endpoints, each only when there is a
// token and something to serve it.
func (h *handlers) adminRoutes(g *gin.RouterGroup) {
	if h.cfg.AdminToken == "" {
		return
	}
	admin := g.Group("", h.requireToken, h.noDeadlines)
	if h.cfg.Ingester != nil {
		admin.POST("/api/articles", h.wrap(h.ingest))
	}
	if h.cfg.Deleter != nil {
		admin.DELETE("/api/articles/:id", h.wrap(h.deleteOne))
		admin.POST("/api/admin/delete", h.wrap(h.deleteMany))
	}
	if h.cfg.Backuper != nil {
		admin.GET("/api/admin/backup", h.wrap(h.backup))
	}
	if h.cfg.Rebuilder != nil {
		admin.POST("/api/admin/rebuild", h.wrap(h.rebuild))
	}
}

// requireToken admits requests bearing the admin token. Both sides are
// hashed first so that the comparison takes the same time whatever the
// length of the guess.
func (h *handlers) requireToken(c *gin.Context) {
	got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(h.cfg.AdminToken))
	if subtle.ConstantTimeCompare(a[:], b[:]) != 1 || !ok {
		h.fail(c, errForbidden)
		return
	}
	c.Next()
}

// noDeadlines lifts the server's read and write timeouts for an admin
// request: an ingest of a gigabyte or a backup of the whole store takes
// longer than any timeout fit for a search, and only a holder of the token
// gets here.
func (h *handlers) noDeadlines(c *gin.Context) {
	rc := http.NewResponseController(c.Writer)
	if err := errors.Join(rc.SetReadDeadline(time.Time{}), rc.SetWriteDeadline(time.Time{})); err != nil {
		h.cfg.Log.Debug("cannot lift deadlines", "route", route(c), "err", err)
	}
	c.Next()
}

func (h *handlers) deleteOne(c *gin.Context) error {
	return h.delete(c, []string{c.Param("id")})
}

// maxDeleteBytes bounds a bulk delete body: ten thousand ids and more.
const maxDeleteBytes = 4 << 20

func (h *handlers) deleteMany(c *gin.Context) error {
	var body struct {
		IDs []string `json:"ids"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxDeleteBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		if tooLarge(err) {
			return fmt.Errorf("%w: over %d bytes", ErrTooLarge, maxDeleteBytes)
		}
		return &search.ParamError{Param: "ids", Reason: `want a JSON body {"ids": ["…", …]}: ` + err.Error()}
	}
	if len(body.IDs) == 0 {
		return &search.ParamError{Param: "ids", Reason: "no ids given"}
	}
	for i, id := range body.IDs {
		if strings.TrimSpace(id) == "" {
			return &search.ParamError{Param: "ids", Reason: fmt.Sprintf("id %d is empty", i+1)}
		}
	}
	return h.delete(c, body.IDs)
}

func (h *handlers) delete(c *gin.Context, ids []string) error {
	n, err := h.cfg.Deleter.Delete(c.Request.Context(), ids)
	if err != nil {
		return err
	}
	h.cfg.Log.Info("articles taken down", "asked", len(ids), "removed", n)
	c.JSON(http.StatusOK, gin.H{"removed": n})
	return nil
}

func tooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

func (h *handlers) rebuild(c *gin.Context) error {
	start := time.Now()
	n, err := h.cfg.Rebuilder.Rebuild(c.Request.Context())
	if err != nil {
		return err
	}
	h.cfg.Log.Info("index rebuilt", "articles", n, "took", time.Since(start))
	c.JSON(http.StatusOK, gin.H{"articles": n, "took_ms": time.Since(start).Milliseconds()})
	return nil
}

// backup streams the Backuper's output. The headers go out with the first
// bytes, so a backup that fails at once is an ordinary error response; one
// that fails midway aborts the connection, so the client sees a truncated
// transfer rather than a short file that looks whole.
func (h *handlers) backup(c *gin.Context) error {
	w := &backupWriter{c: c}
	err := h.cfg.Backuper.Backup(c.Request.Context(), w)
	if err != nil && w.started {
		h.cfg.Log.Error("backup failed midway", "bytes", w.n, "err", err)
		panic(http.ErrAbortHandler)
	}
	if err == nil && !w.started {
		w.start() // an empty backup is still a 200 with its headers
	}
	return err
}

type backupWriter struct {
	c       *gin.Context
	started bool
	n       int64
}

func (w *backupWriter) start() {
	w.started = true
	w.c.Header("Content-Type", "application/octet-stream")
	w.c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="baosou-%s.backup"`, time.Now().UTC().Format("20060102-150405")))
	w.c.Status(http.StatusOK)
}

func (w *backupWriter) Write(p []byte) (int, error) {
	if !w.started {
		w.start()
	}
	n, err := w.c.Writer.Write(p)
	w.n += int64(n)
	return n, err
}
