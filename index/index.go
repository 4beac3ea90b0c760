package index

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/highlight"
	"github.com/baosou/baosou/internal/durable"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolterrors "go.etcd.io/bbolt/errors"
)

// IndexLayout versions the mapping and document shape this code writes.
// Bump it whenever mapping.go or document() changes meaning.
const IndexLayout = "baosou-index-7"

// ErrVersion means the index on disk was written by another layout or
// analyzer version and must be rebuilt from the store.
var ErrVersion = errors.New("index version mismatch")

// ErrLocked means another process has the index open.
var ErrLocked = errors.New("index is in use by another process")

// runtimeConfig is passed to Bleve on every open: without a timeout, a
// second process opening a locked index would wait forever.
//
// unsafe_batch: a Bleve batch returns once it is searchable, not once the
// persister has written it, so the next batch's analysis and segment
// building overlap the writing of this one (and several unwritten
// segments are merged in memory before they reach disk). Durability is
// kept where it matters: Apply and Pipeline.Close wait for the persister,
// and every persisted snapshot holds the sequence number introduced with
// or before its documents, so after a crash the index is at worst behind
// the store and replays the rest.
//
// scorchMergePlanOptions: Bleve's default merge plan grows segments tenfold
// per tier up to 5M documents, so at 100k articles one merge reads ten
// segments of 5k articles (26 MiB per 1,000: 1.3 GiB, memory-mapped and
// counted in the process's RSS while it runs), and a million articles are
// rewritten once more for a tier of 500k. Capping a segment at
// maxSegmentDocs articles bounds what one merge touches (about 850 MiB) and
// saves that last rewrite; the price is more segments for a search to
// visit at archive size (about 30 to 60 at a million articles).
func runtimeConfig() map[string]any {
	return map[string]any{
		"bolt_timeout": "2s",
		"unsafe_batch": true,
		"scorchMergePlanOptions": map[string]any{
			"MaxSegmentSize": maxSegmentDocs,
		},
	}
}

// maxSegmentDocs caps the articles in one merged index segment (see
// runtimeConfig). Segments of more than half of it are not merged further.
const maxSegmentDocs = 32 << 10

var internalSeq = []byte("baosou_seq")

// meta is what the index records about how it was built.
type meta struct {
	Layout   string `json:"layout"`
	Analyzer string `json:"analyzer"`
}

// Index is an open Bleve index of articles.
type Index struct {
	dir     string
	bleve   bleve.Index
	seg     *segment.Segmenter
	log     *slog.Logger
	opts    Options
	version meta
	hl      *highlight.Highlighter
	sugg    suggester // words for Suggest, built in the background (suggest.go)
	papers  atomic.Pointer[papersCache]
	facets  facetCache   // facets of recent result sets (facetcache.go)
	cols    facetColumns // per-segment facet terms (facetcols.go)
	turns   *turns       // a search runs holding one (see Options.Searches, turns.go)
	// broadHits is how many hits make a match broad (see broad.go); 0
	// ranks every hit. DefaultBroadHits; tests set it.
	broadHits uint64
	// broadAlways ranks broad matches by their candidates whenever there
	// are any, unlikely to fill the page or not: for tests of the way back.
	broadAlways bool
	// broad counts broad searches ranked by their candidates, and those
	// whose candidates fell short (see broad.go).
	broad   struct{ candidates, fellShort atomic.Uint64 }
	bg      background  // facet columns and suggestions, read in the background
	warmNow atomic.Bool // a reading runs
	warmed  atomic.Bool // WarmFacets was called: Close saves every column
	// life ends when Close begins: the work done in the background
	// (facet columns, suggestions) stops then rather than hold Close up
	// (at a million articles, building suggestions takes ten seconds).
	life     context.Context
	stop     context.CancelFunc
	closing  sync.Once
	closeErr error
}

// Bounds of the snippet options.
const (
	MaxSnippetChars = 2000
	MaxSnippets     = 20
)

