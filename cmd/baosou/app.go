package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/store"
)

// Data directory layout.
const (
	storeDir     = "store"
	indexDir     = "index"
	userDictFile = "user-dict.txt" // the operator's words, gse format; optional
)

// app is an open data directory: the store, the index that follows it, and
// the region gazetteer.
type app struct {
	dir   string
	log   *slog.Logger
	store *store.Store
	index *index.Index
	gaz   *region.Gazetteer
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	if !cfg.Verbose {
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// openApp opens the store and index in dir and brings the index up to date
// with the store (a previous run may have stopped between the two).
func openApp(ctx context.Context, dir string, snip snippetFlags, log *slog.Logger) (*app, error) {
	gaz, err := region.Default()
	if err != nil {
		return nil, err
	}
	st, err := store.Open(filepath.Join(dir, storeDir), log)
	if err != nil {
		return nil, err
	}
	opts, err := indexOptions(dir, gaz, snip, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	idx, err := index.Open(filepath.Join(dir, indexDir), opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	a := &app{dir: dir, log: log, store: st, index: idx, gaz: gaz}
	if err := ingest.CatchUp(ctx, st, idx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func indexOptions(dir string, gaz *region.Gazetteer, snip snippetFlags, log *slog.Logger) (index.Options, error) {
	user, err := readUserDict(dir)
	if err != nil {
		return index.Options{}, err
	}
	return index.Options{ResolveRegion: gaz.Resolve, SnippetChars: snip.Chars, Snippets: snip.Count, UserDict: user, Log: log}, nil
}

// readUserDict returns the operator's dictionary of the data directory, or
// nil when it has none. Editing it changes the analyzer: the index must
// then be rebuilt, and is refused until it is.
func readUserDict(dir string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, userDictFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read user dictionary: %w", err)
	}
	return data, nil
}

func (a *app) Close() error {
	return errors.Join(a.index.Close(), a.store.Close())
}

// requireData refuses to work on a data directory that does not exist,
// rather than creating an empty one by a typo.
func requireData(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, storeDir)); err != nil {
		return fmt.Errorf("no baosou data in %s (run `baosou ingest` first, or pass --data)", dir)
	}
	return nil
}
