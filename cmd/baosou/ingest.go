package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/ingest"
)

func runIngest(ctx context.Context, cfg config, paths []string, out io.Writer) error {
	log := newLogger(cfg, os.Stderr)
	a, err := openApp(ctx, cfg.Data, cfg.Snippet, log)
	if err != nil {
		return err
	}
	defer a.Close()
	sum, runErr := a.ingest(ctx, paths, cfg.Strict)
	printSummary(out, sum, cfg.JSON)
	return runErr
}

// ingest runs an ingest of paths into the app's store and current index.
func (a *app) ingest(ctx context.Context, paths []string, strict bool) (sum ingest.Summary, err error) {
	err = a.index.With(func(x *index.Index) (err error) {
		in := &ingest.Ingester{Store: a.store, Index: x, Tagger: a.gaz, Log: a.log, Strict: strict}
		sum, err = in.Run(ctx, paths)
		return err
	})
	return sum, err
}

func printSummary(out io.Writer, sum ingest.Summary, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.Encode(sum)
		return
	}
	for _, p := range sum.Problems {
		fmt.Fprintln(out, "rejected:", p)
	}
	fmt.Fprintf(out, "files %d: added %d, updated %d, unchanged %d, merged %d, rejected %d\n",
		sum.Files, sum.Added, sum.Updated, sum.Unchanged, sum.Merged, sum.Rejected)
	if sum.Layouts > 0 {
		fmt.Fprintf(out, "layout pages read: %d; stored articles given their section: %d\n", sum.Layouts, sum.Sectioned)
	}
}
