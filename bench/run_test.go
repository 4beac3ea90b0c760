package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunSmoke runs the whole harness on a tiny synthetic archive: both
// real binaries built, ingest, serve, two load runs, the report, then a
// second run that reuses the ingested data.
func TestRunSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs both engines")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bins := map[string]string{}
	for _, name := range []string{"baosou", "baosou-bench"} {
		bins[name] = filepath.Join(dir, name)
		build := exec.CommandContext(ctx, "go", "build", "-o", bins[name], "github.com/baosou/baosou/cmd/"+name)
		if msg, err := build.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, msg)
		}
	}
	corpus := filepath.Join(dir, "c.jsonl.gz")
	if err := Scale(ctx, ScaleConfig{In: excerpt, Out: corpus, N: 150, Seed: 1, Holdout: testHoldout}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	cfg := RunConfig{
		Corpus: corpus, Queries: filepath.Join("..", DefaultQueries), Work: filepath.Join(dir, "work"),
		Clients: []int{1, 2}, MaxPerGroup: 2, Warmup: 4, Suggest: true,
		Baosou: bins["baosou"], Self: bins["baosou-bench"], JSONOut: filepath.Join(dir, "report.json"),
	}
	var out bytes.Buffer
	if err := Run(ctx, cfg, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| ingest docs/s |", "| ingest peak RSS, anonymous (MiB) |", "| ingest CPU time (s) |", "| serving Go heap after the runs, in use / held (MiB) |", "### 1 client(s)", "### 2 client(s)", "| **all** | 32 |", "| onechar, filter section | 2 |",
		"### Suggestions, 2 client(s)", "| prefix3 | 2 |", "| n/a |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	rep := readReport(t, cfg.JSONOut)
	if len(rep.Engines) != 2 || rep.Corpus.Records != 150 {
		t.Fatalf("report: %d engines, %d records", len(rep.Engines), rep.Corpus.Records)
	}
	for _, e := range rep.Engines {
		if e.Ingest.Records != 150 || e.Ingest.PeakRSSKiB == 0 || e.IndexBytes == 0 || e.ColdStartS <= 0 || e.ServeRSSKiB == 0 {
			t.Errorf("%s: missing figures: %+v", e.Name, e)
		}
		// The sampled peaks are parts of the resident set: each at most
		// the kernel's peak of the whole.
		in := e.Ingest
		if in.CPUS <= 0 || in.PeakAnonKiB <= 0 || in.PeakAnonKiB > in.PeakRSSKiB || in.PeakFileKiB > in.PeakRSSKiB {
			t.Errorf("%s: ingest CPU and resident set by kind: %+v", e.Name, in)
		}
		// Only Baosou serves Go metrics; its heap in use lies within what it holds.
		if h := e.ServeHeap; (e.Name == "Baosou") != (h != nil) || h != nil && (h.InuseBytes <= 0 || h.HeldBytes < h.InuseBytes) {
			t.Errorf("%s: serving heap %+v", e.Name, h)
		}
		for _, l := range e.Loads {
			all := l.Groups["*/*"]
			if all.N != 32 || all.OK != 32 {
				t.Errorf("%s, %d clients: %d of %d answered", e.Name, l.Clients, all.OK, all.N)
			}
			if len(l.Micros["word/none"]) != 2 {
				t.Errorf("%s: raw latencies missing", e.Name)
			}
			// Baosou may not serve suggestions yet: a 404 is a failure counted.
			if s := l.Suggest["*"]; (e.Name == "Baosou") != (s.N == 8 && s.OK+s.Errors == 8) {
				t.Errorf("%s: suggest %+v", e.Name, l.Suggest)
			}
		}
	}
	// Again on the same data: no ingest, Baosou only, with and without
	// facets, every group sent twice and pooled.
	cfg.Reuse, cfg.SkipPeer, cfg.Clients, cfg.Facets, cfg.Suggest, cfg.Rounds = true, true, []int{1}, FacetsBoth, false, 2
	out.Reset()
	if err := Run(ctx, cfg, &out); err != nil {
		t.Fatal(err)
	}
	rep = readReport(t, cfg.JSONOut)
	if len(rep.Engines) != 1 || !rep.Engines[0].Ingest.Reused || rep.Engines[0].Ingest.Records != 150 {
		t.Errorf("reuse run: %+v", rep.Engines)
	}
	l := rep.Engines[0].Loads[0]
	if rep.Rounds != 2 || l.Groups["*/*"].OK != 64 || l.Groups["*/*+facets"].OK != 64 || l.Groups["phrase/date"].N != 4 || len(l.Micros["phrase/date+facets"]) != 4 || l.Suggest != nil {
		t.Errorf("facets both, two rounds: rounds %d, %+v", rep.Rounds, l.Groups)
	}
	for _, want := range []string{"each group sent 2 times", "| word, filter none, facets=0 | 4 |", "| word, filter none, with facets | 4 |", "#### Facets, 1 client(s)", "| **onechar**, any filter | 16 |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func readReport(t *testing.T, path string) Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
