package highlight

import "strings"

// FoldFunc folds text for matching (width, case, Traditional→Simplified) and
// returns, for each byte i of the folded string, offsets[i] = byte offset in
// the original of the rune that produced it, plus a final entry len(original).
type FoldFunc func(s string) (folded string, offsets []int)

// Options configures a Highlighter. Zero values mean the defaults.
type Options struct {
	Fold FoldFunc // nil = identity
	// FoldRune, when set, is Fold for one rune (Fold must then fold rune by
	// rune). The highlighter uses it to see that a text needs no folding
	// for the needles at hand, which spares most of the work.
	FoldRune func(rune) rune
	// Variants, when set with FoldRune, returns the runes other than r
	// that FoldRune folds to r. Seeing that a text needs no folding then
	// takes one scan of it per variant of a needle's runes instead of a
	// fold of each of its runes.
	Variants      func(r rune) []rune
	FragmentChars int // target snippet length in characters (runes), default 120
	MaxFragments  int // default 3
}

// Defaults applied by New to zero or negative option values.
const (
	DefaultFragmentChars = 120
	DefaultMaxFragments  = 3
)

// Highlighter marks query matches in text. It holds no mutable state and is
// safe for concurrent use.
type Highlighter struct {
	fold      FoldFunc
	foldRune  func(rune) rune
	variants  func(rune) []rune
	fragChars int
	maxFrags  int
}

// Span is a half-open byte range [Start, End) of the original text.
type Span struct{ Start, End int }

// New returns a Highlighter with opts, defaults filled in.
func New(opts Options) *Highlighter {
	h := &Highlighter{fold: opts.Fold, foldRune: opts.FoldRune, fragChars: opts.FragmentChars, maxFrags: opts.MaxFragments}
	if h.fragChars <= 0 {
		h.fragChars = DefaultFragmentChars
	}
	if h.maxFrags <= 0 {
		h.maxFrags = DefaultMaxFragments
	}
	if h.foldRune != nil {
		h.variants = opts.Variants
	}
	return h
}

// Spans returns non-overlapping byte spans [Start,End) in text where any
// needle occurs in the folded text, mapped back to original offsets. Where
// needles overlap, the union is marked, so the longest match at each place
// wins (长春市, not 长春 inside it); overlapping and adjacent spans are
// merged, and spans always lie on rune boundaries of text. Needles are folded
// again (folding is idempotent) so a caller passing 長春 still finds 长春;
// needles that are empty or fold to nothing are ignored.
func (h *Highlighter) Spans(text string, needles []string) []Span {
	ms := h.match(text, needles)
	if len(ms) == 0 {
		return nil
	}
	out := make([]Span, len(ms))
	for i, m := range ms {
		out[i] = m.Span
	}
	return out
}

// Mark returns the whole text HTML-escaped with matches wrapped in
// <mark>…</mark>. Invalid UTF-8 bytes come out as U+FFFD.
func (h *Highlighter) Mark(text string, needles []string) string {
	ms := h.match(text, needles)
	var b strings.Builder
	b.Grow(len(text) + len(ms)*len("<mark></mark>") + len(text)/8)
	writeMarked(&b, text, 0, len(text), ms)
	return b.String()
}
