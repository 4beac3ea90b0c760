package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/baosou/baosou/archive"
	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/store"
)

// with runs local on the archive in cfg.Data, or, when a server holds it,
// remote on a client of that server.
func with(ctx context.Context, cfg Config, create bool, local func(*archive.Archive) error, remote func(*client) error) error {
	a, err := archive.Open(ctx, cfg.archive(create, false))
	if errors.Is(err, store.ErrLocked) {
		info, ierr := readServeInfo(cfg.Data)
		if ierr != nil {
			return ierr
		}
		cfg.Log.Info("handing the work to the server that holds the data directory", "addr", info.Addr)
		return remote(newClient(info))
	}
	if err != nil {
		return err
	}
	defer a.Close()
	return local(a)
}

// Ingest stores the articles of paths (files, or folders of them). When a
// server holds the data directory, each file is streamed to it. With
// strict, the first rejected input stops the ingest.
func Ingest(ctx context.Context, cfg Config, paths []string, strict bool) (ingest.Summary, error) {
	var sum ingest.Summary
	err := with(ctx, cfg, true, func(a *archive.Archive) (err error) {
		sum, err = a.IngestFiles(ctx, paths, strict)
		return err
	}, func(c *client) error {
		files, err := ingest.Expand(paths)
		if err != nil {
			return err
		}
		return ingestRemote(ctx, cfg, c, files, strict, &sum)
	})
	return sum, err
}

func ingestRemote(ctx context.Context, cfg Config, c *client, files []string, strict bool, sum *ingest.Summary) error {
	_, total := ingest.Sizes(files)
	prog := startProgress(cfg.Progress, "ingest", total)
	defer prog.done()
	for _, f := range files {
		s, err := sendFile(ctx, c, f, prog)
		sum.Add(s)
		if err != nil {
			return err
		}
		if strict && s.Rejected > 0 {
			return fmt.Errorf("%s: %d inputs rejected in --strict mode", f, s.Rejected)
		}
	}
	return nil
}

func sendFile(ctx context.Context, c *client, path string, prog *progress) (ingest.Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return ingest.Summary{Files: 1, Rejected: 1, Problems: []ingest.Problem{{File: path, Err: err.Error()}}}, nil
	}
	defer f.Close()
	return c.ingestFile(ctx, path, prog.reader(f))
}

// Rebuild rebuilds the index from the store with the data directory's
// dictionaries, beside the serving one (through the server when one runs).
func Rebuild(ctx context.Context, cfg Config) (articles uint64, viaServer string, err error) {
	err = with(ctx, cfg, false, func(a *archive.Archive) (err error) {
		articles, err = a.Rebuild(ctx)
		return err
	}, func(c *client) (err error) {
		viaServer = c.info.Addr
		articles, err = c.rebuild(ctx)
		return err
	})
	return articles, viaServer, err
}

// Delete takes articles down for good.
func Delete(ctx context.Context, cfg Config, ids []string) (removed int, err error) {
	err = with(ctx, cfg, false, func(a *archive.Archive) (err error) {
		removed, err = a.Delete(ctx, ids)
		return err
	}, func(c *client) (err error) {
		removed, err = c.delete(ctx, ids)
		return err
	})
	return removed, err
}

// Backup writes a backup of the archive to w.
func Backup(ctx context.Context, cfg Config, w io.Writer) error {
	prog := startProgress(cfg.Progress, "backup", 0)
	defer prog.done()
	w = prog.writer(w)
	return with(ctx, cfg, false, func(a *archive.Archive) error {
		return a.Backup(ctx, w)
	}, func(c *client) error {
		return c.backup(ctx, w)
	})
}

// Restore reads a backup into cfg.Data, which must hold no archive yet,
// and builds its index.
func Restore(ctx context.Context, cfg Config, r io.Reader) (int, error) {
	return archive.Restore(ctx, cfg.archive(true, false), r)
}

// Search answers a search from the data directory's index, or from the
// server that holds it.
func Search(ctx context.Context, cfg Config, req search.Request) (*search.Result, error) {
	var res *search.Result
	err := with(ctx, cfg, false, func(a *archive.Archive) (err error) {
		res, err = a.Searcher().Search(ctx, req)
		return err
	}, func(c *client) (err error) {
		res, err = c.search(ctx, req)
		return err
	})
	return res, err
}
