package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

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
	Merged    int       `json:"merged"` // reprints folded into a stored article
	Rejected  int       `json:"rejected"`
	Withheld  int       `json:"withheld,omitempty"` // on the take-down list, not stored
	Layouts   int       `json:"layouts"`
	Sectioned int       `json:"sectioned"` // stored articles that a layout page gave their section
	Problems  []Problem `json:"problems,omitempty"`

	// Problems holds the first MaxProblems rejections; ProblemsOmitted
	// counts the others (each was logged as it happened).
	ProblemsOmitted int `json:"problems_omitted,omitempty"`
}

// Store is what an ingest needs of the store.
type Store interface {
	Put(ctx context.Context, arts []*article.Article) ([]store.Outcome, error)
	SameStory(ctx context.Context, key string) ([]*article.Article, error)
	SameIssue(ctx context.Context, newspaper, date string) ([]*article.Article, error)
	Sections(ctx context.Context, newspaper, date string) (map[string]string, error)
	AddSections(ctx context.Context, newspaper, date string, sections map[string]string) error
	ChangeLog
}

// Follower keeps the searchable index caught up with the store: an
// *Indexer.
type Follower interface {
	// Wake asks for a catch-up, holding the caller back while the index
	// lags too far behind.
	Wake(ctx context.Context) error
	// CatchUp returns when the index holds every stored change.
	CatchUp(ctx context.Context) error
}

// MaxProblems bounds the problems a Summary keeps, so that a flood of bad
// input costs counts, not memory.
const MaxProblems = 100

// Ingester writes articles to the store and keeps the index following it.
type Ingester struct {
	Store Store
	// Follow keeps the serving index caught up (a server's Indexer). When
	// nil, Index is kept caught up by an Indexer of this run's own.
	Follow Follower
	Index  *index.Index
	Tagger Tagger // nil: no region tags
	Log    *slog.Logger
	// Strict makes the first rejected input fatal instead of reported.
	Strict bool
	// Progress, when not nil, is told as the input is read the bytes
	// read so far and the bytes of all files (see Reader.Progress).
	Progress func(done, total int64)

	queue  []*pending
	byKey  map[string][]*pending // queue by article.StoryKey
	byID   map[string]*pending   // queue by article id
	sum    Summary
	follow Follower
}

// Run ingests every path (files, or folders walked for known file types).
// Articles accepted before an error stay stored and indexed.
func (in *Ingester) Run(ctx context.Context, paths []string) (Summary, error) {
	if in.Log == nil {
		in.Log = slog.New(slog.DiscardHandler)
	}
	in.sum = Summary{}
	in.follow = in.Follow
	if in.follow == nil {
		ix := NewIndexer(in.Store, index.NewLive(in.Index))
		bg, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			ix.Run(bg, time.Second, nil)
		}()
		// The background catch-up must be over before the caller may
		// close the index.
		defer func() { stop(); <-done }()
		in.follow = ix
	}
	// A previous run may have been killed between store and index.
	if err := in.follow.CatchUp(ctx); err != nil {
		return in.sum, err
	}
	rd := &Reader{Tagger: in.Tagger, Problem: in.reject, Progress: in.Progress}
	err := rd.Read(ctx, paths, func(it Item) error {
		if it.Layout != nil {
			in.sum.Layouts++
			return in.layout(ctx, it.Layout)
		}
		if err := in.fillSection(ctx, it.Article); err != nil {
			return err
		}
		return in.add(ctx, it)
	})
	in.sum.Files = rd.Files
	// Whatever was accepted before an error or an interrupt is kept: flush
	// it on every path.
	ferr := in.flush(context.WithoutCancel(ctx))
	if ctx.Err() != nil {
		// Interrupted: what the store took stays; the index catches up on
		// the next ingest or serve start, as after a crash.
		return in.sum, errors.Join(err, ferr)
	}
	if ferr == nil {
		// Everything acknowledged is searchable when Run returns.
		ferr = in.follow.CatchUp(ctx)
	}
	if ferr != nil {
		return in.sum, errors.Join(err, ferr)
	}
	return in.sum, err
}

var errStrict = errors.New("rejected input in --strict mode")

func (in *Ingester) reject(p Problem) error {
	in.sum.Rejected++
	if len(in.sum.Problems) < MaxProblems {
		in.sum.Problems = append(in.sum.Problems, p)
	} else {
		in.sum.ProblemsOmitted++
	}
	in.Log.Warn("rejected", "input", p.String())
	if in.Strict {
		return fmt.Errorf("%s: %w", p, errStrict)
	}
	return nil
}

