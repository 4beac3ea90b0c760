package archive

import (
	"context"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/internal/resident"
)

// DefaultReleaseEvery is how often bulk writes release the pages of the files
// they map (package resident). Often enough that Badger's tables do not
// pile up in the resident set between two releases (an ingest writes
// about 3 MiB of them a second); seldom enough that a page is rarely
// released just before it is read again.
const DefaultReleaseEvery = 10 * time.Second

// releaseWhile releases, until the returned stop is called, the pages of
// the store's files and of the index directories given: Badger keeps every
// page it wrote resident otherwise (1.7 GiB at 505k articles). A server
// passes no index directory it searches.
func (a *Archive) releaseWhile(ctx context.Context, indexDirs ...string) (stop func()) {
	every := a.cfg.ReleaseEvery
	switch {
	case every < 0:
		return func() {}
	case every == 0:
		every = DefaultReleaseEvery
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	dirs := append([]string{filepath.Join(a.cfg.Dir, StoreDir)}, indexDirs...)
	go func() {
		defer close(done)
		resident.Every(ctx, every, a.log, dirs...)
	}()
	return func() { cancel(); <-done }
}

// releasableIndexDirs is what an ingest may release of the index: all of the
// data directory's index directories for a command, none for a server,
// whose searches read them.
func (a *Archive) releasableIndexDirs() []string {
	if a.cfg.Serves {
		return nil
	}
	dirs, _ := filepath.Glob(filepath.Join(a.cfg.Dir, "index*"))
	return dirs
}
