package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// DefaultQueries is the committed query set, relative to the repository root.
const DefaultQueries = "testdata/queries/queries.jsonl"

// RunConfig is what `baosou-bench run` is told.
type RunConfig struct {
	Corpus      string
	Queries     string
	Work        string // data directories, binaries, logs; "" = a temp dir
	Keep        bool   // keep a temp Work dir
	Reuse       bool   // reuse ingested data in Work and skip ingest
	SkipPeer    bool
	Clients     []int
	MaxPerGroup int // queries per class × filter, 0 = all
	Warmup      int // queries sent before measuring
	Rounds      int // times each group is sent at each client count (0 = once), pooled
	Baosou      string
	Self        string // the baosou-bench binary, for the peer; "" = this executable
	JSONOut     string
	Facets      string // Baosou's facets: "on" (its default answer), "off" (facets=0) or "both"
	Suggest     bool   // also measure Baosou's /api/suggest
	SkipSearch  bool   // no search loads (with Suggest: suggestions only)
	Log         *slog.Logger

	baosouBuild BinaryInfo // set when the engines are prepared
}

// Run ingests the corpus with Baosou and the peer, serves each in turn,
// sends both the same queries at each client count, and writes the
// comparison to out as Markdown (and all figures as JSON to cfg.JSONOut).
func Run(ctx context.Context, cfg RunConfig, out io.Writer) (err error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if len(cfg.Clients) == 0 || slices.Min(cfg.Clients) < 1 {
		return fmt.Errorf("run: --clients must list counts of at least 1, got %v", cfg.Clients)
	}
	if cfg.Facets == "" {
		cfg.Facets = FacetsOn
	}
	if !slices.Contains(FacetModes, cfg.Facets) {
		return fmt.Errorf("run: --facets must be one of %v, got %q", FacetModes, cfg.Facets)
	}
	if cfg.Rounds < 0 {
		return fmt.Errorf("run: --rounds must be at least 1, got %d", cfg.Rounds)
	}
	if cfg.Rounds == 0 {
		cfg.Rounds = 1
	}
	if cfg.SkipSearch && !cfg.Suggest {
		return fmt.Errorf("run: --skip-search leaves nothing to measure without --suggest")
	}
	corpusInfo, err := os.Stat(cfg.Corpus)
	if err != nil {
		return fmt.Errorf("run: corpus: %w", err)
	}
	all, err := ReadQueries(cfg.Queries)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	groups := groupQueries(all, cfg.MaxPerGroup)
	var suggest []queryGroup
	if cfg.Suggest {
		if suggest = SuggestGroups(all, cfg.MaxPerGroup); len(suggest) == 0 {
			return fmt.Errorf("run: %s holds no word queries to make suggest queries of", cfg.Queries)
		}
	}
	if cfg.Work == "" {
		if cfg.Work, err = os.MkdirTemp("", "baosou-bench-"); err != nil {
			return fmt.Errorf("run: %w", err)
		}
		if !cfg.Keep {
			defer os.RemoveAll(cfg.Work)
		}
	}
	for _, d := range []string{"bin", "logs"} {
		if err := os.MkdirAll(filepath.Join(cfg.Work, d), 0o755); err != nil {
			return fmt.Errorf("run: %w", err)
		}
	}
	if cfg.Corpus, err = filepath.Abs(cfg.Corpus); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	engines, err := cfg.engines(ctx)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	rep := &Report{
		Machine: machine(),
		Corpus:  CorpusInfo{Path: cfg.Corpus, Bytes: corpusInfo.Size()},
		Queries: QueryInfo{Path: cfg.Queries, Sent: countQueries(groups), SuggestSent: countQueries(suggest), PerGroup: cfg.MaxPerGroup},
		Facets:  cfg.Facets,
		Clients: cfg.Clients,
		Rounds:  cfg.Rounds,
		Baosou:  cfg.baosouBuild,
		Started: time.Now().UTC().Format(time.RFC3339),
	}
	for _, e := range engines {
		er, err := cfg.runEngine(ctx, e, groups, suggest)
		if err != nil {
			return fmt.Errorf("run: %s: %w", e.name, err)
		}
		rep.Engines = append(rep.Engines, er)
		if rep.Corpus.Records == 0 {
			rep.Corpus.Records = er.Ingest.Records
		}
	}
	writeMarkdown(out, rep)
	if cfg.JSONOut != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(cfg.JSONOut, append(data, '\n'), 0o644); err != nil {
			return fmt.Errorf("run: write %s: %w", cfg.JSONOut, err)
		}
	}
	return nil
}

