package archive

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
)

// openIndex finds the index to serve and decides whether it must be
// replaced. What it may find, and what it does:
//   - a current index: serve it, catching up with the store;
//   - an index of an older dictionary: serve it (it answers with its own
//     dictionary), and rebuild;
//   - an index this code cannot read (another layout), or none complete:
//     serve nothing until the rebuild is done;
//   - an index ahead of the store (the store lost writes in a crash):
//     serve it as it is, hold it, and rebuild;
//   - an INDEX pointer a power loss truncated: fall back to the newest
//     complete index and rewrite the pointer.
func (a *Archive) openIndex(ctx context.Context) error {
	if err := index.RemoveAbandoned(a.cfg.Dir, ""); err != nil {
		a.log.Warn("remove an unfinished index", "err", err)
	}
	start := time.Now()
	var x *index.Index
	var why string
	var err error
	if early := a.early; early != nil {
		a.early = nil
		x, why, err = early.x, early.why, early.err
	} else {
		x, why, err = a.openCurrent()
	}
	if err != nil {
		return err
	}
	a.log.Debug("start: index open", "took", time.Since(start), "why", why)
	a.live = index.NewLive(x)
	a.ix = ingest.NewIndexer(a.store, a.live)
	if x == nil && why == "" {
		// A new data directory: building an empty index takes no time.
		_, err := a.rebuild(ctx, "create the index")
		return err
	}
	if x != nil {
		if err := a.ix.CatchUp(ctx); errors.Is(err, ingest.ErrAhead) {
			a.ix.Hold(true)
			why = err.Error()
		} else if err != nil {
			a.live.Close()
			return err
		}
	}
	if why == "" {
		return nil
	}
	a.stale.Store(why)
	a.log.Warn("the index must be rebuilt", "why", why, "serving", x != nil)
	if a.cfg.AutoRebuild {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			if _, err := a.Rebuild(a.life); err != nil && a.life.Err() == nil {
				a.log.Error("rebuild", "err", err)
			}
		}()
		return nil
	}
	if x != nil && !a.ix.Held() {
		return nil // an older dictionary still answers; `baosou rebuild` replaces it
	}
	_, err = a.rebuild(ctx, why)
	return err
}

// prepareIndex loads what opening the index needs (the region gazetteer,
// the segmenter) while the store opens. It runs before the store's lock
// says this process owns the data directory, so it changes nothing there
// but the segmenter snapshot in the cache (written atomically, the same
// bytes whoever writes them).
func (a *Archive) prepareIndex() error {
	start := time.Now()
	user, err := ReadUserDict(a.cfg.Dir)
	if err != nil {
		return err
	}
	if dir, _, err := index.CurrentDir(a.cfg.Dir); err == nil {
		// It loads the gazetteer too. Open loads the segmenter anyway,
		// and reports what fails.
		if err := index.LoadSegmenter(dir, user, filepath.Join(a.cfg.Dir, CacheDir), a.log); err != nil {
			a.log.Debug("start: load the segmenter ahead", "err", err)
		}
	}
	gaz, err := region.Default()
	if err != nil {
		return err
	}
	a.gaz = gaz
	a.log.Debug("start: region gazetteer and segmenter loaded", "took", time.Since(start))
	a.early = a.openEarly()
	return nil
}

// earlyIndex is the current index, or why it cannot serve, found while
// the store opened.
type earlyIndex struct {
	x   *index.Index
	why string
	err error
}

// openEarly opens the current index while the store opens: Badger opens
// every table of a large store (1.7 s of a cold start at 505k articles),
// and Bleve every segment, and neither needs the other until the index
// catches up with the store. Opening changes nothing on disk; an INDEX
// pointer to repair is left to openIndex, once the store's lock says this
// process owns the data directory. Another process holding the index
// makes this fail after Bleve's lock timeout; the store's error says why.
func (a *Archive) openEarly() *earlyIndex {
	if _, repaired, err := index.CurrentDir(a.cfg.Dir); err != nil || repaired {
		return nil
	}
	start := time.Now()
	x, why, err := a.openCurrent()
	a.log.Debug("start: index opened beside the store", "took", time.Since(start), "err", err)
	return &earlyIndex{x: x, why: why, err: err}
}

// close closes an index opened early that will not serve.
func (e *earlyIndex) close() {
	if e != nil && e.x != nil {
		e.x.Close()
	}
}

// openCurrent opens the index INDEX names. It returns a nil index and an
// empty reason for a data directory without one, and a nil index and a
// reason when the only index cannot be read by this code; an index of an
// older dictionary comes with the reason it should be rebuilt.
func (a *Archive) openCurrent() (*index.Index, string, error) {
	opts, err := a.indexOptions()
	if err != nil {
		return nil, "", err
	}
	path, repaired, err := index.CurrentDir(a.cfg.Dir)
	if errors.Is(err, index.ErrNoIndex) {
		return nil, err.Error(), nil
	}
	if err != nil {
		return nil, "", err
	}
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, "", nil
	}
	if repaired {
		a.log.Warn("INDEX was damaged; serving the newest complete index", "dir", path)
		if err := index.MakeCurrent(a.cfg.Dir, path); err != nil {
			return nil, "", err
		}
	}
	x, err := index.Open(path, opts)
	if errors.Is(err, index.ErrVersion) {
		return nil, err.Error(), nil
	}
	if err != nil {
		return nil, "", err
	}
	layout, analyzer, err := wantVersion(opts)
	if err != nil {
		x.Close()
		return nil, "", err
	}
	if gotL, gotA := x.Version(); gotL != layout || gotA != analyzer {
		return x, fmt.Sprintf("the index was built with analyzer %s; the data directory's dictionaries now give %s", gotA, analyzer), nil
	}
	return x, "", nil
}
