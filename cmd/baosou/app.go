package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/store"
)

// Data directory layout.
const (
	storeDir     = "store"
	userDictFile = "user-dict.txt" // the operator's words, gse format; optional
)

// app is an open data directory: the store, the index that follows it, and
// the region gazetteer.
type app struct {
	dir   string
	log   *slog.Logger
	store *store.Store
	index *index.Live
	opts  index.Options
	gaz   *region.Gazetteer

	rebuilding sync.Mutex // one rebuild at a time
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
	path, err := index.CurrentDir(dir)
	if err != nil {
		st.Close()
		return nil, err
	}
	idx, err := index.Open(path, opts)
	if err != nil {
		st.Close()
		return nil, err
	}
	a := &app{dir: dir, log: log, store: st, index: index.NewLive(idx), opts: opts, gaz: gaz}
	if err := ingest.CatchUp(ctx, st, idx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// errRebuilding is returned while another rebuild runs.
var errRebuilding = fmt.Errorf("%w: a rebuild is already running", search.ErrConflict)

// rebuild builds a new index from the store and swaps it in: requests in
// flight finish on the old index, later ones use the new one.
func (a *app) Rebuild(ctx context.Context) (uint64, error) {
	if !a.rebuilding.TryLock() {
		return 0, errRebuilding
	}
	defer a.rebuilding.Unlock()
	idx, n, err := buildIndex(ctx, a.dir, a.store, a.opts)
	if err != nil {
		return 0, err
	}
	if err := a.index.Swap(idx).Close(); err != nil {
		a.log.Warn("close the replaced index", "err", err)
	}
	return n, index.RemoveOthers(a.dir, idx.Dir())
}

// buildIndex builds a complete index of st in a new directory and makes it
// the current one. The caller closes the returned index.
func buildIndex(ctx context.Context, data string, st *store.Store, opts index.Options) (*index.Index, uint64, error) {
	dir := index.NewDir(data)
	idx, err := index.Open(dir, opts)
	if err != nil {
		return nil, 0, err
	}
	n, err := ingest.Rebuild(ctx, st, idx)
	if err == nil {
		err = index.MakeCurrent(data, dir)
	}
	if err != nil {
		idx.Close()
		os.RemoveAll(dir)
		return nil, 0, fmt.Errorf("rebuild: %w", err)
	}
	return idx, n, nil
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
