package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/store"
)

// Data directory layout.
const (
	StoreDir     = "store"
	CacheDir     = "cache"            // derived files that only make a start faster (segmenter snapshots); safe to delete
	UserDictFile = index.UserDictFile // the operator's words, gse format; optional
	uploadDir    = "uploads"          // inputs handed to a server, while it reads them
)

// ErrNoData means the data directory holds no archive (and Config.Create
// was not set): a typo in --data must not create an empty archive.
var ErrNoData = errors.New("no baosou data")

// Config says how to open a data directory.
type Config struct {
	Dir string
	// Create makes the data directory when it does not exist (ingest,
	// restore); otherwise a missing one is ErrNoData.
	Create bool
	// AutoRebuild rebuilds an index that must be replaced in the
	// background while the old one serves (a server); without it such an
	// index is rebuilt before Open returns, unless it can still answer.
	AutoRebuild bool
	// Serves says searches are answered from the archive while it writes
	// (a server): an ingest then keeps the index's pages resident for
	// them, and releases only the store's (see release.go).
	Serves bool
	// ReleaseEvery is how often bulk writes release the pages of the
	// files they map (release.go): 0 is DefaultReleaseEvery, negative never.
	ReleaseEvery time.Duration
	Snippet      SnippetOptions
	// SearchTimeout bounds one search (index.Options.Timeout).
	SearchTimeout time.Duration
	// Searches is how many searches run at once (index.Options.Searches).
	Searches int
	// Progress reports long work (rebuild); nil reports nothing.
	Progress Progress
	Log      *slog.Logger
}

// SnippetOptions shape highlighted snippets.
type SnippetOptions struct{ Chars, Count int }

// Progress is told how long work advances.
type Progress interface {
	// Start begins a task of total units (0: unknown) of unit (progress.Bytes, progress.Changes).
	Start(task, unit string, total int64)
	// Set reports units done so far.
	Set(done int64)
	Done()
}

// Archive is an open data directory. Safe for concurrent use.
type Archive struct {
	cfg   Config
	log   *slog.Logger
	store *store.Store
	gaz   *region.Gazetteer
	live  *index.Live
	ix    *ingest.Indexer
	early *earlyIndex // the index opened while the store opened, until openIndex takes it

	life   context.Context // ends at Close or Cancel: stops background work
	cancel context.CancelFunc
	wg     sync.WaitGroup

	ingesting  sync.Mutex // one write (ingest, take-down) at a time: reprint merging sees what the last stored
	rebuilding sync.Mutex // one rebuild at a time
	rebuildOn  atomic.Bool
	stale      atomic.Value // string: why the serving index must be replaced, "" if current
	counters   counters
	// stored counts the store's articles: read once after a start
	// (countStored), then kept by ingests and take-downs, since /readyz
	// and /metrics ask often.
	stored  atomic.Int64
	counted bool // stored holds the count; guarded by ingesting

	// Start-up work deferred until the first search is answered (see
	// deferStartWork): searched is closed then, or after startQuiet.
	searched    chan struct{}
	wakeOnce    sync.Once
	wantSuggest atomic.Bool // Suggester was called: build the words then
}

type counters struct {
	ingested, ingestRuns, rebuilds, rebuildFailures, deleted atomic.Uint64
	lastRebuild                                              atomic.Int64 // nanoseconds
}

// Open opens the data directory cfg.Dir, repairing what a crash may have
// left (a truncated INDEX pointer, an unfinished index, an index ahead of
// the store) and bringing the index up to date with the store.
func Open(ctx context.Context, cfg Config) (*Archive, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if err := checkDir(cfg); err != nil {
		return nil, err
	}
	start := time.Now()
	// Opening Badger (its tables and value log) needs nothing the index
	// needs until the index catches up with the store, so on two cores it
	// overlaps the gazetteer, the segmenter and Bleve's open.
	type opened struct {
		st   *store.Store
		err  error
		took time.Duration
	}
	storeDone := make(chan opened, 1)
	go func() {
		st, err := store.Open(filepath.Join(cfg.Dir, StoreDir), cfg.Log)
		storeDone <- opened{st, err, time.Since(start)}
	}()
	a := &Archive{cfg: cfg, log: cfg.Log, searched: make(chan struct{})}
	err := a.prepareIndex()
	o := <-storeDone
	if o.err != nil || err != nil {
		if o.st != nil {
			o.st.Close()
		}
		a.early.close()
		// The store's error first: it says when another process holds
		// the data directory.
		return nil, errors.Join(o.err, err)
	}
	a.store = o.st
	cfg.Log.Debug("start: store open", "took", o.took)
	a.stale.Store("")
	a.life, a.cancel = context.WithCancel(context.WithoutCancel(ctx))
	// Inputs a server was reading when it stopped: their articles are in
	// the store or were never acknowledged.
	if err := os.RemoveAll(filepath.Join(cfg.Dir, uploadDir)); err != nil {
		cfg.Log.Warn("remove leftover uploads", "err", err)
	}
	if err := a.openIndex(ctx); err != nil {
		a.cancel()
		a.store.Close()
		return nil, err
	}
	cfg.Log.Debug("start: archive open", "took", time.Since(start))
	a.wg.Add(1)
	go a.deferStartWork()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.ix.Run(a.life, time.Second, func(err error) { a.log.Error("index catch-up", "err", err) })
	}()
	return a, nil
}

