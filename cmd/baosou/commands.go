package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/baosou/baosou/server"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// config is everything the flags say; each command turns it into one call.
type config struct {
	Data        string // data directory
	DataGiven   bool   // --data or BAOSOU_DATA was set (else the default applies)
	Verbose     bool
	LogFormat   string
	LogLevel    string
	Progress    bool
	JSON        bool
	Strict      bool
	Addr        string
	AdminAddr   string
	HTTP        server.Options
	SearchLimit time.Duration
	Searches    int
	Search      searchFlags
	SegmentMode string
	Snippet     snippetFlags
}

type snippetFlags struct {
	Chars, Count int
}

type searchFlags struct {
	From, To, Sort                         string
	Sections, Regions, Newspapers, Authors []string
	Size, Page                             int
	Substr, Facets                         bool
}

const defaultDataDir = "./baosou-data"

// envPrefix: every flag can also be set as BAOSOU_<FLAG> (dashes become
// underscores), e.g. BAOSOU_DATA, BAOSOU_ADDR, BAOSOU_MAX_CONCURRENT.
// A flag given on the command line wins.
const envPrefix = "BAOSOU_"

func newRootCmd() *cobra.Command {
	var cfg config
	root := &cobra.Command{
		Use:           "baosou",
		Short:         "报搜 Baosou: full-text search for Chinese newspaper archives",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := flagsFromEnv(cmd.Flags()); err != nil {
				return err
			}
			cfg.DataGiven = cmd.Flags().Changed("data")
			return nil
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&cfg.Data, "data", defaultDataDir, "data directory (env BAOSOU_DATA)")
	pf.BoolVarP(&cfg.Verbose, "verbose", "v", false, "log debug messages to stderr (same as --log-level debug)")
	pf.StringVar(&cfg.LogFormat, "log-format", "text", "log format: text or json")
	pf.StringVar(&cfg.LogLevel, "log-level", "", "log level: debug, info, warn, error (default: info for serve, warn otherwise)")
	pf.BoolVar(&cfg.Progress, "progress", true, "show progress of long work on stderr (a bar on a terminal, lines otherwise)")

	root.AddCommand(ingestCmd(&cfg), rebuildCmd(&cfg), searchCmd(&cfg), segmentCmd(&cfg), serveCmd(&cfg),
		parseCmd(&cfg), deleteCmd(&cfg), backupCmd(&cfg), restoreCmd(&cfg))
	return root
}

