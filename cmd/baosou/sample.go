package main

import (
	"context"
	"os"

	"github.com/baosou/baosou"
	"github.com/baosou/baosou/ingest"
)

// ingestSample loads the bundled sample (baosou.SampleFS, from
// testdata/sample) so `baosou serve` on a fresh clone has something to
// search.
func ingestSample(ctx context.Context, a *app) (ingest.Summary, error) {
	tmp, err := os.MkdirTemp("", "baosou-sample-")
	if err != nil {
		return ingest.Summary{}, err
	}
	defer os.RemoveAll(tmp)
	if err := os.CopyFS(tmp, baosou.SampleFS()); err != nil {
		return ingest.Summary{}, err
	}
	return a.ingest(ctx, []string{tmp}, false)
}