// pending is an article waiting for the next store batch.
type pending struct {
	a         *article.Article
	file      string // where the record that last changed a was read
	line      int
	merged    bool // a stored article that this run's reprint was folded into
	sectioned bool // a stored article that a layout page gave its section
	replaced  int  // later records of the same id in this run that replaced it
}

// add queues an article, folding it into another printing of the same story
// (same newspaper, date and title, and the same text: see
// article.SameStory) when one is queued or stored, so a story printed on two
// pages is stored once with both pages and every text it was printed with
// (article.MergePrinting).
func (in *Ingester) add(ctx context.Context, it Item) error {
	a := it.Article
	key := article.StoryKey(a)
	if p, ok := in.byID[a.ID]; ok {
		// The same article twice in one run: the later record wins.
		if !mergeChanges(article.Merge, a, p.a, p.a) {
			in.sum.Unchanged++
		} else {
			p.replaced++ // counted when stored: a change only if the store's copy differs
		}
		if key != article.StoryKey(p.a) {
			in.byKey[key] = append(in.byKey[key], p)
		}
		p.a, p.file, p.line = a, it.File, it.Line
		return nil
	}
	for _, p := range in.byKey[key] {
		if article.SameStory(p.a, a) {
			if mergeChanges(article.MergePrinting, p.a, a, p.a) {
				p.file, p.line = it.File, it.Line
				in.sum.Merged++ // p itself is counted when its batch is stored
			} else {
				in.sum.Unchanged++ // already recorded: a re-ingest
			}
			return nil
		}
	}
	stored, err := in.Store.SameStory(ctx, key)
	if err != nil {
		return err
	}
	p := &pending{a: a, file: it.File, line: it.Line}
	for _, s := range stored {
		if s.ID == a.ID {
			// A re-ingest: the new record wins, keeping the pages (and any
			// fields it lacks) that other printings added.
			article.Merge(a, s)
			break
		}
		if article.SameStory(s, a) {
			article.MergePrinting(s, a)
			p = &pending{a: s, merged: true, file: it.File, line: it.Line}
			break
		}
	}
	in.queue = append(in.queue, p)
	if in.byKey == nil {
		in.byKey, in.byID = map[string][]*pending{}, map[string]*pending{}
	}
	in.byKey[key] = append(in.byKey[key], p)
	in.byID[p.a.ID] = p
	if len(in.queue) >= BatchSize {
		return in.flush(ctx)
	}
	return nil
}

// mergeChanges merges src into dst (article.Merge for a newer record of
// the same id, article.MergePrinting for another printing) and reports
// whether the result differs from what the queued article prev was before
// the merge.
func mergeChanges(merge func(dst, src *article.Article), dst, src, prev *article.Article) bool {
	before, _ := json.Marshal(prev)
	merge(dst, src)
	after, _ := json.Marshal(dst)
	return !bytes.Equal(before, after)
}

func (in *Ingester) flush(ctx context.Context) error {
	if len(in.queue) == 0 {
		return nil
	}
	arts := make([]*article.Article, len(in.queue))
	for i, p := range in.queue {
		arts[i] = p.a
	}
	outs, err := in.put(ctx, arts)
	if err != nil {
		return err
	}
	// What an ingest reports as stored survives a power loss.
	if err := in.Store.Sync(); err != nil {
		return err
	}
	for i, o := range outs {
		if o == store.Unchanged {
			in.sum.Unchanged += in.queue[i].replaced
		} else {
			in.sum.Updated += in.queue[i].replaced
		}
		switch {
		case o == store.Withheld:
			in.sum.Withheld++
		case o == store.Unchanged:
			in.sum.Unchanged++
		case in.queue[i].merged:
			in.sum.Merged++
		case in.queue[i].sectioned:
			in.sum.Sectioned++
		case o == store.Added:
			in.sum.Added++
		case o == store.Updated:
			in.sum.Updated++
		}
	}
	in.Log.Debug("batch stored", "articles", len(arts), "added", in.sum.Added, "updated", in.sum.Updated, "unchanged", in.sum.Unchanged, "merged", in.sum.Merged)
	in.queue = in.queue[:0]
	clear(in.byKey)
	clear(in.byID)
	if ctx.Err() != nil {
		return nil // the final flush of an interrupted run: the store keeps it
	}
	return in.follow.Wake(ctx)
}
