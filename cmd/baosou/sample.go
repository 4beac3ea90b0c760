package main

import (
	"context"
	"embed"
	"os"
	"path/filepath"

	"github.com/baosou/baosou/ingest"
)

// sampleFS is the bundled sample: a few hundred real 人民日报 articles and
// the 中国妇女报 page the project started from, so `baosou serve` on a
// fresh clone has something to search.
//
//go:embed sample
var sampleFS embed.FS

func ingestSample(ctx context.Context, a *app) (ingest.Summary, error) {
	tmp, err := os.MkdirTemp("", "baosou-sample-")
	if err != nil {
		return ingest.Summary{}, err
	}
	defer os.RemoveAll(tmp)
	entries, err := sampleFS.ReadDir("sample")
	if err != nil {
		return ingest.Summary{}, err
	}
	for _, e := range entries {
		data, err := sampleFS.ReadFile("sample/" + e.Name())
		if err != nil {
			return ingest.Summary{}, err
		}
		if err := os.WriteFile(filepath.Join(tmp, e.Name()), data, 0o644); err != nil {
			return ingest.Summary{}, err
		}
	}
	return a.ingest(ctx, []string{tmp}, false)
}
