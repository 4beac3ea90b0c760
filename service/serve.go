package service

import (
	"context"
	"fmt"
	"io"
	"net"
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
	// AdminAddr, when set, serves pprof there (keep it on loopback).
	AdminAddr string
	HTTP      server.Options
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
	if kb, ok := readAhead(existing(cfg.Data)); ok && kb > farReadAheadKB {
		cfg.Log.Warn("the disk of the data directory reads far ahead: a start of a large archive reads much more than it needs; 128 KB is the kernel's default (README, \"Disk read-ahead\")",
			"read_ahead_kb", kb)
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
		Browser: a.Browser(), Suggester: a.Suggester(), Relater: a.Relater(),
		Ingester: a, Deleter: a, Backuper: a, Rebuilder: a, Status: a,
		AdminToken: token, Options: cfg.HTTP, Log: cfg.Log,
	})
	if cfg.AdminAddr != "" {
		stop, err := serveAdmin(ctx, cfg)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
	}
	fmt.Fprintf(cfg.Out, "baosou: serving on http://%s/\n", ln.Addr())
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr().String())
	}
	// On shutdown, long work stops first (a rebuild removes its partial
	// index), so the requests that wait on it end and the drain is quick.
	defer context.AfterFunc(ctx, a.Cancel)()
	if err := server.Run(ctx, ln, h, cfg.HTTP); err != nil {
		return err
	}
	cfg.Log.Info("stopped: requests drained, closing the index and the store")
	return nil
}

// serveAdmin serves pprof on the admin address until ctx ends.
func serveAdmin(ctx context.Context, cfg ServeConfig) (stop func(), err error) {
	ln, err := net.Listen("tcp", cfg.AdminAddr)
	if err != nil {
		return nil, fmt.Errorf("serve: --admin-addr %s: %w", cfg.AdminAddr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := server.Run(ctx, ln, server.AdminHandler(), server.Options{WriteTimeout: 5 * time.Minute}); err != nil {
			cfg.Log.Warn("admin address", "err", err)
		}
	}()
	cfg.Log.Info("pprof on the admin address", "addr", ln.Addr().String())
	return func() { cancel(); <-done }, nil
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
