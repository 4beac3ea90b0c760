package archive

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
)

// ErrRebuilding is returned while another rebuild runs.
var ErrRebuilding = fmt.Errorf("%w: a rebuild is already running", search.ErrConflict)

// Rebuild builds a new index from the store, with the data directory's
// dictionaries as they are now, beside the serving one, and swaps it in:
// searches in flight finish on the old index, later ones use the new one,
// and ingests go on meanwhile. It returns the number of articles indexed.
// When ctx ends (or the archive closes) it stops and removes what it built.
func (a *Archive) Rebuild(ctx context.Context) (uint64, error) {
	return a.rebuild(ctx, "rebuild requested")
}

func (a *Archive) rebuild(ctx context.Context, why string) (uint64, error) {
	if !a.rebuilding.TryLock() {
		return 0, ErrRebuilding
	}
	defer a.rebuilding.Unlock()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	defer context.AfterFunc(a.life, stop)() // Close and Cancel stop a rebuild too
	a.rebuildOn.Store(true)
	defer a.rebuildOn.Store(false)
	start := time.Now()
	a.log.Info("rebuild started", "why", why)
	n, err := a.build(ctx)
	a.counters.lastRebuild.Store(int64(time.Since(start)))
	if err != nil {
		a.counters.rebuildFailures.Add(1)
		return 0, fmt.Errorf("rebuild: %w", err)
	}
	a.counters.rebuilds.Add(1)
	a.stale.Store("")
	a.log.Info("rebuild done", "articles", n, "took", time.Since(start).Round(time.Millisecond))
	return n, nil
}

// build does the work of a rebuild; on failure nothing it made is left.
func (a *Archive) build(ctx context.Context) (uint64, error) {
	opts, err := a.indexOptions()
	if err != nil {
		return 0, err
	}
	dir := index.NewDir(a.cfg.Dir)
	if err := index.MarkBuilding(dir); err != nil {
		return 0, err
	}
	x, err := index.Open(dir, opts)
	if err != nil {
		os.RemoveAll(dir)
		return 0, err
	}
	installed := false
	defer func() {
		if !installed {
			x.Discard()
			os.RemoveAll(dir)
		}
	}()
	// Not searched until installed: its pages can go, as the store's.
	stopRelease := a.releaseWhile(ctx, dir)
	err = ingest.Build(ctx, a.store, x, a.progress("rebuild"))
	stopRelease()
	if err != nil {
		return 0, err
	}
	// The tail written meanwhile is applied as x goes live, then INDEX is
	// switched; the BUILDING mark goes last, so a crash in between falls
	// back to the old index, which is removed only after.
	prev, _, _ := index.CurrentDir(a.cfg.Dir) // the one INDEX names, served or not
	old, err := a.ix.Install(ctx, x)
	if err != nil && old == "" {
		return 0, err
	}
	installed = true
	if err != nil {
		a.log.Warn("close the replaced index", "err", err)
	}
	if err := index.MakeCurrent(a.cfg.Dir, dir); err != nil {
		return 0, err
	}
	if err := index.Finished(dir); err != nil {
		return 0, err
	}
	a.removeReplaced(old, dir)
	if prev != old {
		a.removeReplaced(prev, dir)
	}
	return x.Count()
}

// removeReplaced removes an index directory a rebuild replaced: the one
// that served, or the unreadable one INDEX named. Nothing else.
func (a *Archive) removeReplaced(old, cur string) {
	if old == "" || old == cur || filepath.Dir(old) != filepath.Clean(a.cfg.Dir) || !strings.HasPrefix(filepath.Base(old), "index") {
		return
	}
	if err := os.RemoveAll(old); err != nil {
		a.log.Warn("remove the replaced index", "dir", old, "err", err)
	}
}

// progress returns a progress callback for ingest.Build, or nil.
func (a *Archive) progress(task string) func(done, total uint64) {
	p := a.cfg.Progress
	if p == nil {
		return nil
	}
	started := false
	return func(done, total uint64) {
		if !started {
			p.Start(task, "changes", int64(total))
			started = true
		}
		p.Set(int64(done))
		if done >= total {
			p.Done()
		}
	}
}
