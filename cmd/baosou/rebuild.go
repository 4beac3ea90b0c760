package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/store"
)

// runRebuild builds a new index beside the current one from the store and
// swaps it in by renaming, so a crash mid-rebuild leaves the old index in
// place and a half-built one that the next rebuild removes.
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
	if err != nil {
		return err
	}
	defer st.Close()
	live := filepath.Join(cfg.Data, indexDir)
	next := live + ".rebuild"
	if err := os.RemoveAll(next); err != nil {
		return fmt.Errorf("rebuild: remove leftover %s: %w", next, err)
	}
	opts, err := indexOptions(cfg.Data, gaz, cfg.Snippet, log)
	if err != nil {
		return err
	}
	idx, err := index.Open(next, opts)
	if err != nil {
		return err
	}
	n, err := ingest.Rebuild(ctx, st, idx)
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	old := live + ".old"
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	if err := os.Rename(live, old); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("rebuild: set aside the old index: %w", err)
	}
	if err := os.Rename(next, live); err != nil {
		return fmt.Errorf("rebuild: swap in the new index: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("rebuild: remove the old index: %w", err)
	}
	fmt.Fprintf(out, "rebuilt index: %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
