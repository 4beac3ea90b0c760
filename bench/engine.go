package bench

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// engine is how the harness drives one search engine: two commands.
type engine struct {
	name     string
	dataDir  string // everything ingest writes
	storeDir string // the part of dataDir that is not index ("" = none)
	ingest   []string
	serve    func(addr string) []string
	records  func(stdout []byte) (records int, err error)
	facets   bool // answers with facets unless asked facets=0
	suggest  bool // serves /api/suggest
}

func (cfg *RunConfig) engines(ctx context.Context) ([]engine, error) {
	bin := cfg.Baosou
	if bin == "" {
		bin = filepath.Join(cfg.Work, "bin", "baosou")
		cfg.Log.Info("building baosou", "out", bin)
		// -buildvcs=auto: stamp the git revision (read back by
		// describeBinary) even where GOFLAGS turns it off.
		build := exec.CommandContext(ctx, "go", "build", "-buildvcs=auto", "-o", bin, "github.com/baosou/baosou/cmd/baosou")
		if msg, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build baosou (or pass --baosou): %w: %s", err, msg)
		}
	}
	cfg.baosouBuild = describeBinary(bin)
	data := filepath.Join(cfg.Work, "baosou-data")
	es := []engine{{
		name: "Baosou", dataDir: data, storeDir: filepath.Join(data, "store"), facets: true, suggest: true,
		ingest: []string{bin, "--data", data, "ingest", "--json", cfg.Corpus},
		serve:  func(addr string) []string { return []string{bin, "--data", data, "serve", "--addr", addr} },
		records: func(stdout []byte) (int, error) {
			var s struct{ Added, Updated, Unchanged, Merged, Rejected int }
			if err := json.Unmarshal(stdout, &s); err != nil {
				return 0, fmt.Errorf("ingest summary %q: %w", stdout, err)
			}
			return s.Added + s.Updated + s.Unchanged + s.Merged + s.Rejected, nil
		},
	}}
	if cfg.SkipPeer {
		return es, nil
	}
	self := cfg.Self
	if self == "" {
		var err error
		if self, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	idx := filepath.Join(cfg.Work, "peer-index")
	return append(es, engine{
		name: "peer", dataDir: idx,
		ingest: []string{self, "peer-ingest", "--index", idx, "--batch", fmt.Sprint(PeerBatch), cfg.Corpus},
		serve:  func(addr string) []string { return []string{self, "peer-serve", "--index", idx, "--addr", addr} },
		records: func(stdout []byte) (int, error) {
			var s peerIngestSummary
			if err := json.Unmarshal(stdout, &s); err != nil {
				return 0, fmt.Errorf("peer ingest summary %q: %w", stdout, err)
			}
			return s.Docs + s.Rejected, nil
		},
	}), nil
}

// ingest runs the engine's ingest, or reuses what an earlier run left in
// the work directory.
func (cfg *RunConfig) ingest(ctx context.Context, e engine) (IngestFigures, error) {
	saved := filepath.Join(cfg.Work, e.name+"-ingest.json")
	if cfg.Reuse {
		if fig, err := loadIngest(saved, e.dataDir); err == nil {
			if fig.Corpus != cfg.Corpus {
				cfg.Log.Warn("reused data was ingested from another corpus", "engine", e.name, "was", fig.Corpus)
			}
			fig.Reused = true
			return fig, nil
		}
	}
	if err := os.RemoveAll(e.dataDir); err != nil {
		return IngestFigures{}, err
	}
	cfg.Log.Info("ingest", "engine", e.name, "corpus", cfg.Corpus)
	res, err := runMeasured(ctx, filepath.Join(cfg.Work, "logs", e.name+"-ingest.log"), e.ingest)
	if err != nil {
		return IngestFigures{}, err
	}
	n, err := e.records(res.Stdout)
	if err != nil {
		return IngestFigures{}, err
	}
	fig := IngestFigures{
		Corpus: cfg.Corpus, Records: n, WallS: res.Wall.Seconds(),
		DocsPerS: float64(n) / res.Wall.Seconds(), PeakRSSKiB: res.MaxRSSKiB,
		PeakAnonKiB: res.Peak.Anon, PeakFileKiB: res.Peak.File, CPUS: res.CPU.Seconds(),
	}
	data, _ := json.MarshalIndent(fig, "", "  ")
	if err := os.WriteFile(saved, data, 0o644); err != nil {
		return fig, err
	}
	return fig, nil
}

func loadIngest(saved, dataDir string) (IngestFigures, error) {
	var fig IngestFigures
	if _, err := os.Stat(dataDir); err != nil {
		return fig, err
	}
	data, err := os.ReadFile(saved)
	if err != nil {
		return fig, err
	}
	return fig, json.Unmarshal(data, &fig)
}

// describeBinary names the build of a Go binary: its path and the VCS
// revision Go stamped into it, so a report says which Baosou it measured.
func describeBinary(path string) BinaryInfo {
	info := BinaryInfo{Path: path}
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return info
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}
