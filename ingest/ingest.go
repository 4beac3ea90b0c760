package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

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
	Layouts   int       `json:"layouts"`
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
	rd := &Reader{Tagger: in.Tagger, Problem: in.reject}
	err := rd.Read(ctx, paths, func(it Item) error {
		if it.Layout != nil {
			in.sum.Layouts++
			return nil
		}
		return in.add(ctx, it.Article)
	})
	in.sum.Files = rd.Files
	// Whatever was accepted before an error or an interrupt is kept: flush
	// it on every path.
	if ferr := in.flush(context.WithoutCancel(ctx)); ferr != nil {
		return in.sum, errors.Join(err, ferr)
	}
	return in.sum, err
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
