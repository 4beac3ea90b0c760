package ingest

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/store"
)

// BatchSize is how many articles go into one store transaction and one
// index batch.
const BatchSize = 256

// Tagger assigns region tags to an article.
type Tagger interface {
	Tag(a *article.Article) []string
}

// Problem is one rejected input: a line of a JSON Lines file or a whole file.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Err  string `json:"error"`
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s line %d: %s", p.File, p.Line, p.Err)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Err)
}

// Summary counts what an ingest did.
type Summary struct {
	Files     int       `json:"files"`
	Added     int       `json:"added"`
	Updated   int       `json:"updated"`
	Unchanged int       `json:"unchanged"`
	Rejected  int       `json:"rejected"`
	Problems  []Problem `json:"problems,omitempty"`
}

// Ingester writes articles to the store and keeps the index following it.
type Ingester struct {
	Store  *store.Store
	Index  *index.Index
	Tagger Tagger // nil: no region tags
	Log    *slog.Logger
	// Strict makes the first rejected input fatal instead of reported.
	Strict bool

	pending []*article.Article
	sum     Summary
}

// Run ingests every path (files, or folders walked for known file types).
// Articles accepted before an error stay stored and indexed.
func (in *Ingester) Run(ctx context.Context, paths []string) (Summary, error) {
	if in.Log == nil {
		in.Log = slog.New(slog.DiscardHandler)
	}
	in.sum = Summary{}
	// A previous run may have been killed between store and index.
	if err := CatchUp(ctx, in.Store, in.Index); err != nil {
		return in.sum, err
	}
	files, err := expand(paths)
	if err != nil {
		return in.sum, err
	}
	for _, f := range files {
		if err = in.file(ctx, f); err != nil {
			break
		}
	}
	// Whatever was accepted before an error or an interrupt is kept: flush
	// it on every path.
	if ferr := in.flush(context.WithoutCancel(ctx)); ferr != nil {
		return in.sum, errors.Join(err, ferr)
	}
	return in.sum, err
}

func (in *Ingester) file(ctx context.Context, name string) error {
	in.sum.Files++
	in.Log.Debug("ingest file", "file", name)
	if !isJSONL(name) {
		return in.reject(Problem{File: name, Err: "unsupported file type (want .jsonl, .ndjson, optionally .gz)"})
	}
	f, err := os.Open(name)
	if err != nil {
		return in.reject(Problem{File: name, Err: err.Error()})
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return in.reject(Problem{File: name, Err: "not a gzip file: " + err.Error()})
		}
		defer gz.Close()
		r = gz
	}
	err = readJSONL(name, r, func(a *article.Article) error { return in.add(ctx, a) }, func(le *LineError) error {
		return in.reject(Problem{File: le.File, Line: le.Line, Err: le.Err.Error()})
	})
	var re *readError
	if errors.As(err, &re) {
		// An I/O error mid-file (a truncated gzip, say): what was read stays.
		return in.reject(Problem{File: name, Err: re.Error()})
	}
	return err // store or index failure, strict stop or interrupt: fatal
}

var errStrict = errors.New("rejected input in --strict mode")

func (in *Ingester) reject(p Problem) error {
	in.sum.Rejected++
	in.sum.Problems = append(in.sum.Problems, p)
	in.Log.Warn("rejected", "input", p.String())
	if in.Strict {
		return fmt.Errorf("%s: %w", p, errStrict)
	}
	return nil
}

func (in *Ingester) add(ctx context.Context, a *article.Article) error {
	if in.Tagger != nil {
		a.Regions = in.Tagger.Tag(a)
	}
	in.pending = append(in.pending, a)
	if len(in.pending) >= BatchSize {
		return in.flush(ctx)
	}
	return nil
}

func (in *Ingester) flush(ctx context.Context) error {
	if len(in.pending) == 0 {
		return nil
	}
	outs, err := in.Store.Put(ctx, dedupe(in.pending))
	if err != nil {
		return err
	}
	for _, o := range outs {
		switch o {
		case store.Added:
			in.sum.Added++
		case store.Updated:
			in.sum.Updated++
		case store.Unchanged:
			in.sum.Unchanged++
		}
	}
	in.Log.Debug("batch stored", "articles", len(in.pending), "added", in.sum.Added, "updated", in.sum.Updated, "unchanged", in.sum.Unchanged)
	in.pending = in.pending[:0]
	return CatchUp(ctx, in.Store, in.Index)
}

// dedupe keeps the last of several articles with one id in a batch, so the
// counts say what a reader expects: the second copy is "unchanged".
func dedupe(arts []*article.Article) []*article.Article {
	seen := make(map[string]int, len(arts))
	out := arts[:0:0]
	for _, a := range arts {
		if i, ok := seen[a.ID]; ok {
			out[i] = a
			continue
		}
		seen[a.ID] = len(out)
		out = append(out, a)
	}
	return out
}

func isJSONL(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return strings.HasSuffix(n, ".jsonl") || strings.HasSuffix(n, ".ndjson")
}

// expand turns paths into a sorted list of files; folders are walked and
// only files of known types are taken from them.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && knownType(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

func knownType(name string) bool { return isJSONL(name) }
