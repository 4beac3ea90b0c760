package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou"
	"github.com/baosou/baosou/archive"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/server"
)

// ServeConfig is what `baosou serve` needs beyond Config.
type ServeConfig struct {
	Config
	Addr string
	// Ready, when not nil, is told the address served once it answers
	// (and the bundled sample, if loaded, is in).
	Ready func(addr string)
	// Out receives the few lines a user should see (where it serves).
	Out io.Writer
}

// Serve opens the data directory, serves it over HTTP until ctx ends, and
// shuts down gracefully: long work (a rebuild, ingests) is cancelled and
// cleaned up, requests in flight drain, the index and store close. It
// returns nil after a clean shutdown.
func Serve(ctx context.Context, cfg ServeConfig) error {
	seed := false
	if cfg.SeedSample {
		if _, err := os.Stat(cfg.Data); os.IsNotExist(err) {
			seed = true
		}
	}
	a, err := archive.Open(ctx, cfg.archive(seed, true))
	if err != nil {
		return err
	}
	defer a.Close()
	if seed {
		sum, err := ingestSample(ctx, a)
		if err != nil {
			return fmt.Errorf("load the bundled sample: %w", err)
		}
		fmt.Fprintf(cfg.Out, "baosou: no data directory given; loaded the bundled sample (%d articles) into %s\n", sum.Added, cfg.Data)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: --addr %s: %w", cfg.Addr, err)
	}
	token, err := newToken()
	if err != nil {
		ln.Close()
		return err
	}
	if err := writeServeInfo(cfg.Data, serveInfo{Addr: ln.Addr().String(), Token: token, PID: os.Getpid()}); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(filepath.Join(cfg.Data, serveFile))
	h := server.New(server.Config{
		Searcher: a.Searcher(), Articles: a.Store(), Analyzer: a.Analyzer(),
		Rebuilder: a, AdminToken: token, Log: cfg.Log,
	})
	fmt.Fprintf(cfg.Out, "baosou: serving on http://%s/\n", ln.Addr())
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	return run(ctx, ln, h, a)
}

func run(ctx context.Context, ln net.Listener, h http.Handler, a *archive.Archive) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Cancel()
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ingestSample loads the bundled sample (baosou.SampleFS, from
// testdata/sample) so `baosou serve` on a fresh clone has something to
// search.
func ingestSample(ctx context.Context, a *archive.Archive) (ingest.Summary, error) {
	tmp, err := os.MkdirTemp("", "baosou-sample-")
	if err != nil {
		return ingest.Summary{}, err
	}
	defer os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, baosou.SampleFS()); err != nil {
		return ingest.Summary{}, err
	}
	return a.IngestFiles(ctx, []string{tmp}, false)
}