// runEngine ingests (or reuses), measures the data on disk, serves, and
// runs the loads.
func (cfg *RunConfig) runEngine(ctx context.Context, e engine, groups, suggest []queryGroup) (EngineReport, error) {
	er := EngineReport{Name: e.name}
	var err error
	if er.Ingest, err = cfg.ingest(ctx, e); err != nil {
		return er, err
	}
	total, err := diskUsage(e.dataDir)
	if err != nil {
		return er, err
	}
	er.IndexBytes = total
	if e.storeDir != "" {
		if er.StoreBytes, err = diskUsage(e.storeDir); err != nil {
			return er, err
		}
		er.IndexBytes -= er.StoreBytes
	}
	addr, err := freeAddr()
	if err != nil {
		return er, err
	}
	cfg.Log.Info("serving", "engine", e.name, "addr", addr)
	srv, err := startServer(filepath.Join(cfg.Work, "logs", e.name+"-serve.log"), e.serve(addr), addr)
	if err != nil {
		return er, err
	}
	defer func() {
		if err := srv.stop(); err != nil {
			cfg.Log.Warn("stop server", "engine", e.name, "err", err)
		}
	}()
	c := newClient(srv.base, slices.Max(cfg.Clients))
	defer c.close()
	cold, err := srv.waitReady(ctx, c, groups[0].queries[0], 10*time.Minute)
	if err != nil {
		return er, err
	}
	er.ColdStartS = cold.Seconds()
	variants := []searchVariant{{}}
	if e.facets {
		variants = facetVariants(cfg.Facets)
	}
	if !e.suggest {
		suggest = nil
	}
	if cfg.SkipSearch {
		groups = nil
	}
	for _, q := range warmupQueries(groups, cfg.Warmup) {
		for _, v := range variants {
			c.get(ctx, c.searchURL(q, v.noFacets), totalOf)
		}
	}
	for _, q := range warmupQueries(suggest, cfg.Warmup) {
		c.get(ctx, c.suggestURL(q.Q), countSuggestions)
	}
	for _, n := range cfg.Clients {
		cfg.Log.Info("load", "engine", e.name, "clients", n)
		lr, err := runLoads(ctx, c, groups, variants, n, cfg.Rounds)
		if err != nil {
			return er, err
		}
		if len(suggest) > 0 {
			if lr.Suggest, err = runSuggest(ctx, c, suggest, n, lr.Micros); err != nil {
				return er, err
			}
		}
		er.Loads = append(er.Loads, lr)
	}
	if er.ServeRSSKiB, er.ServePeakRSSKiB, err = srv.memory(); err != nil {
		return er, err
	}
	if h, ok, err := readHeap(ctx, c.http, srv.base); err != nil {
		return er, err
	} else if ok {
		er.ServeHeap = &h
	}
	return er, nil
}

// queryGroup is the queries of one class × filter combination, in file
// order.
type queryGroup struct {
	class, filter string
	queries       []Query
}

func groupQueries(qs []Query, maxPer int) []queryGroup {
	var out []queryGroup
	for _, c := range Classes {
		for _, f := range FilterKinds {
			g := queryGroup{class: c, filter: f}
			for _, q := range qs {
				if q.Class == c && q.Filter == f && (maxPer <= 0 || len(g.queries) < maxPer) {
					g.queries = append(g.queries, q)
				}
			}
			if len(g.queries) > 0 {
				out = append(out, g)
			}
		}
	}
	return out
}

func countQueries(gs []queryGroup) int {
	n := 0
	for _, g := range gs {
		n += len(g.queries)
	}
	return n
}

