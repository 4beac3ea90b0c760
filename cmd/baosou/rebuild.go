package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/store"
)

// runRebuild builds a new index from the store in a new directory and
// makes it current (see indexdir.go), so a crash mid-rebuild leaves the old
// index in place. When a server holds the data directory, it asks that
// server to rebuild and swap, and the server keeps answering meanwhile.
func runRebuild(ctx context.Context, cfg config, out io.Writer) error {
	if err := requireData(cfg.Data); err != nil {
		return err
	}
	log := newLogger(cfg, os.Stderr)
	start := time.Now()
	gaz, err := region.Default()
	if err != nil {
		return err
	}
	st, err := store.Open(filepath.Join(cfg.Data, storeDir), log)
	if errors.Is(err, store.ErrLocked) {
		return rebuildViaServer(ctx, cfg.Data, out)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	opts, err := indexOptions(cfg.Data, gaz, cfg.Snippet, log)
	if err != nil {
		return err
	}
	idx, n, err := buildIndex(ctx, cfg.Data, st, opts)
	if err != nil {
		return err
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	if err := index.RemoveOthers(cfg.Data, idx.Dir()); err != nil {
		return err
	}
	fmt.Fprintf(out, "rebuilt index: %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