func checkDir(cfg Config) error {
	if cfg.Create {
		if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
			return fmt.Errorf("create data directory: %w", err)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(cfg.Dir, StoreDir)); err != nil {
		return fmt.Errorf("%w in %s (run `baosou ingest` first, or pass --data)", ErrNoData, cfg.Dir)
	}
	return nil
}

// Close stops background work (a running rebuild is cancelled and its
// directory removed) and closes the index and the store.
func (a *Archive) Close() error {
	a.cancel()
	a.wg.Wait()
	a.rebuilding.Lock() // a rebuild run by a caller has cleaned up
	defer a.rebuilding.Unlock()
	return errors.Join(a.live.Close(), a.store.Close())
}

// Cancel stops long work in progress (rebuilds, ingests) without closing:
// the first step of a graceful shutdown, before requests drain.
func (a *Archive) Cancel() { a.cancel() }

// Searcher answers searches from the serving index.
func (a *Archive) Searcher() search.Searcher { return firstSearch{a} }

// firstSearch lets the deferred start-up work begin once a search has
// been answered.
type firstSearch struct{ a *Archive }

func (f firstSearch) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	r, err := f.a.live.Search(ctx, req)
	f.a.wake()
	return r, err
}

// Analyzer shows how the serving index cuts text.
func (a *Archive) Analyzer() search.Analyzer { return a.live }

// Store is the archive's store (articles by id).
func (a *Archive) Store() *store.Store { return a.store }

// Dir is the data directory.
func (a *Archive) Dir() string { return a.cfg.Dir }

// indexOptions reads the data directory's user dictionary afresh: a
// rebuild picks up the operator's edits.
func (a *Archive) indexOptions() (index.Options, error) {
	user, err := ReadUserDict(a.cfg.Dir)
	if err != nil {
		return index.Options{}, err
	}
	return index.Options{
		ResolveRegion: a.gaz.Resolve, SnippetChars: a.cfg.Snippet.Chars, Snippets: a.cfg.Snippet.Count,
		UserDict: user, Timeout: a.cfg.SearchTimeout, Searches: a.cfg.Searches, SegmenterCache: filepath.Join(a.cfg.Dir, CacheDir), Log: a.log,
	}, nil
}

// ReadUserDict returns the operator's dictionary of the data directory, or
// nil when it has none.
func ReadUserDict(dir string) ([]byte, error) {
	data, _, err := index.ReadUserDict(dir)
	return data, err
}

// wantVersion is the layout and analyzer a new index would have. Only
// the dictionaries' hash is needed: a start whose index has an older
// dictionary does not wait for the new one to load.
func wantVersion(opts index.Options) (layout, analyzer string, err error) {
	analyzer, err = index.AnalyzerVersion(opts.UserDict)
	if err != nil {
		return "", "", err
	}
	return index.IndexLayout, analyzer, nil
}

// countStored reads the number of the store's articles once. The store
// keeps it, but one written by an older baosou is counted by a scan of
// every article the first time (seconds at a million articles), which a
// start should not wait for. It runs with the deferred start-up work (see deferStartWork),
// or before the first write if that comes first: writes hold ingesting,
// so their changes to the count are neither lost nor counted twice.
func (a *Archive) countStored() {
	a.ingesting.Lock()
	defer a.ingesting.Unlock()
	a.countStoredLocked()
}

// countStoredLocked is countStored with ingesting held.
func (a *Archive) countStoredLocked() {
	if a.counted {
		return
	}
	n, err := a.store.Count(a.life)
	if err != nil {
		if a.life.Err() == nil { // not closing
			a.log.Warn("count the stored articles", "err", err)
		}
		return
	}
	a.stored.Store(int64(n))
	a.counted = true
}

// startQuiet is how long after Open the deferred start-up work waits for
// the first search to be answered before it starts anyway.
const startQuiet = 2 * time.Second

// deferStartWork runs the work a start does not need for its first answer
// (counting the stored articles, reading the facet columns, building the
// suggestion words: seconds of CPU and hundreds of MB read on a large archive) once the first search has been answered, or
// after startQuiet: on two cores, run at once, it would slow that first
// answer down.
func (a *Archive) deferStartWork() {
	defer a.wg.Done()
	t := time.NewTimer(startQuiet)
	defer t.Stop()
	select {
	case <-a.searched:
	case <-t.C:
	case <-a.life.Done():
		return
	}
	a.wake() // Suggester reads it
	a.live.WarmFacets()
	if a.wantSuggest.Load() {
		a.live.WarmSuggestions()
	}
	a.countStored()
}

// wake lets the deferred start-up work begin.
func (a *Archive) wake() { a.wakeOnce.Do(func() { close(a.searched) }) }

// woken reports whether the deferred start-up work has begun.
func (a *Archive) woken() bool {
	select {
	case <-a.searched:
		return true
	default:
		return false
	}
}