// Options configure search behaviour that is not stored in the index.
type Options struct {
	// ResolveRegion turns a user's region filter (长春, 吉林省) into the
	// indexed region path. Nil accepts the value as it is.
	ResolveRegion func(name string) (string, error)
	// SnippetChars is the target snippet length in characters.
	SnippetChars int
	// Snippets is the maximum number of body snippets per hit.
	Snippets int
	// UserDict is the operator's user dictionary (gse format), or nil.
	UserDict []byte
	// Timeout bounds one search; zero means DefaultTimeout, negative none.
	Timeout time.Duration
	// Searches is how many searches run at once (zero: one per core,
	// GOMAXPROCS); more wait their turn, in order, within their Timeout.
	Searches int
	// SegmenterCache, when set, is a directory where the loaded segmenter
	// is kept as a snapshot between processes (see segcache.go): a start
	// then does not load the dictionaries word by word. Empty keeps none.
	SegmenterCache string
	Log            *slog.Logger
}

// DefaultTimeout bounds a search when Options.Timeout is zero: a search
// box answer that takes longer is better cut off and narrowed.
const DefaultTimeout = 3 * time.Second

// Open opens the index in dir, creating it when dir does not exist. Its
// word fields are cut with the shipped dictionaries plus opts.UserDict. An
// index of another layout or analyzer version (other dictionaries) is
// refused with ErrVersion, before Bleve is asked to build its analyzers.
func Open(dir string, opts Options) (*Index, error) {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Searches < 0 {
		return nil, fmt.Errorf("open index %s: %d searches at once: want 0 (one per core) or more", dir, opts.Searches)
	}
	if opts.SnippetChars < 0 || opts.SnippetChars > MaxSnippetChars || opts.Snippets < 0 || opts.Snippets > MaxSnippets {
		return nil, fmt.Errorf("open index %s: snippets of %d characters, %d per hit: want at most %d characters and %d snippets", dir, opts.SnippetChars, opts.Snippets, MaxSnippetChars, MaxSnippets)
	}
	_, statErr := os.Stat(filepath.Join(dir, metaFile))
	exists := statErr == nil
	userDict := opts.UserDict
	if exists {
		// An index answers with the dictionary it was built with, not
		// the data directory's current one: after the operator edits
		// user-dict.txt the old index keeps serving correctly until a
		// rebuild with the new dictionary swaps in.
		var err error
		if userDict, err = builtWithDict(dir, opts.UserDict); err != nil {
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
	}
	seg, err := cachedSegmenter(userDict, opts.SegmenterCache, opts.Log)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	want := meta{Layout: IndexLayout, Analyzer: seg.Version()}
	var b bleve.Index
	if exists {
		b, err = open(dir, want)
	} else {
		b, err = create(dir, want, userDict)
	}
	if err != nil {
		return nil, err
	}
	x := &Index{dir: dir, bleve: b, seg: seg, log: opts.Log, opts: opts, version: want, hl: newHighlighter(opts)}
	x.turns = newTurns(cmp.Or(opts.Searches, runtime.GOMAXPROCS(0)))
	x.cols.dir, x.cols.log = filepath.Join(dir, facetsDir), opts.Log
	x.broadHits = DefaultBroadHits
	x.life, x.stop = context.WithCancel(context.Background())
	// Neither suggestion words (see refreshSuggestions) nor facet columns
	// are read here: the first answer waits for Open. At a million
	// articles the columns are hundreds of MB read beside the first
	// search, which doubled its time. A server warms them once it has
	// answered (WarmFacets); a search with facets before that reads the
	// columns it needs.
	return x, nil
}

func create(dir string, m meta, userDict []byte) (bleve.Index, error) {
	mapping, err := newMapping(m.Analyzer)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := clearForCreate(dir); err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	b, err := bleve.NewUsing(dir, mapping, scorch.Name, scorch.Name, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := writeDictCopy(dir, userDict); err != nil {
		b.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := writeMeta(dir, m); err != nil {
		b.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return b, nil
}

func open(dir string, want meta) (bleve.Index, error) {
	if err := checkMeta(dir, want); err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	b, err := bleve.OpenUsing(dir, runtimeConfig())
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open index %s: %w (is `baosou serve` or another baosou running?)", dir, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return b, nil
}

// metaFile records, beside Bleve's own files, how the index was built. It
// is read before Bleve opens the index, so a version mismatch is reported
// as such rather than as a failure to build an analyzer.
const metaFile = "baosou-index.json"

func writeMeta(dir string, m meta) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	// Written last and durably: an index directory with this file is
	// complete enough to open (see CurrentDir).
	return durable.WriteFile(filepath.Join(dir, metaFile), append(raw, '\n'), 0o644)
}

func checkMeta(dir string, want meta) error {
	raw, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return fmt.Errorf("%w: %v; this is not an index written by this baosou: run `baosou rebuild`", ErrVersion, err)
	}
	var got meta
	if err := json.Unmarshal(raw, &got); err != nil {
		return fmt.Errorf("%w: read %s: %v; run `baosou rebuild`", ErrVersion, metaFile, err)
	}
	if got != want {
		return fmt.Errorf("%w: the index was built with layout %q and analyzer %q, this baosou uses layout %q and analyzer %q (code or dictionaries changed); run `baosou rebuild` to rebuild it from the store",
			ErrVersion, got.Layout, got.Analyzer, want.Layout, want.Analyzer)
	}
	return nil
}

// Dir is the directory the index lives in.
func (x *Index) Dir() string { return x.dir }

// Close closes the index, first stopping what runs in the background.
// Later calls return what the first did (Bleve's own Close panics when
// called twice).
func (x *Index) Close() error { return x.close(true) }

// Discard closes an index about to be removed (a rebuild that failed or
// was cancelled): as Close, without writing what only serves a later
// start.
func (x *Index) Discard() error { return x.close(false) }

func (x *Index) close(keep bool) error {
	x.closing.Do(func() {
		x.stop()
		x.bg.Close()
		if keep {
			x.saveFacetColumns()
		}
		x.closeErr = x.bleve.Close()
	})
	return x.closeErr
}

// snapshot opens a reader of the index as it is now, as the scorch
// snapshot it is (segments, their dictionaries); the caller closes r.
func (x *Index) snapshot() (snap *scorch.IndexSnapshot, r io.Closer, err error) {
	adv, err := x.bleve.Advanced()
	if err != nil {
		return nil, nil, err
	}
	ir, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	snap, ok := ir.(*scorch.IndexSnapshot)
	if !ok {
		ir.Close()
		return nil, nil, fmt.Errorf("index reader %T is not a scorch snapshot", ir)
	}
	return snap, ir, nil
}

// Built returns when the index was created (its metadata file's time).
func (x *Index) Built() time.Time {
	st, err := os.Stat(filepath.Join(x.dir, metaFile))
	if err != nil {
		return time.Time{}
	}
	return st.ModTime()
}

// Version reports the layout and analyzer the index was built with.
func (x *Index) Version() (layout, analyzer string) { return x.version.Layout, x.version.Analyzer }

// Count returns the number of indexed articles.
func (x *Index) Count() (uint64, error) { return x.bleve.DocCount() }

// Seq returns the last store change sequence applied to this index.
func (x *Index) Seq() (uint64, error) {
	raw, err := x.bleve.GetInternal(internalSeq)
	if err != nil || len(raw) == 0 {
		return 0, err
	}
	if len(raw) != 8 {
		return 0, fmt.Errorf("corrupt index sequence (%d bytes)", len(raw))
	}
	return binary.BigEndian.Uint64(raw), nil
}

// Change is one article to index (Article set) or remove (Article nil).
type Change struct {
	Seq     uint64
	ID      string
	Article *article.Article
}

// Apply indexes one batch of changes and records the highest sequence in
// the same Bleve batch, so after a crash the recorded sequence never runs
// ahead of the documents: replaying from it is always enough. It returns
// when the batch is searchable and on disk.
func (x *Index) Apply(ctx context.Context, changes []Change) error {
	if len(changes) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	batch, top, err := x.batch(changes)
	if err != nil {
		return err
	}
	setSeq(batch, top)
	persisted := make(chan error, 1)
	batch.SetPersistedCallback(func(err error) { persisted <- err })
	if err := x.bleve.Batch(batch); err != nil {
		return fmt.Errorf("index batch of %d up to seq %d: %w", len(changes), top, err)
	}
	x.WarmFacets()
	return waitPersisted(ctx, persisted)
}

// batch builds the Bleve batch of changes and returns it with their
// highest sequence.
func (x *Index) batch(changes []Change) (*bleve.Batch, uint64, error) {
	batch := x.bleve.NewBatch()
	var top uint64
	for _, c := range changes {
		if c.Article == nil {
			batch.Delete(c.ID)
		} else if err := batch.Index(c.ID, document(c.Article)); err != nil {
			return nil, 0, fmt.Errorf("index article %s: %w", c.ID, err)
		}
		top = max(top, c.Seq)
	}
	return batch, top, nil
}

func setSeq(batch *bleve.Batch, seq uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	batch.SetInternal(internalSeq, b[:])
}

func waitPersisted(ctx context.Context, persisted <-chan error) error {
	select {
	case err := <-persisted:
		if err != nil {
			return fmt.Errorf("persist index: %w", err)
		}
		return nil
	case <-ctx.Done():
		// Not on disk yet: the next catch-up replays it if it never is.
		return ctx.Err()
	}
}

// pipelineDepth is how many batches a Pipeline indexes at once: two when
// the Go runtime's memory limit leaves room for two batches' analyses and
// segments (TwoBatchesHeap), else one. Bleve builds a batch's segment on
// one goroutine, so with one batch at a time the other core waits for the
// next batch's analysis; two at once overlap them. Measured on two cores:
// 16k articles into the 1.06M archive in 63.8 s (peak RSS 1.75 GiB) at a
// 1,400 MiB limit, against 78.9 s (1.33 GiB) one at a time at 1 GiB; at a
// 1 GiB limit two at once were slower than one (10k fresh: 53.0 s against
// 45 s), the collector running all the time.
func pipelineDepth() int {
	if debug.SetMemoryLimit(-1) >= TwoBatchesHeap {
		return 2
	}
	return 1
}

// TwoBatchesHeap is the memory limit from which a Pipeline indexes two
// batches at once (see pipelineDepth).
const TwoBatchesHeap = 1400 << 20

// Pipeline indexes a stream of change batches in order of sequence. While
// Bleve indexes one batch, the caller reads and decodes the next and Bleve
// writes the one before to disk (see runtimeConfig); with room for it, two
// batches are indexed at once (see pipelineDepth).
//
// The recorded sequence only ever names changes that are all indexed: a
// batch started while an earlier one is still in flight goes in without
// it, and a small batch of its own records it once every earlier batch is
// in. Bleve introduces batches in one order, and each persisted snapshot
// holds everything introduced before it, so the sequence on disk never
// runs ahead of the documents on disk.
type Pipeline struct {
	x        *Index
	ctx      context.Context
	depth    int
	inflight []flight
	applied  func(seq uint64)
	err      error
}

type flight struct {
	top      uint64
	recorded bool // the batch itself records top
	done     chan error
}

// Pipeline starts a pipeline on x. applied, when not nil, is called (in
// the caller's goroutine, from Add or Close) with each batch's highest
// sequence once it and all before it are searchable.
func (x *Index) Pipeline(ctx context.Context, applied func(seq uint64)) *Pipeline {
	return &Pipeline{x: x, ctx: ctx, depth: pipelineDepth(), applied: applied}
}

// Add starts indexing one batch of changes, in sequence order after the
// batches added before, first waiting for the oldest batch in flight when
// the pipeline is full. The pipeline keeps no reference to the changes
// slice once Add returns, only to the articles.
func (p *Pipeline) Add(changes []Change) error {
	if p.err != nil || len(changes) == 0 {
		return p.err
	}
	if err := p.ctx.Err(); err != nil {
		p.err = err
		return err
	}
	for len(p.inflight) >= p.depth {
		if err := p.retire(nil); err != nil {
			return err
		}
	}
	batch, top, err := p.x.batch(changes)
	if err != nil {
		p.err = err
		return err
	}
	f := flight{top: top, recorded: len(p.inflight) == 0, done: make(chan error, 1)}
	if f.recorded {
		setSeq(batch, top)
	}
	go func() {
		if err := p.x.bleve.Batch(batch); err != nil {
			f.done <- fmt.Errorf("index batch of %d up to seq %d: %w", len(changes), top, err)
			return
		}
		f.done <- nil
	}()
	p.inflight = append(p.inflight, f)
	return nil
}

// retire waits for the oldest batch in flight and records its sequence
// unless it did itself. With persisted, a batch (the record, or an empty
// one) is introduced with persisted as its callback.
func (p *Pipeline) retire(persisted func(error)) error {
	f := p.inflight[0]
	p.inflight = p.inflight[1:]
	if err := <-f.done; err != nil {
		p.err = err
		return err
	}
	if !f.recorded || persisted != nil {
		b := p.x.bleve.NewBatch()
		if !f.recorded {
			setSeq(b, f.top)
		}
		if persisted != nil {
			b.SetPersistedCallback(persisted)
		}
		if err := p.x.bleve.Batch(b); err != nil {
			p.err = fmt.Errorf("record index sequence %d: %w", f.top, err)
			return p.err
		}
	}
	if p.applied != nil {
		p.applied(f.top)
	}
	p.x.WarmFacets()
	return nil
}

// Close waits for the batches in flight and returns when everything added
// is searchable and on disk, or the first error. No batch is still being
// indexed when it returns, error or not.
func (p *Pipeline) Close() error {
	for len(p.inflight) > 0 {
		if p.err != nil {
			<-p.inflight[0].done
			p.inflight = p.inflight[1:]
			continue
		}
		if len(p.inflight) > 1 {
			_ = p.retire(nil)
			continue
		}
		persisted := make(chan error, 1)
		if err := p.retire(func(err error) { persisted <- err }); err != nil {
			return err
		}
		return waitPersisted(p.ctx, persisted)
	}
	return p.err
}

// document is what Bleve indexes for an article.
func document(a *article.Article) map[string]any {
	body := a.BodyText()
	d := map[string]any{
		FieldTitle:    a.Title,
		FieldKicker:   a.Kicker,
		FieldSubtitle: a.Subtitle,
		FieldBody:     body,
		// One element per field: Bleve keeps array elements apart in
		// phrase matching, so no substring is found across two fields.
		// The body comes first: Bleve merges the token frequencies of
		// every later element into the first one's, term by term and
		// location by location, so the long text goes in once rather
		// than into a heading's small map (that merge was 6% of an
		// ingest's CPU). No query depends on the order.
		propText:       []string{body, a.Title, a.Kicker, a.Subtitle},
		propHead:       []string{a.Title, a.Kicker, a.Subtitle},
		propWords:      []string{body, a.Title, a.Kicker, a.Subtitle},
		FieldSection:   a.Section,
		FieldNewspaper: a.Newspaper,
		FieldPage:      a.Page,
		FieldRegions:   a.Regions,
		FieldAuthors:   a.Authors,
	}
	if t, err := time.Parse(article.DateLayout, a.Date); err == nil {
		d[FieldDate] = t
		d[FieldYear] = a.Date[:4]
		d[FieldDay] = a.Date[:10]
	}
	d[FieldFacet] = facetTerms(a)
	return d
}
