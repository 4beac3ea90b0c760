package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Options bounds what one server and its clients may take. A zero field
// means its DefaultOptions value.
type Options struct {
	// http.Server timeouts: a slow or idle client cannot hold a
	// connection for ever.
	ReadTimeout       time.Duration // whole request, body included (default 30s)
	ReadHeaderTimeout time.Duration // request headers (default 10s)
	WriteTimeout      time.Duration // from the end of the headers to the end of the response (default 60s)
	IdleTimeout       time.Duration // a kept-alive connection between requests (default 120s)
	MaxHeaderBytes    int           // default 64 KiB
	// ShutdownTimeout is how long Run lets in-flight requests finish after
	// its context ends before it closes their connections (default 30s).
	ShutdownTimeout time.Duration
	// MaxConcurrent requests are served at once (default 64); one more
	// waits up to QueueWait (default 100ms) and is then answered 503.
	// Health, readiness and metrics are not counted.
	MaxConcurrent int
	QueueWait     time.Duration
	// RequestTimeout cancels a search, article or page request that runs
	// longer (default 10s); admin endpoints have none.
	RequestTimeout time.Duration
	// MaxIngestBytes bounds one POST /api/articles body (default 1 GiB).
	MaxIngestBytes int64
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{
		ReadTimeout:       30 * time.Second,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ShutdownTimeout:   30 * time.Second,
		MaxConcurrent:     64,
		QueueWait:         100 * time.Millisecond,
		RequestTimeout:    10 * time.Second,
		MaxIngestBytes:    1 << 30,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	orDefault(&o.ReadTimeout, d.ReadTimeout)
	orDefault(&o.ReadHeaderTimeout, d.ReadHeaderTimeout)
	orDefault(&o.WriteTimeout, d.WriteTimeout)
	orDefault(&o.IdleTimeout, d.IdleTimeout)
	orDefault(&o.MaxHeaderBytes, d.MaxHeaderBytes)
	orDefault(&o.ShutdownTimeout, d.ShutdownTimeout)
	orDefault(&o.MaxConcurrent, d.MaxConcurrent)
	orDefault(&o.QueueWait, d.QueueWait)
	orDefault(&o.RequestTimeout, d.RequestTimeout)
	orDefault(&o.MaxIngestBytes, d.MaxIngestBytes)
	return o
}

func orDefault[T comparable](v *T, d T) {
	var zero T
	if *v == zero {
		*v = d
	}
}

// Validate reports every option out of range, each by name, as the errors
// of one error. Zero fields count as their defaults.
func (o Options) Validate() error {
	o = o.withDefaults()
	var errs []error
	bad := func(name string, v any, why string) {
		errs = append(errs, fmt.Errorf("server option %s = %v: %s", name, v, why))
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"ReadTimeout", o.ReadTimeout}, {"ReadHeaderTimeout", o.ReadHeaderTimeout},
		{"WriteTimeout", o.WriteTimeout}, {"IdleTimeout", o.IdleTimeout},
		{"ShutdownTimeout", o.ShutdownTimeout}, {"QueueWait", o.QueueWait},
		{"RequestTimeout", o.RequestTimeout},
	} {
		if d.v < 0 {
			bad(d.name, d.v, "must not be negative")
		}
	}
	if o.MaxHeaderBytes < 4<<10 {
		bad("MaxHeaderBytes", o.MaxHeaderBytes, "must be at least 4096 (browsers send kilobytes of headers)")
	}
	if o.MaxConcurrent < 1 {
		bad("MaxConcurrent", o.MaxConcurrent, "must be 1 or more")
	}
	if o.MaxIngestBytes < 1 {
		bad("MaxIngestBytes", o.MaxIngestBytes, "must be 1 or more")
	}
	if o.ReadHeaderTimeout > o.ReadTimeout {
		bad("ReadHeaderTimeout", o.ReadHeaderTimeout, fmt.Sprintf("must not exceed ReadTimeout (%s)", o.ReadTimeout))
	}
	if o.RequestTimeout >= o.WriteTimeout {
		// Otherwise the connection is cut before the 504 can be written.
		bad("RequestTimeout", o.RequestTimeout, fmt.Sprintf("must be shorter than WriteTimeout (%s)", o.WriteTimeout))
	}
	return errors.Join(errs...)
}

// Run serves h on ln with o's timeouts until ctx ends, then shuts down
// gracefully: it stops accepting, lets in-flight requests finish for up to
// o.ShutdownTimeout and then closes what is left. It returns nil after a
// clean shutdown.
func Run(ctx context.Context, ln net.Listener, h http.Handler, o Options) error {
	if err := o.Validate(); err != nil {
		ln.Close()
		return err
	}
	o = o.withDefaults()
	srv := &http.Server{
		Handler:           h,
		ReadTimeout:       o.ReadTimeout,
		ReadHeaderTimeout: o.ReadHeaderTimeout,
		WriteTimeout:      o.WriteTimeout,
		IdleTimeout:       o.IdleTimeout,
		MaxHeaderBytes:    o.MaxHeaderBytes,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err // Serve never returns nil
	case <-ctx.Done():
	}
	drain, cancel := context.WithTimeout(context.WithoutCancel(ctx), o.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(drain)
	if err != nil {
		// Requests still running after the drain: cut them off.
		err = fmt.Errorf("shutdown after %s: %w; closing the remaining connections", o.ShutdownTimeout, err)
		err = errors.Join(err, srv.Close())
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