// warmupQueries takes n queries round-robin over the groups, so every
// class has been seen once before measuring.
func warmupQueries(gs []queryGroup, n int) []Query {
	var out []Query
	for i := 0; len(out) < n; i++ {
		added := false
		for _, g := range gs {
			if i < len(g.queries) && len(out) < n {
				out = append(out, g.queries[i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}

// Facet modes of a run: Baosou answered as by default (facets on), with
// facets=0, or each search group measured both ways.
const (
	FacetsOn   = "on"
	FacetsOff  = "off"
	FacetsBoth = "both"
)

var FacetModes = []string{FacetsOn, FacetsOff, FacetsBoth}

// WithFacets ends the group keys of the searches with facets on when a run
// measures both ways ("word/none+facets"); the keys without it are then the
// searches with facets=0.
const WithFacets = "+facets"

// searchVariant is one way of sending a group's searches: suffix is added
// to the group keys.
type searchVariant struct {
	noFacets bool
	suffix   string
}

// facetVariants are the ways Baosou's searches are sent in a facet mode.
func facetVariants(mode string) []searchVariant {
	switch mode {
	case FacetsOff:
		return []searchVariant{{noFacets: true}}
	case FacetsBoth:
		return []searchVariant{{noFacets: true}, {suffix: WithFacets}}
	}
	return []searchVariant{{}}
}

// runLoads runs each group in turn at the given concurrency, once for each
// variant, and summarises by group, class, filter kind and overall. With
// two variants their order alternates from group to group, so that neither
// always runs on caches the other warmed.
//
// The whole sequence runs rounds times (Run makes 0 one), in reverse
// order every other round, and each group's figures pool its requests of
// all rounds (Micros: round after round, each in query order). A group of
// 64 queries at 8 clients has a "p99" that is its one slowest request,
// which on a shared machine is mostly the noise of that moment; over
// rounds it is the tail of the group's own cost.
func runLoads(ctx context.Context, c *client, gs []queryGroup, variants []searchVariant, clients, rounds int) (LoadFigures, error) {
	lf := LoadFigures{Clients: clients, Groups: map[string]Latency{}, Micros: map[string][]int64{}}
	perGroup, aggs := aggregates{}, aggregates{}
	for r := range rounds {
		order := slices.Clone(gs)
		if r%2 == 1 {
			slices.Reverse(order)
		}
		for gi, g := range order {
			vs := slices.Clone(variants)
			if gi%2 == 1 {
				slices.Reverse(vs)
			}
			for _, v := range vs {
				reqs := make([]request, len(g.queries))
				for i, q := range g.queries {
					reqs[i] = request{url: c.searchURL(q, v.noFacets), hits: totalOf}
				}
				out, wall, err := c.runLoad(ctx, reqs, clients)
				if err != nil {
					return lf, err
				}
				key := g.class + "/" + g.filter + v.suffix
				perGroup.add(key, out, wall)
				lf.Micros[key] = append(lf.Micros[key], micros(out)...)
				aggs.add(g.class+"/*"+v.suffix, out, wall)
				aggs.add("*/"+g.filter+v.suffix, out, wall)
				aggs.add("*/*"+v.suffix, out, wall)
			}
		}
	}
	perGroup.summarize(lf.Groups)
	aggs.summarize(lf.Groups)
	return lf, nil
}

// aggregates gathers the outcomes and wall times of several runs under a
// key, to summarise them together.
type aggregates map[string]*struct {
	out  []outcome
	wall time.Duration
}

func (a aggregates) add(key string, out []outcome, wall time.Duration) {
	g := a[key]
	if g == nil {
		g = &struct {
			out  []outcome
			wall time.Duration
		}{}
		a[key] = g
	}
	g.out = append(g.out, out...)
	g.wall += wall
}

func (a aggregates) summarize(into map[string]Latency) {
	for k, g := range a {
		into[k] = summarize(g.out, g.wall)
	}
}

// micros is each request's latency in µs, in query order; -1 for a
// request that failed, -2 for one that timed out.
func micros(out []outcome) []int64 {
	us := make([]int64, len(out))
	for i, o := range out {
		switch o.Status {
		case statusOK:
			us[i] = o.Took.Microseconds()
		case statusTimeout:
			us[i] = -2
		default:
			us[i] = -1
		}
	}
	return us
}
