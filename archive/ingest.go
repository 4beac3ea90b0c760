package archive

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/internal/ctxio"
	"github.com/baosou/baosou/internal/progress"
)

// IngestFiles ingests files and folders as `baosou ingest` does. Articles
// it reports as stored are durable and searchable when it returns.
func (a *Archive) IngestFiles(ctx context.Context, paths []string, strict bool) (ingest.Summary, error) {
	a.ingesting.Lock()
	defer a.ingesting.Unlock()
	a.countStoredLocked()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	defer context.AfterFunc(a.life, stop)()
	defer a.releaseWhile(ctx, a.releasableIndexDirs()...)()
	prog, progDone := a.fileProgress()
	in := &ingest.Ingester{Store: a.store, Follow: a.ix, Tagger: a.gaz, Log: a.log, Strict: strict, Progress: prog}
	sum, err := in.Run(ctx, paths)
	progDone()
	a.counters.ingestRuns.Add(1)
	a.stored.Add(int64(sum.Added))
	a.counters.ingested.Add(uint64(sum.Added + sum.Updated + sum.Merged + sum.Sectioned))
	if sum.Updated+sum.Merged+sum.Sectioned > 0 {
		a.collectGarbage(ctx)
	}
	return sum, err
}

// collectGarbage gives back the space of replaced or removed articles (see
// store.CollectGarbage). What was written is already safe, so a failure
// is only logged: the space comes back on a later call.
func (a *Archive) collectGarbage(ctx context.Context) {
	start := time.Now()
	n, err := a.store.CollectGarbage(ctx)
	if err != nil && ctx.Err() == nil {
		a.log.Warn("store garbage collection", "err", err)
		return
	}
	a.log.Debug("store garbage collection", "files rewritten", n, "took", time.Since(start))
}

// Ingest ingests one input read from r, named as a file would be (its
// extension says the format: .jsonl, .jsonl.gz, .html …). A server hands
// what clients send here. The input is spooled to the data directory
// first, since e-paper pages are parsed whole and JSON Lines are read with
// their line numbers; problems name the input by name.
func (a *Archive) Ingest(ctx context.Context, name string, r io.Reader) (ingest.Summary, error) {
	base := filepath.Base(filepath.Clean("/" + name))
	if base == "/" || base == "." {
		return ingest.Summary{}, fmt.Errorf("ingest: no input name")
	}
	root := filepath.Join(a.cfg.Dir, uploadDir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return ingest.Summary{}, fmt.Errorf("ingest %s: %w", base, err)
	}
	tmp, err := os.MkdirTemp(root, "in-")
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("ingest %s: %w", base, err)
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, base)
	if err := spool(ctx, path, r); err != nil {
		return ingest.Summary{}, fmt.Errorf("ingest %s: receive: %w", base, err)
	}
	sum, err := a.IngestFiles(ctx, []string{path}, false)
	for i := range sum.Problems {
		sum.Problems[i].File = strings.Replace(sum.Problems[i].File, path, name, 1)
	}
	return sum, err
}

func spool(ctx context.Context, path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, ctxio.Reader(ctx, r))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Delete takes articles down: they leave the index before Delete returns
// and stay out of it, through rebuilds and re-ingests, for good.
func (a *Archive) Delete(ctx context.Context, ids []string) (int, error) {
	a.ingesting.Lock() // writes one at a time, and after the count at start
	defer a.ingesting.Unlock()
	a.countStoredLocked()
	n, err := a.store.Takedown(ctx, ids)
	a.counters.deleted.Add(uint64(n))
	a.stored.Add(-int64(n))
	if err != nil {
		return n, err
	}
	if n > 0 {
		a.collectGarbage(ctx)
	}
	return n, a.ix.CatchUp(ctx)
}

// fileProgress reports the bytes an ingest read of its files to the
// configured Progress, and a func that ends the report.
func (a *Archive) fileProgress() (report func(done, total int64), end func()) {
	p := a.cfg.Progress
	if p == nil {
		return nil, func() {}
	}
	started := false
	report = func(done, total int64) {
		if !started {
			p.Start("ingest", progress.Bytes, total)
			started = true
		}
		p.Set(done)
	}
	return report, func() {
		if started {
			p.Done()
		}
	}
}
