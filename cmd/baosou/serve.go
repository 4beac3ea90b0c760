package main

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

	"github.com/baosou/baosou/server"
)

func runServe(ctx context.Context, cfg config, logw io.Writer) error {
	log := newLogger(cfg, logw)
	seed := false
	if !cfg.DataGiven {
		if _, err := os.Stat(cfg.Data); os.IsNotExist(err) {
			seed = true
		}
	}
	a, err := openApp(ctx, cfg.Data, cfg.Snippet, log)
	if err != nil {
		return err
	}
	defer a.Close()
	if seed {
		sum, err := ingestSample(ctx, a)
		if err != nil {
			return fmt.Errorf("load the bundled sample: %w", err)
		}
		fmt.Fprintf(logw, "baosou: no data directory given; loaded the bundled sample (%d articles) into %s\n", sum.Added, cfg.Data)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: --addr %s: %w", cfg.Addr, err)
	}
	token, err := newToken()
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler: server.New(server.Config{
			Searcher: a.index, Articles: a.store, Analyzer: a.index,
			Rebuilder: a, AdminToken: token, Log: log,
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	if err := writeServeInfo(cfg.Data, serveInfo{Addr: ln.Addr().String(), Token: token}); err != nil {
		ln.Close()
		return err
	}
	defer os.Remove(filepath.Join(cfg.Data, serveFile))
	fmt.Fprintf(logw, "baosou: serving on http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
