package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// ErrTooLarge is a request body over its limit (Options.MaxIngestBytes).
var ErrTooLarge = errors.New("request body too large")

// kindError is an error whose text is all a client is told, of a kind the
// status table knows.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

var (
	errNoRoute    = &kindError{msg: "no such endpoint", kind: search.ErrNotFound}
	errOverloaded = &kindError{msg: "too many requests in flight; try again", kind: search.ErrUnavailable}
	errForbidden  = &kindError{msg: "admin endpoints need the token in the data directory's serve.json as Authorization: Bearer <token>", kind: search.ErrForbidden}
)

// retryAfter is what 503s tell clients to wait, in seconds: overload and
// unavailability are expected to pass quickly.
const retryAfter = "1"

// statusOf is the one table from error kinds to HTTP statuses.
var statusOf = []struct {
	kind   error
	status int
}{
	{ErrTooLarge, http.StatusRequestEntityTooLarge},
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
	var ke *kindError
	switch {
	case status == http.StatusNotFound && !errors.As(err, &ke):
		// Lower layers name what was not found, which came from the
		// request: a 404 must not echo input.
		body.Error = "not found"
	case status == http.StatusServiceUnavailable:
		c.Header("Retry-After", retryAfter)
	case status == http.StatusInternalServerError:
		body.Error = "internal error" // details are in the log, not for clients
	case status == http.StatusGatewayTimeout:
		body.Error = "no answer in time; try a narrower search"
	}
	if status >= 500 {
		h.cfg.Log.Error("request failed", "route", route(c), "status", status, "err", err)
	}
	c.AbortWithStatusJSON(status, body)
}

// recover turns a panic into a 500 like any other error. It lets
// http.ErrAbortHandler through: that panic is how a handler that has
// already sent part of a body (a backup) tells net/http to cut the
// connection, so the client sees a truncated transfer, not a complete one.
func (h *handlers) recover(c *gin.Context) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if p == http.ErrAbortHandler {
			panic(p)
		}
		if c.Writer.Written() {
			h.cfg.Log.Error("panic after the response started", "route", route(c), "panic", p)
			panic(http.ErrAbortHandler)
		}
		h.fail(c, fmt.Errorf("panic: %v", p))
	}()
	c.Next()
}
