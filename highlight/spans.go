package highlight

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxScoredNeedles is how many distinct needles the snippet scorer tells
// apart (one bit each); needles beyond it are still marked, they just do not
// add to a fragment's "distinct needles" score.
const maxScoredNeedles = 64

// match is a merged span plus the set of needles (bit i = needle i) found
// inside it, for snippet scoring.
type match struct {
	Span
	needles uint64
}

// match finds every needle in the folded text and returns the merged spans in
// original offsets, sorted by position.
func (h *Highlighter) match(text string, needles []string) []match {
	ns := h.foldNeedles(needles)
	if len(ns) == 0 || text == "" {
		return nil
	}
	folded, offsets := text, []int(nil)
	if h.mustFold(text, ns) {
		folded, offsets = h.foldText(text)
	}
	runs := findAll(folded, ns)
	if len(runs) == 0 {
		return nil
	}
	slices.SortFunc(runs, func(a, b run) int { return cmp.Compare(a.start, b.start) })
	return mergeOriginal(text, offsets, mergeFolded(runs))
}

// mustFold reports whether text must be folded before needles (folded) are
// searched in it. It need not when no character that folding changes folds
// to a character of a needle: then every match in the folded text is the
// same characters in the text itself, at offsets of the text. For most
// bodies and queries (full-width punctuation, say, but a query of Han
// words) this spares folding every body of every hit.
func (h *Highlighter) mustFold(text string, needles []string) bool {
	if h.fold == nil {
		return false
	}
	if h.foldRune == nil {
		return true
	}
	if h.variants != nil {
		return h.foldsIntoNeedles(text, needles)
	}
	in := needleRunes(needles)
	for _, r := range text {
		if r == utf8.RuneError {
			return true // invalid bytes: let the fold decide
		}
		if f := h.foldRune(r); f != r && slices.Contains(in, f) {
			return true
		}
	}
	return false
}

// foldsIntoNeedles is mustFold with the Variants option: one scan of the
// text per rune that folds into a needle's (a few per needle character),
// not a fold of every rune of the text.
func (h *Highlighter) foldsIntoNeedles(text string, needles []string) bool {
	if !utf8.ValidString(text) {
		return true // invalid bytes: let the fold decide
	}
	for _, r := range needleRunes(needles) {
		for _, v := range h.variants(r) {
			if index(text, string(v)) >= 0 {
				return true
			}
		}
	}
	return false
}

// index is strings.Index, anchored on the needle's last byte: in Chinese
// text the first byte of a needle is a lead byte that starts one character
// in a few (E5–E9 lead most of them), and the library drops to a faster
// search only after many misses; the last byte is one of 64 continuation
// bytes, rare enough to skip far at each step.
func index(s, needle string) int {
	n := len(needle)
	if n < 2 {
		return strings.Index(s, needle)
	}
	last := needle[n-1]
	for i := n - 1; i < len(s); i++ {
		if s[i] != last { // a call only to skip
			j := strings.IndexByte(s[i:], last)
			if j < 0 {
				return -1
			}
			i += j
		}
		if s[i+1-n:i+1] == needle {
			return i + 1 - n
		}
	}
	return -1
}

// needleRunes returns the distinct runes of needles; few, so a slice
// beats a map.
func needleRunes(needles []string) []rune {
	var in []rune
	for _, n := range needles {
		for _, r := range n {
			if !slices.Contains(in, r) {
				in = append(in, r)
			}
		}
	}
	return in
}

// foldNeedles folds and de-duplicates needles, keeping first-seen order so
// needle ids (and hence scores) are deterministic.
func (h *Highlighter) foldNeedles(needles []string) []string {
	out := make([]string, 0, len(needles))
	seen := make(map[string]struct{}, len(needles)) // membership only, never iterated
	for _, n := range needles {
		if n == "" {
			continue
		}
		if h.fold != nil {
			n, _ = h.fold(n)
		}
		if _, dup := seen[n]; n == "" || dup {
			continue
		}
		seen[n] = struct{}{}
		out = append(out, n)
	}
	return out
}

