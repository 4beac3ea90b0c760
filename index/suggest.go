package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
)

// Bounds of suggestions.
const (
	DefaultSuggestions = 8
	MaxSuggestions     = 20
	// MaxSuggestRunes is the longest input that is completed: longer text
	// is a query, not a word being typed.
	MaxSuggestRunes = 32
	// maxBodyWords bounds the words taken from bodies (the most frequent);
	// every title word is taken.
	maxBodyWords = 50000
	// minBodyCount is how many articles a body word must occur in.
	minBodyCount = 2
	// Refreshing: the index is checked for changes at most every
	// suggestCheckEvery; the words are rebuilt when it has changed by
	// suggestRebuildChanges store changes, or at all when they are older
	// than suggestMaxAge.
	suggestCheckEvery     = 5 * time.Second
	suggestRebuildChanges = 1000
	suggestMaxAge         = 2 * time.Minute
)

// suggester holds the words suggestions are drawn from, built from the
// index's term dictionaries and read without locks.
type suggester struct {
	cur       atomic.Pointer[suggestWords]
	building  sync.Mutex  // one build at a time
	running   atomic.Bool // a background build is under way
	lastCheck atomic.Int64
}

// suggestWords is one build: candidate words in rank order (most articles
// first, then shorter, then string order) and, for each rune, the
// candidates holding it, in the same order.
type suggestWords struct {
	text   []string
	count  []uint32
	byRune map[rune][]uint32
	seq    uint64 // the index's sequence when built
	built  time.Time
	bytes  int // approximate memory held
}

// Suggest completes q from the words of the index's titles and bodies: the
// candidates that start with q, then those that contain it, each by the
// number of articles they occur in (more first), then shorter first. An
// empty or over-long q has no suggestions. Until the words are first built
// (in the background, started by the first call) the list is empty.
func (x *Index) Suggest(ctx context.Context, q string, size int) ([]search.Suggestion, error) {
	switch {
	case size == 0:
		size = DefaultSuggestions
	case size < 0 || size > MaxSuggestions:
		return nil, &search.ParamError{Param: "size", Reason: fmt.Sprintf("must be 1 to %d", MaxSuggestions)}
	}
	w := x.sugg.cur.Load()
	x.refreshSuggestions(w)
	q = strings.TrimSpace(q)
	if q == "" || utf8.RuneCountInString(q) > MaxSuggestRunes || w == nil {
		return []search.Suggestion{}, nil
	}
	folded, _ := segment.Fold(q)
	return w.complete(folded, size), nil
}

// complete scans the candidates holding q's rarest rune, in rank order.
func (w *suggestWords) complete(q string, size int) []search.Suggestion {
	var list []uint32
	first := true
	for _, r := range q {
		l := w.byRune[r]
		if first || len(l) < len(list) {
			list, first = l, false
		}
		if len(list) == 0 {
			return []search.Suggestion{}
		}
	}
	// Prefix matches first; but a quarter of the places (at least one)
	// go to the most frequent words that hold q inside, so 春 also
	// suggests 长春 when many words start with 春.
	infixSlots := max(1, size/4)
	prefix := make([]search.Suggestion, 0, size)
	var infix []search.Suggestion
	for _, id := range list {
		t := w.text[id]
		switch {
		case strings.HasPrefix(t, q):
			if len(prefix) < size {
				prefix = append(prefix, search.Suggestion{Text: t, Count: uint64(w.count[id])})
			}
		case len(infix) < size && strings.Contains(t, q):
			infix = append(infix, search.Suggestion{Text: t, Count: uint64(w.count[id])})
		}
		if len(prefix) == size && len(infix) >= infixSlots {
			break // the list is in rank order: nothing later ranks higher
		}
	}
	keep := min(len(prefix), max(size-len(infix), size-infixSlots))
	out := append(prefix[:keep], infix...)
	return out[:min(len(out), size)]
}

// BuildSuggestions (re)builds the words Suggest draws from, now.
func (x *Index) BuildSuggestions(ctx context.Context) error {
	x.sugg.building.Lock()
	defer x.sugg.building.Unlock()
	w, err := x.buildSuggestWords(ctx)
	if err != nil {
		return err
	}
	x.sugg.cur.Store(w)
	x.log.Debug("suggestions built", "words", len(w.text), "bytes", w.bytes, "took", time.Since(w.built))
	if err := x.saveSuggestions(w); err != nil {
		x.log.Warn("keep the suggestion words for the next start", "err", err)
	}
	return nil
}

// SuggestionStats reports the words suggestions are drawn from and the
// approximate memory they hold; zero before the first build.
func (x *Index) SuggestionStats() (words, bytes int) {
	if w := x.sugg.cur.Load(); w != nil {
		return len(w.text), w.bytes
	}
	return 0, 0
}

// refreshSuggestions starts a background build when there are no words
// yet, or when w is out of date with the index (checked at most every
// suggestCheckEvery).
//
// With no words yet, the background work first reads those the last build
// kept beside the index (suggestfile.go; 0.2 s at a million articles, not
// spent in Open, which the first answer waits for) and builds only if
// they are missing or out of date.
func (x *Index) refreshSuggestions(w *suggestWords) {
	if w != nil {
		now := time.Now().UnixNano()
		last := x.sugg.lastCheck.Load()
		if now-last < int64(suggestCheckEvery) || !x.sugg.lastCheck.CompareAndSwap(last, now) {
			return
		}
		if x.suggestionsCurrent(w) {
			return
		}
	}
	x.bg.Once(&x.sugg.running, func() {
		if w == nil {
			if saved := x.savedSuggestions(); saved != nil && x.suggestionsCurrent(saved) {
				return
			}
		}
		// Bleve's FieldDict holds the index open while it is read, and
		// fails once the index is closed: a build never outlives it.
		if err := x.BuildSuggestions(x.life); err != nil && x.life.Err() == nil {
			x.log.Warn("build suggestions", "err", err)
		}
	})
}

