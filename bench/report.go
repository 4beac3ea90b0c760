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
	Rounds  int            `json:"rounds,omitempty"` // each group sent this many times per client count, pooled
	Facets  string         `json:"facets"`           // Baosou's facet mode: on, off or both
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
	Path        string `json:"path"`
	Sent        int    `json:"sent"`                   // searches per load run (per facet variant)
	SuggestSent int    `json:"suggest_sent,omitempty"` // suggest requests per load run
	PerGroup    int    `json:"per_group"`              // cap per class × filter (and suggest kind), 0 = none
}

type EngineReport struct {
	Name            string        `json:"name"`
	Ingest          IngestFigures `json:"ingest"`
	IndexBytes      int64         `json:"index_bytes"`
	StoreBytes      int64         `json:"store_bytes"`
	ColdStartS      float64       `json:"cold_start_s"`
	ServeRSSKiB     int64         `json:"serve_rss_kib"`        // VmRSS after the load runs
	ServePeakRSSKiB int64         `json:"serve_peak_rss_kib"`   // VmHWM
	ServeHeap       *HeapFigures  `json:"serve_heap,omitempty"` // Go heap after the load runs; nil: not served
	Loads           []LoadFigures `json:"loads"`
}

type IngestFigures struct {
	Corpus     string  `json:"corpus"`
	Reused     bool    `json:"reused,omitempty"` // figures of the earlier run that built the data
	Records    int     `json:"records"`
	WallS      float64 `json:"wall_s"`
	DocsPerS   float64 `json:"docs_per_s"`
	PeakRSSKiB int64   `json:"peak_rss_kib"`
	// Peaks of the resident set by kind, sampled twice a second: anonymous
	// memory, and pages of mapped files (the kernel's cache of the store
	// and the index, which it can drop). Zero in reports of older runs.
	PeakAnonKiB int64   `json:"peak_anon_rss_kib,omitempty"`
	PeakFileKiB int64   `json:"peak_file_rss_kib,omitempty"`
	CPUS        float64 `json:"cpu_s,omitempty"` // user and system time
}

// LoadFigures is one load run: Groups is keyed "class/filter", "class/*"
// (all filters), "*/filter" (all classes) and "*/*", each ending in
// "+facets" for the searches with facets when a run measures both ways.
// Suggest is keyed by suggest kind and "*" (all kinds).
type LoadFigures struct {
	Clients int                `json:"clients"`
	Groups  map[string]Latency `json:"groups"`
	Suggest map[string]Latency `json:"suggest,omitempty"`
	Micros  map[string][]int64 `json:"micros"` // per class/filter and suggest/kind, in query order; -1 error, -2 timeout
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
	fmt.Fprintf(w, "Machine: %d CPUs (%s), %.1f GiB RAM, %s, %s. Corpus: %s, %d records, %.1f MiB. Queries: %s, %d per run",
		r.Machine.CPUs, r.Machine.CPU, float64(r.Machine.MemKiB)/(1<<20), r.Machine.GoVersion, r.Machine.OS,
		r.Corpus.Path, r.Corpus.Records, mib(r.Corpus.Bytes), r.Queries.Path, r.Queries.Sent)
	if r.Queries.SuggestSent > 0 {
		fmt.Fprintf(w, ", %d suggest requests per run", r.Queries.SuggestSent)
	}
	if r.Rounds > 1 {
		fmt.Fprintf(w, ", each group sent %d times and its figures pooled", r.Rounds)
	}
	fmt.Fprintf(w, ". Baosou facets: %s. Baosou: %s. Started %s.\n\n", r.Facets, r.Baosou, r.Started)
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
	if b.Ingest.PeakAnonKiB > 0 {
		row("ingest peak RSS, anonymous (MiB)", kib(b.Ingest.PeakAnonKiB), kib(p.Ingest.PeakAnonKiB), "%.0f")
		row("ingest peak RSS, mapped files (MiB)", kib(b.Ingest.PeakFileKiB), kib(p.Ingest.PeakFileKiB), "%.0f")
		row("ingest CPU time (s)", b.Ingest.CPUS, p.Ingest.CPUS, "%.1f")
	}
	row("index on disk (MiB)", mib(b.IndexBytes), mib(p.IndexBytes), "%.0f")
	fmt.Fprintf(w, "| store on disk (MiB) | %.0f | — | — |\n", mib(b.StoreBytes))
	row("cold start to first answer (s)", b.ColdStartS, p.ColdStartS, "%.2f")
	row("serving RSS after the runs (MiB)", kib(b.ServeRSSKiB), kib(p.ServeRSSKiB), "%.0f")
	row("serving peak RSS (MiB)", kib(b.ServePeakRSSKiB), kib(p.ServePeakRSSKiB), "%.0f")
	if h := b.ServeHeap; h != nil {
		fmt.Fprintf(w, "| serving Go heap after the runs, in use / held (MiB) | %.0f / %.0f | — | — |\n", mib(h.InuseBytes), mib(h.HeldBytes))
	}
	for i, lb := range b.Loads {
		var lp LoadFigures
		if hasPeer && i < len(p.Loads) {
			lp = p.Loads[i]
		}
		if len(lb.Groups) > 0 {
			searchTable(w, r.Facets, lb, lp, hasPeer)
		}
		if r.Facets == FacetsBoth && len(lb.Groups) > 0 {
			facetTable(w, lb)
		}
		if len(lb.Suggest) > 0 {
			suggestTable(w, lb, hasPeer)
		}
	}
	fmt.Fprintln(w)
}