// foldText folds text; nil offsets mean identity. A fold whose offsets break
// the FoldFunc contract is ignored (identity), so a faulty fold can cost
// recall but can never misplace a mark or cause a panic.
func (h *Highlighter) foldText(text string) (string, []int) {
	if h.fold == nil {
		return text, nil
	}
	folded, offsets := h.fold(text)
	if !validOffsets(text, folded, offsets) {
		return text, nil
	}
	return folded, offsets
}

func validOffsets(text, folded string, offsets []int) bool {
	if len(offsets) != len(folded)+1 || offsets[len(folded)] != len(text) {
		return false
	}
	prev := 0
	for _, o := range offsets[:len(folded)] {
		if o < prev || o >= len(text) {
			return false
		}
		prev = o
	}
	return true
}

// findAll returns, for every needle, the runs its occurrences cover, with
// overlapping occurrences included (哈哈 occurs twice in 哈哈哈): one
// strings.Index scan per needle. Occurrences of one needle that overlap or
// touch are coalesced on the spot, so a text of 10,000 哈 gives one run, not
// 10,000 occurrences to sort.
func findAll(folded string, needles []string) []run {
	var runs []run
	for id, n := range needles {
		first := len(runs)
		for i := 0; i < len(folded); {
			j := index(folded[i:], n)
			if j < 0 {
				break
			}
			s := i + j
			if k := len(runs) - 1; k >= first && s <= runs[k].end {
				runs[k].end = s + len(n)
			} else {
				runs = append(runs, run{s, s + len(n), bit(id)})
			}
			// Occurrences starting before end-len(n) lie inside this run.
			_, w := utf8.DecodeRuneInString(folded[s:])
			i = max(s+w, runs[len(runs)-1].end-len(n)+1)
		}
	}
	return runs
}

// run is a stretch of folded text covered by merged occurrences, with the
// set of needles (bit i = needle i) found inside it.
type run struct {
	start, end int
	needles    uint64
}

// mergeFolded merges runs (sorted by start) that overlap or touch. The
// union is what makes the longest needle win (长春 inside 长春市 adds nothing
// to the mark); every run still adds its needle bit, so a mark holding the
// whole phrase 吉林西部 scores its parts 吉林 and 西部 as well.
func mergeFolded(runs []run) []run {
	out := make([]run, 0, len(runs))
	for _, r := range runs {
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, r.end)
			out[n-1].needles |= r.needles
			continue
		}
		out = append(out, r)
	}
	return out
}

func bit(id int) uint64 {
	if id >= maxScoredNeedles {
		return 0
	}
	return 1 << id
}

// mergeOriginal maps folded runs to original offsets, snaps them to rune
// boundaries and merges again: runs apart in the folded text can touch in
// the original when one original rune folded to several.
func mergeOriginal(text string, offsets []int, runs []run) []match {
	out := make([]match, 0, len(runs))
	for _, r := range runs {
		s, e := toOriginal(text, offsets, r.start, r.end)
		bits := r.needles
		if n := len(out); n > 0 && s <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, e)
			out[n-1].needles |= bits
			continue
		}
		out = append(out, match{Span{s, e}, bits})
	}
	return out
}

// toOriginal maps the folded range [fs, fe) (fe > fs) to original offsets.
// The end is the start of the original rune behind folded byte fe, unless
// that is the same rune as the last matched byte (a rune folded to several
// runes and the match ended inside them): then the whole rune is taken.
func toOriginal(text string, offsets []int, fs, fe int) (int, int) {
	s, e := fs, fe
	if offsets != nil {
		s, e = offsets[fs], offsets[fe]
		if last := offsets[fe-1]; e <= last {
			_, w := utf8.DecodeRuneInString(text[last:])
			e = last + w
		}
	}
	for !onBoundary(text, s) {
		s--
	}
	for !onBoundary(text, e) {
		e++
	}
	return s, e
}

// onBoundary reports whether byte offset p of s starts a rune (or is the
// end), decoding as utf8.DecodeRuneInString does: each invalid byte is a
// rune of its own.
func onBoundary(s string, p int) bool {
	if p <= 0 || p >= len(s) || utf8.RuneStart(s[p]) {
		return true
	}
	for q := p - 1; q >= 0 && q >= p-(utf8.UTFMax-1); q-- {
		if utf8.RuneStart(s[q]) {
			_, w := utf8.DecodeRuneInString(s[q:])
			return q+w <= p
		}
	}
	return true
}
