package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/service"
)

func runIngest(ctx context.Context, cfg config, paths []string, out, errw io.Writer) error {
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	sum, runErr := service.Ingest(ctx, sc, paths, cfg.Strict)
	printSummary(out, sum, cfg.JSON)
	return runErr
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
	if sum.ProblemsOmitted > 0 {
		fmt.Fprintf(out, "rejected: … and %d more (each is in the log at warn level)\n", sum.ProblemsOmitted)
	}
	fmt.Fprintf(out, "files %d: added %d, updated %d, unchanged %d, merged %d, rejected %d\n",
		sum.Files, sum.Added, sum.Updated, sum.Unchanged, sum.Merged, sum.Rejected)
	if sum.Withheld > 0 {
		fmt.Fprintf(out, "withheld (taken down): %d\n", sum.Withheld)
	}
	if sum.Layouts > 0 {
		fmt.Fprintf(out, "layout pages read: %d; stored articles given their section: %d\n", sum.Layouts, sum.Sectioned)
	}
}