// searchTable is the latency of each search group at one client count. When
// Baosou was measured with and without facets, each group has two rows, and
// the one with facets (Baosou's default answer) is compared with the peer.
func searchTable(w io.Writer, facets string, lb, lp LoadFigures, hasPeer bool) {
	fmt.Fprintf(w, "\n### %d client(s): latency in ms (p50 / p95 / p99 / max), answered queries per second\n\n", lb.Clients)
	switch facets {
	case FacetsOff:
		fmt.Fprintf(w, "Baosou searched with facets=0 (no facets in its answers).\n\n")
	case FacetsBoth:
		fmt.Fprintf(w, "Baosou searched twice: with facets=0 and with facets (its default answer)")
		if hasPeer {
			fmt.Fprintf(w, "; the peer once, compared with the latter")
		}
		fmt.Fprintf(w, ".\n\n")
	}
	fmt.Fprintf(w, "| queries | n | Baosou | Baosou q/s | peer | peer q/s | Baosou/peer p50 · p99 | Baosou/peer q/s | failed B · P | no hits B · P |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, key := range reportKeys(lb) {
		if facets != FacetsBoth {
			latencyRow(w, groupLabel(key), lb.Groups[key], lp.Groups[key], hasPeer)
			continue
		}
		latencyRow(w, groupLabel(key)+", facets=0", lb.Groups[key], Latency{}, false)
		latencyRow(w, groupLabel(key)+", with facets", lb.Groups[key+WithFacets], lp.Groups[key], hasPeer)
	}
}

// facetTable compares Baosou's searches with facets to those without, overall
// and per class.
func facetTable(w io.Writer, lb LoadFigures) {
	fmt.Fprintf(w, "\n#### Facets, %d client(s): Baosou's latency in ms without (facets=0) and with facets\n\n", lb.Clients)
	fmt.Fprintf(w, "| queries | n | p50 without | p50 with | p50 with/without | p99 without | p99 with | p99 with/without | failed without · with |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, key := range facetKeys(lb) {
		off, on := lb.Groups[key], lb.Groups[key+WithFacets]
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %s · %s |\n",
			groupLabel(key), off.N, num(off.P50), num(on.P50), ratio(on.P50, off.P50),
			num(off.P99), num(on.P99), ratio(on.P99, off.P99), failed(off), failed(on))
	}
}

// facetKeys are the groups of the facet summary: all, then per class.
func facetKeys(l LoadFigures) []string {
	var out []string
	for _, k := range append([]string{"*"}, Classes...) {
		key := k + "/*"
		_, off := l.Groups[key]
		_, on := l.Groups[key+WithFacets]
		if off && on {
			out = append(out, key)
		}
	}
	return out
}

// suggestTable is the latency of Baosou's suggest requests at one client
// count, overall and per kind; the peer has no suggestions.
func suggestTable(w io.Writer, lb LoadFigures, hasPeer bool) {
	fmt.Fprintf(w, "\n### Suggestions, %d client(s): latency in ms (p50 / p95 / p99 / max), answered requests per second\n\n", lb.Clients)
	fmt.Fprintf(w, "GET /api/suggest?q=…&size=%d. A request not answered with 200 (404 where the engine has no suggest endpoint) counts as failed.\n\n", SuggestSize)
	fmt.Fprintf(w, "| suggest queries | n | Baosou | Baosou q/s | peer | failed | no suggestions |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	peer := "—"
	if hasPeer {
		peer = "n/a"
	}
	for _, kind := range append([]string{"*"}, SuggestKinds...) {
		l, ok := lb.Suggest[kind]
		if !ok {
			continue
		}
		label := kind
		if kind == "*" {
			label = "**all**"
		}
		fmt.Fprintf(w, "| %s | %d | %s | %.0f | %s | %s | %d |\n", label, l.N, latencies(l), l.QPS, peer, failed(l), l.ZeroHits)
	}
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

func latencyRow(w io.Writer, label string, b, p Latency, hasPeer bool) {
	ps, pq, rl, rq, pf, pz := "—", "—", "—", "—", "—", "—"
	if hasPeer {
		ps, pq, pf, pz = latencies(p), fmt.Sprintf("%.0f", p.QPS), failed(p), fmt.Sprint(p.ZeroHits)
		rl = ratio(b.P50, p.P50) + " · " + ratio(b.P99, p.P99)
		rq = ratio(b.QPS, p.QPS)
	}
	fmt.Fprintf(w, "| %s | %d | %s | %.0f | %s | %s | %s | %s | %s · %s | %d · %s |\n",
		label, b.N, latencies(b), b.QPS, ps, pq, rl, rq, failed(b), pf, b.ZeroHits, pz)
}

// latencies is "p50 / p95 / p99 / max" in ms, "—" when nothing was
// answered.
func latencies(l Latency) string {
	if l.OK == 0 {
		return "—"
	}
	return fmt.Sprintf("%s / %s / %s / %s", num(l.P50), num(l.P95), num(l.P99), num(l.Max))
}

// failed is the count of failed requests, timeouts as "+Nt".
func failed(l Latency) string {
	if l.Timeouts > 0 {
		return fmt.Sprintf("%d+%dt", l.Errors, l.Timeouts)
	}
	return fmt.Sprint(l.Errors)
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