// suggestionsCurrent reports whether w needs no rebuild: the index has
// not changed since, or by fewer than suggestRebuildChanges changes while
// w is younger than suggestMaxAge.
func (x *Index) suggestionsCurrent(w *suggestWords) bool {
	seq, err := x.Seq()
	if err != nil || seq == w.seq {
		return true
	}
	return seq-w.seq < suggestRebuildChanges && time.Since(w.built) < suggestMaxAge
}

// buildSuggestWords reads every title word and the maxBodyWords most
// frequent other words of the text (in minBodyCount articles or more),
// each of two or more characters with a letter, with the number of
// articles whose text holds it.
func (x *Index) buildSuggestWords(ctx context.Context) (*suggestWords, error) {
	start := time.Now()
	seq, err := x.Seq()
	if err != nil {
		return nil, err
	}
	title, body := map[string]uint32{}, map[string]uint32{}
	if err := x.readDicts(ctx, []string{FieldTitle, FieldWords}, []map[string]uint32{title, body}); err != nil {
		return nil, err
	}
	// Every title word, and the most frequent body words.
	counts := make(map[string]uint32, len(title)+min(len(body), maxBodyWords))
	for t, n := range title {
		counts[t] = max(n, body[t])
	}
	words := make([]string, 0, len(body))
	for t, n := range body {
		if _, ok := title[t]; !ok && n >= minBodyCount {
			words = append(words, t)
		}
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(cmp.Compare(body[b], body[a]), strings.Compare(a, b)) })
	for _, t := range words[:min(len(words), maxBodyWords)] {
		counts[t] = body[t]
	}
	w := newSuggestWords(counts)
	w.seq, w.built = seq, start
	return w, nil
}

// newSuggestWords indexes the words of counts by rune, in rank order.
func newSuggestWords(counts map[string]uint32) *suggestWords {
	w := &suggestWords{text: make([]string, 0, len(counts)), byRune: map[rune][]uint32{}}
	runes := make(map[string]int, len(counts))
	for t := range counts {
		w.text = append(w.text, t)
		runes[t] = utf8.RuneCountInString(t)
	}
	slices.SortFunc(w.text, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(runes[a], runes[b]), strings.Compare(a, b))
	})
	w.count = make([]uint32, len(w.text))
	w.bytes = len(w.text) * (16 + 4) // string headers and counts
	for i, t := range w.text {
		w.count[i] = counts[t]
		w.bytes += len(t)
		for j, r := range t {
			if strings.ContainsRune(t[:j], r) {
				continue // once per candidate
			}
			w.byRune[r] = append(w.byRune[r], uint32(i))
		}
	}
	for r, l := range w.byRune {
		w.byRune[r] = slices.Clip(l)
		w.bytes += 4*len(l) + 24 + 8
	}
	return w
}

// readDicts adds the terms of each field that are worth suggesting to
// counts[i], with the number of live articles each occurs in.
//
// The counts are read segment by segment, term by term: the counts Bleve's
// dictionary iterators give are wrong after a term of one article in a
// segment (zapx reuses the postings list it counts with and keeps its
// one-hit state), and they include deleted articles.
func (x *Index) readDicts(ctx context.Context, fields []string, counts []map[string]uint32) error {
	// An open dictionary holds the index open (Close waits for it, and a
	// closed index refuses it), so a build never reads a closed index.
	guard, err := x.bleve.FieldDict(FieldNewspaper)
	if err != nil {
		return fmt.Errorf("read the index's words: %w", err)
	}
	defer guard.Close()
	snap, r, err := x.snapshot()
	if err != nil {
		return fmt.Errorf("read the index's words: %w", err)
	}
	defer r.Close()
	for _, seg := range snap.Segments() {
		deleted := seg.Deleted()
		for i, field := range fields {
			d, err := seg.Segment().Dictionary(field)
			if err != nil {
				return fmt.Errorf("read the %s words: %w", field, err)
			}
			pl, err := d.PostingsList(nil, nil, nil) // reused for every term
			if err != nil {
				return err
			}
			it := d.AutomatonIterator(nil, nil, nil)
			for j := 0; ; j++ {
				if j%4096 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				e, err := it.Next()
				if err != nil {
					return fmt.Errorf("read the %s words: %w", field, err)
				}
				if e == nil {
					break
				}
				if !suggestable(e.Term) {
					continue
				}
				if pl, err = d.PostingsList([]byte(e.Term), deleted, pl); err != nil {
					return fmt.Errorf("read the %s words: %w", field, err)
				}
				if n := pl.Count(); n > 0 {
					counts[i][strings.Clone(e.Term)] += uint32(min(n, 1<<32-1))
				}
			}
		}
	}
	return nil
}

// suggestable: two characters or more, at most MaxSuggestRunes, with a
// letter and no space.
func suggestable(t string) bool {
	n, letter := 0, false
	for _, r := range t {
		n++
		if unicode.IsSpace(r) {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return n >= 2 && n <= MaxSuggestRunes && letter
}
