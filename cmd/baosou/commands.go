package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// config is everything the flags say; each command turns it into one call.
type config struct {
	Data        string // data directory
	DataGiven   bool   // --data or BAOSOU_DATA was set (else the default applies)
	Verbose     bool
	JSON        bool
	Strict      bool
	Addr        string
	Search      searchFlags
	SegmentMode string
	Snippet     snippetFlags
}

type snippetFlags struct {
	Chars, Count int
}

type searchFlags struct {
	From, To, Section, Region string
	Size, Page                int
}

const defaultDataDir = "./baosou-data"

func newRootCmd() *cobra.Command {
	var cfg config
	root := &cobra.Command{
		Use:           "baosou",
		Short:         "报搜 Baosou: full-text search for Chinese newspaper archives",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cfg.DataGiven = cmd.Flags().Changed("data")
			if !cfg.DataGiven {
				if env := os.Getenv("BAOSOU_DATA"); env != "" {
					cfg.Data, cfg.DataGiven = env, true
				}
			}
			return nil
		},
	}
	root.PersistentFlags().StringVar(&cfg.Data, "data", defaultDataDir, "data directory (default: $BAOSOU_DATA, else ./baosou-data)")
	root.PersistentFlags().BoolVarP(&cfg.Verbose, "verbose", "v", false, "log progress and debug messages to stderr")

	ingest := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "ingest JSON Lines (.jsonl, .ndjson, optionally .gz), e-paper pages (.txt, .html, .htm) or folders of them",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), cfg, args, cmd.OutOrStdout())
		},
	}
	ingest.Flags().BoolVar(&cfg.Strict, "strict", false, "stop at the first rejected line or file")
	ingest.Flags().BoolVar(&cfg.JSON, "json", false, "print the summary as JSON")

	rebuild := &cobra.Command{
		Use:   "rebuild",
		Short: "rebuild the search index from the store",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runRebuild(cmd.Context(), cfg, cmd.OutOrStdout()) },
	}

	searchCmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "search the index",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			return runSearch(cmd.Context(), cfg, q, cmd.OutOrStdout())
		},
	}
	sf := searchCmd.Flags()
	sf.BoolVar(&cfg.JSON, "json", false, "print the same JSON as the HTTP API")
	sf.StringVar(&cfg.Search.From, "from", "", "first date, YYYY-MM-DD")
	sf.StringVar(&cfg.Search.To, "to", "", "last date, YYYY-MM-DD")
	sf.StringVar(&cfg.Search.Section, "section", "", "section (版面) name")
	sf.StringVar(&cfg.Search.Region, "region", "", "region: 长春, 长春市, 吉林省 …")
	sf.IntVar(&cfg.Search.Size, "size", 10, "hits per page")
	sf.IntVar(&cfg.Search.Page, "page", 1, "page of hits")
	addSnippetFlags(searchCmd, &cfg.Snippet)

	segmentCmd := &cobra.Command{
		Use:   "segment",
		Short: "segment stdin: each line's tokens separated by two spaces",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSegment(cfg, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	segmentCmd.Flags().StringVar(&cfg.SegmentMode, "mode", "query", "query (precise, non-overlapping) or index (adds sub-words)")
	segmentCmd.Flags().BoolVar(&cfg.JSON, "json", false, "print tokens with offsets and positions as JSON Lines")

	serve := &cobra.Command{
		Use:   "serve",
		Short: "serve the HTTP API and search page",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runServe(cmd.Context(), cfg, cmd.ErrOrStderr()) },
	}
	serve.Flags().StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
	addSnippetFlags(serve, &cfg.Snippet)

	parse := &cobra.Command{
		Use:   "parse [--strict] PATH...",
		Short: "dry run: print as JSON Lines what ingesting PATH... would store, without touching the data directory",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runParse(cmd.Context(), cfg, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	parse.Flags().BoolVar(&cfg.Strict, "strict", false, "stop at the first rejected input")

	root.AddCommand(ingest, rebuild, searchCmd, segmentCmd, serve, parse)
	return root
}

func addSnippetFlags(cmd *cobra.Command, f *snippetFlags) {
	cmd.Flags().IntVar(&f.Chars, "snippet-chars", 120, "target length of a highlighted snippet, in characters")
	cmd.Flags().IntVar(&f.Count, "snippets", 3, "most snippets per hit")
}

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
