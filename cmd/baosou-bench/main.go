// Command baosou-bench builds synthetic archives and query sets and
// measures Baosou side by side with plain Bleve. See the README section
// "Benchmarks"; the work is done by package bench.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/baosou/baosou/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "baosou-bench:", err)
		os.Exit(1)
	}
}

func newRootCmd() *cobra.Command {
	var verbose bool
	root := &cobra.Command{
		Use:           "baosou-bench",
		Short:         "benchmarks for Baosou: synthetic archives, query sets, and a side-by-side harness against plain Bleve",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log progress to stderr")
	logger := func() *slog.Logger {
		level := slog.LevelWarn
		if verbose {
			level = slog.LevelDebug
		}
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	}
	root.AddCommand(scaleCmd(), queriesCmd(), runCmd(logger), peerIngestCmd(), peerServeCmd())
	return root
}

func holdoutFlags(cmd *cobra.Command, h *bench.Holdout) {
	*h = bench.DefaultHoldout
	cmd.Flags().Uint64Var(&h.Seed, "holdout-seed", h.Seed, "seed choosing the held-out titles (scale and queries must agree)")
	cmd.Flags().Float64Var(&h.Fraction, "holdout", h.Fraction, "share of real titles held out for queries")
}

func scaleCmd() *cobra.Command {
	var cfg bench.ScaleConfig
	cmd := &cobra.Command{
		Use:   "scale --n N --out FILE.jsonl.gz",
		Short: "write a synthetic archive of N articles recombined from real paragraphs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return bench.Scale(cmd.Context(), cfg, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.In, "in", bench.DefaultCorpus, "real corpus, JSON Lines (optionally .gz)")
	f.StringVar(&cfg.Out, "out", "", "output file (.jsonl or .jsonl.gz; - for stdout)")
	f.IntVar(&cfg.N, "n", 10000, "number of articles")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed for the recombination")
	holdoutFlags(cmd, &cfg.Holdout)
	cmd.MarkFlagRequired("out")
	return cmd
}

func queriesCmd() *cobra.Command {
	var cfg bench.QueryConfig
	cmd := &cobra.Command{
		Use:   "queries",
		Short: "write the query set (and a README.md beside it) from the held-out titles",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return bench.GenerateQueries(cmd.Context(), cfg)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.In, "in", bench.DefaultCorpus, "real corpus the held-out titles come from")
	f.StringVar(&cfg.Out, "out", bench.DefaultQueries, "query set to write")
	f.Uint64Var(&cfg.Seed, "seed", 1, "seed for drawing queries")
	f.IntVar(&cfg.PerGroup, "per-group", 64, "queries per class × filter combination")
	holdoutFlags(cmd, &cfg.Holdout)
	return cmd
}

func runCmd(logger func() *slog.Logger) *cobra.Command {
	var cfg bench.RunConfig
	cmd := &cobra.Command{
		Use:   "run --corpus FILE.jsonl.gz",
		Short: "ingest, serve and query Baosou and plain Bleve side by side; print a Markdown comparison",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg.Log = logger()
			return bench.Run(cmd.Context(), cfg, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Corpus, "corpus", "", "corpus both engines ingest (e.g. from baosou-bench scale)")
	f.StringVar(&cfg.Queries, "queries", bench.DefaultQueries, "query set")
	f.StringVar(&cfg.Work, "work", "", "directory for data, binaries and logs (default: a temp dir, removed unless --keep)")
	f.BoolVar(&cfg.Keep, "keep", false, "keep the temp work directory")
	f.BoolVar(&cfg.Reuse, "reuse", false, "reuse data ingested into --work by an earlier run (skips ingest)")
	f.BoolVar(&cfg.SkipPeer, "skip-peer", false, "measure Baosou only")
	f.IntSliceVar(&cfg.Clients, "clients", []int{1, 8}, "concurrent clients of each load run")
	f.IntVar(&cfg.MaxPerGroup, "max-queries-per-class", 0, "at most N queries of each class × filter combination (0: all)")
	f.IntVar(&cfg.Warmup, "warmup", 20, "queries sent before measuring")
	f.IntVar(&cfg.Rounds, "rounds", 1, "times each query group is sent at each client count; a group's figures pool all rounds")
	f.StringVar(&cfg.Baosou, "baosou", "", "baosou binary (default: go build ./cmd/baosou into the work dir)")
	f.StringVar(&cfg.Self, "self", "", "baosou-bench binary that serves the peer (default: this one)")
	f.StringVar(&cfg.JSONOut, "json-out", "", "write every figure as JSON to this file")
	f.StringVar(&cfg.Facets, "facets", bench.FacetsOn, "Baosou's facets: on (its default answer), off (facets=0) or both (each search group measured without and with)")
	f.BoolVar(&cfg.Suggest, "suggest", true, "also measure Baosou's GET /api/suggest (prefixes and infixes of the word queries)")
	f.BoolVar(&cfg.SkipSearch, "skip-search", false, "no search loads (with --suggest: measure suggestions only)")
	f.MarkHidden("self")
	cmd.MarkFlagRequired("corpus")
	return cmd
}

// peerIngestCmd and peerServeCmd are the peer engine; run runs them as
// subprocesses so their time and memory are measured like Baosou's.
func peerIngestCmd() *cobra.Command {
	var cfg bench.PeerIngestConfig
	cmd := &cobra.Command{
		Use:    "peer-ingest --index DIR CORPUS",
		Short:  "build the plain-Bleve peer index (used by run)",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg.Corpus = args[0]
			return bench.PeerIngest(cmd.Context(), cfg, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&cfg.Index, "index", "", "index directory to create")
	cmd.Flags().IntVar(&cfg.Batch, "batch", bench.PeerBatch, "documents per batch")
	cmd.MarkFlagRequired("index")
	return cmd
}

func peerServeCmd() *cobra.Command {
	var cfg bench.PeerServeConfig
	cmd := &cobra.Command{
		Use:    "peer-serve --index DIR --addr HOST:PORT",
		Short:  "serve the plain-Bleve peer index (used by run)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return bench.PeerServe(cmd.Context(), cfg, cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&cfg.Index, "index", "", "index directory")
	cmd.Flags().StringVar(&cfg.Addr, "addr", "127.0.0.1:8090", "listen address")
	cmd.MarkFlagRequired("index")
	return cmd
}