func ingestCmd(cfg *config) *cobra.Command {
	c := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "ingest JSON Lines (.jsonl, .ndjson, optionally .gz), e-paper pages (.txt, .html, .htm) or folders of them; through the server when one runs",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			useBulkMemory()
			return runIngest(cmd.Context(), *cfg, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	c.Flags().BoolVar(&cfg.Strict, "strict", false, "stop at the first rejected line or file")
	c.Flags().BoolVar(&cfg.JSON, "json", false, "print the summary as JSON")
	return c
}

func rebuildCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "rebuild",
		Short: "rebuild the search index from the store, with the data directory's user-dict.txt (through the server when one runs; it keeps answering)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			useBulkMemory()
			return runRebuild(cmd.Context(), *cfg, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

func searchCmd(cfg *config) *cobra.Command {
	c := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "search the index",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q := ""
			if len(args) == 1 {
				q = args[0]
			}
			return runSearch(cmd.Context(), *cfg, q, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	sf := c.Flags()
	sf.BoolVar(&cfg.JSON, "json", false, "print the same JSON as the HTTP API")
	sf.StringVar(&cfg.Search.From, "from", "", "first date: YYYY, YYYY-MM or YYYY-MM-DD")
	sf.StringVar(&cfg.Search.To, "to", "", "last date: YYYY, YYYY-MM or YYYY-MM-DD")
	sf.StringArrayVar(&cfg.Search.Sections, "section", nil, "section (版面) name; repeat for any of several")
	sf.StringArrayVar(&cfg.Search.Regions, "region", nil, "region: 长春, 长春市, 吉林省 …; repeat for any of several")
	sf.StringArrayVar(&cfg.Search.Newspapers, "newspaper", nil, "newspaper; repeat for any of several")
	sf.StringArrayVar(&cfg.Search.Authors, "author", nil, "author; repeat for any of several")
	sf.StringVar(&cfg.Search.Sort, "sort", "relevance", "relevance, date (oldest first) or -date (newest first)")
	sf.BoolVar(&cfg.Search.Substr, "substr", false, "also count matches found only inside other words (长春 in 延长春节)")
	sf.BoolVar(&cfg.Search.Facets, "facets", false, "print counts by section, region, newspaper and date")
	sf.IntVar(&cfg.Search.Size, "size", 10, "hits per page")
	sf.IntVar(&cfg.Search.Page, "page", 1, "page of hits")
	addSnippetFlags(c, &cfg.Snippet)
	return c
}

func segmentCmd(cfg *config) *cobra.Command {
	c := &cobra.Command{
		Use:   "segment",
		Short: "segment stdin: each line's tokens separated by two spaces",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSegment(*cfg, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	c.Flags().StringVar(&cfg.SegmentMode, "mode", "query", "query (precise, non-overlapping) or index (adds sub-words)")
	c.Flags().BoolVar(&cfg.JSON, "json", false, "print tokens with offsets and positions as JSON Lines")
	return c
}

func serveCmd(cfg *config) *cobra.Command {
	c := &cobra.Command{
		Use:   "serve",
		Short: "serve the HTTP API and search page",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), *cfg, cmd.ErrOrStderr())
		},
	}
	f := c.Flags()
	d := server.DefaultOptions()
	f.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "listen address")
	f.StringVar(&cfg.AdminAddr, "admin-addr", "", "listen address for pprof (/debug/pprof/); off when empty; keep it on loopback")
	f.DurationVar(&cfg.HTTP.ReadTimeout, "read-timeout", d.ReadTimeout, "most time to read a request, body included")
	f.DurationVar(&cfg.HTTP.ReadHeaderTimeout, "read-header-timeout", d.ReadHeaderTimeout, "most time to read request headers")
	f.DurationVar(&cfg.HTTP.WriteTimeout, "write-timeout", d.WriteTimeout, "most time to write a response (admin streams are exempt)")
	f.DurationVar(&cfg.HTTP.IdleTimeout, "idle-timeout", d.IdleTimeout, "how long an idle keep-alive connection stays open")
	f.IntVar(&cfg.HTTP.MaxHeaderBytes, "max-header-bytes", d.MaxHeaderBytes, "largest request header")
	f.IntVar(&cfg.HTTP.MaxConcurrent, "max-concurrent", d.MaxConcurrent, "requests served at once; more wait --queue-wait, then get 503 with Retry-After")
	f.DurationVar(&cfg.HTTP.QueueWait, "queue-wait", d.QueueWait, "how long a request waits for a free slot before 503")
	f.DurationVar(&cfg.HTTP.RequestTimeout, "request-timeout", d.RequestTimeout, "deadline of one request (searches are cancelled at it)")
	f.DurationVar(&cfg.HTTP.ShutdownTimeout, "shutdown-timeout", d.ShutdownTimeout, "how long SIGTERM waits for requests in flight")
	f.Int64Var(&cfg.HTTP.MaxIngestBytes, "max-ingest-bytes", d.MaxIngestBytes, "largest body of POST /api/articles")
	f.DurationVar(&cfg.SearchLimit, "search-timeout", 0, "most time one search may take inside the index (0: 3s)")
	f.IntVar(&cfg.Searches, "searches", 0, "searches run at once, each on one core; more wait their turn (0: one per core)")
	addSnippetFlags(c, &cfg.Snippet)
	return c
}

func parseCmd(cfg *config) *cobra.Command {
	c := &cobra.Command{
		Use:   "parse [--strict] PATH...",
		Short: "dry run: print as JSON Lines what ingesting PATH... would store, without touching the data directory",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runParse(cmd.Context(), *cfg, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	c.Flags().BoolVar(&cfg.Strict, "strict", false, "stop at the first rejected input")
	return c
}

func deleteCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID...",
		Short: "take articles down: gone from search at once, and kept out through rebuilds and re-ingests",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDelete(cmd.Context(), *cfg, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

func backupCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "write a backup of the archive (store and user dictionary) to FILE, also while a server runs; - for stdout",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBackup(cmd.Context(), *cfg, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

func restoreCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "restore a backup into an empty data directory and build its index",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRestore(cmd.Context(), *cfg, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

func addSnippetFlags(cmd *cobra.Command, f *snippetFlags) {
	cmd.Flags().IntVar(&f.Chars, "snippet-chars", 120, "target length of a highlighted snippet, in characters")
	cmd.Flags().IntVar(&f.Count, "snippets", 3, "most snippets per hit")
}

// flagsFromEnv sets every flag not given on the command line from its
// BAOSOU_ variable, when set.
func flagsFromEnv(fs *pflag.FlagSet) error {
	var errs []error
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Changed {
			return
		}
		name := envPrefix + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v, ok := os.LookupEnv(name)
		if !ok || v == "" {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			errs = append(errs, usageErr("%s=%q: %v", name, v, err))
		}
	})
	return errors.Join(errs...)
}

// errUsage marks a command-line mistake.
var errUsage = errors.New("usage")

func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
