package bench

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// Report is every figure of one harness run (written as JSON by --json-out).
type Report struct {
	Started string         `json:"started"`
	Machine Machine        `json:"machine"`
	Corpus  CorpusInfo     `json:"corpus"`
	Queries QueryInfo      `json:"queries"`
	Clients []int          `json:"clients"`
	Baosou  BinaryInfo     `json:"baosou"`
	Engines []EngineReport `json:"engines"`
}

// BinaryInfo says which build of Baosou was measured.
type BinaryInfo struct {
	Path     string `json:"path"`
	Revision string `json:"revision,omitempty"`
	Modified bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
}

func (b BinaryInfo) String() string {
	s := b.Path
	if b.Revision != "" {
		s += ", revision " + b.Revision[:min(len(b.Revision), 12)]
		if b.Modified {
			s += " with uncommitted changes"
		}
	}
	return s
}

type Machine struct {
	CPUs      int    `json:"cpus"`
	CPU       string `json:"cpu"`
	MemKiB    int64  `json:"mem_kib"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
}

type CorpusInfo struct {
	Path    string `json:"path"`
	Bytes   int64  `json:"bytes"`
	Records int    `json:"records"`
}

type QueryInfo struct {
	Path     string `json:"path"`
	Sent     int    `json:"sent"`      // queries per load run
	PerGroup int    `json:"per_group"` // cap per class × filter, 0 = none
}

type EngineReport struct {
	Name            string        `json:"name"`
	Ingest          IngestFigures `json:"ingest"`
	IndexBytes      int64         `json:"index_bytes"`
	StoreBytes      int64         `json:"store_bytes"`
	ColdStartS      float64       `json:"cold_start_s"`
	ServeRSSKiB     int64         `json:"serve_rss_kib"`      // VmRSS after the load runs
	ServePeakRSSKiB int64         `json:"serve_peak_rss_kib"` // VmHWM
	Loads           []LoadFigures `json:"loads"`
}

type IngestFigures struct {
	Corpus     string  `json:"corpus"`
	Reused     bool    `json:"reused,omitempty"` // figures of the earlier run that built the data
	Records    int     `json:"records"`
	WallS      float64 `json:"wall_s"`
	DocsPerS   float64 `json:"docs_per_s"`
	PeakRSSKiB int64   `json:"peak_rss_kib"`
}

// LoadFigures is one load run: Groups is keyed "class/filter", "class/*"
// (all filters), "*/filter" (all classes) and "*/*".
type LoadFigures struct {
	Clients int                `json:"clients"`
	Groups  map[string]Latency `json:"groups"`
	Micros  map[string][]int64 `json:"micros"` // per class/filter, in query order; -1 error, -2 timeout
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		fmt.Sscanf(string(data), "MemTotal: %d kB", &m.MemKiB)
	}
	return m
}

// writeMarkdown prints the comparison: engine figures, then latency by
// class, by filter kind and by both, at each client count.
func writeMarkdown(w io.Writer, r *Report) {
	b, p := r.Engines[0], EngineReport{}
	hasPeer := len(r.Engines) > 1
	if hasPeer {
		p = r.Engines[1]
	}
	fmt.Fprintf(w, "## Baosou vs plain Bleve `cjk` (peer)\n\n")
	fmt.Fprintf(w, "Machine: %d CPUs (%s), %.1f GiB RAM, %s, %s. Corpus: %s, %d records, %.1f MiB. Queries: %s, %d per run. Baosou: %s. Started %s.\n\n",
		r.Machine.CPUs, r.Machine.CPU, float64(r.Machine.MemKiB)/(1<<20), r.Machine.GoVersion, r.Machine.OS,
		r.Corpus.Path, r.Corpus.Records, mib(r.Corpus.Bytes), r.Queries.Path, r.Queries.Sent, r.Baosou, r.Started)
	if b.Ingest.Reused || p.Ingest.Reused {
		fmt.Fprintf(w, "Ingest figures are those of the earlier run that built the reused data.\n\n")
	}
	fmt.Fprintf(w, "| | Baosou | peer | Baosou/peer |\n| --- | ---: | ---: | ---: |\n")
	row := func(name string, bv, pv float64, format string) {
		ps, ratio := "—", "—"
		if hasPeer && pv != 0 {
			ps, ratio = fmt.Sprintf(format, pv), fmt.Sprintf("%.2f", bv/pv)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, fmt.Sprintf(format, bv), ps, ratio)
	}
	row("ingest wall time (s)", b.Ingest.WallS, p.Ingest.WallS, "%.1f")
	row("ingest docs/s", b.Ingest.DocsPerS, p.Ingest.DocsPerS, "%.0f")
	row("ingest peak RSS (MiB)", kib(b.Ingest.PeakRSSKiB), kib(p.Ingest.PeakRSSKiB), "%.0f")
	row("index on disk (MiB)", mib(b.IndexBytes), mib(p.IndexBytes), "%.0f")
	fmt.Fprintf(w, "| store on disk (MiB) | %.0f | — | — |\n", mib(b.StoreBytes))
	row("cold start to first answer (s)", b.ColdStartS, p.ColdStartS, "%.2f")
	row("serving RSS after the runs (MiB)", kib(b.ServeRSSKiB), kib(p.ServeRSSKiB), "%.0f")
	row("serving peak RSS (MiB)", kib(b.ServePeakRSSKiB), kib(p.ServePeakRSSKiB), "%.0f")
	for i, lb := range b.Loads {
		var lp LoadFigures
		if hasPeer && i < len(p.Loads) {
			lp = p.Loads[i]
		}
		fmt.Fprintf(w, "\n### %d client(s): latency in ms (p50 / p95 / p99 / max), answered queries per second\n\n", lb.Clients)
		fmt.Fprintf(w, "| queries | n | Baosou | Baosou q/s | peer | peer q/s | Baosou/peer p50 · p99 | Baosou/peer q/s | failed B · P | no hits B · P |\n")
		fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, key := range reportKeys(lb) {
			latencyRow(w, key, lb.Groups[key], lp.Groups[key], hasPeer)
		}
	}
	fmt.Fprintln(w)
}

// reportKeys orders the groups: all, per class, per filter kind, then each
// class × filter.
func reportKeys(l LoadFigures) []string {
	keys := []string{"*/*"}
	for _, c := range Classes {
		keys = append(keys, c+"/*")
	}
	for _, f := range FilterKinds {
		keys = append(keys, "*/"+f)
	}
	for _, c := range Classes {
		for _, f := range FilterKinds {
			keys = append(keys, c+"/"+f)
		}
	}
	var out []string
	for _, k := range keys {
		if _, ok := l.Groups[k]; ok {
			out = append(out, k)
		}
	}
	return out
}

func latencyRow(w io.Writer, key string, b, p Latency, hasPeer bool) {
	lat := func(l Latency) string {
		return fmt.Sprintf("%s / %s / %s / %s", num(l.P50), num(l.P95), num(l.P99), num(l.Max))
	}
	failed := func(l Latency) string {
		if l.Timeouts > 0 {
			return fmt.Sprintf("%d+%dt", l.Errors, l.Timeouts)
		}
		return fmt.Sprint(l.Errors)
	}
	ps, pq, rl, rq, pf, pz := "—", "—", "—", "—", "—", "—"
	if hasPeer {
		ps, pq, pf, pz = lat(p), fmt.Sprintf("%.0f", p.QPS), failed(p), fmt.Sprint(p.ZeroHits)
		rl = ratio(b.P50, p.P50) + " · " + ratio(b.P99, p.P99)
		rq = ratio(b.QPS, p.QPS)
	}
	fmt.Fprintf(w, "| %s | %d | %s | %.0f | %s | %s | %s | %s | %s · %s | %d · %s |\n",
		groupLabel(key), b.N, lat(b), b.QPS, ps, pq, rl, rq, failed(b), pf, b.ZeroHits, pz)
}

// groupLabel turns a group key into words: "word/*" → "word, any filter".
func groupLabel(key string) string {
	c, f, _ := strings.Cut(key, "/")
	switch {
	case c == "*" && f == "*":
		return "**all**"
	case f == "*":
		return "**" + c + "**, any filter"
	case c == "*":
		return "**any class**, filter " + f
	}
	return c + ", filter " + f
}

func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// num prints a latency with precision that suits its size.
func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
func kib(k int64) float64 { return float64(k) / 1024 }
