package segment

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// word is one segmentation unit over the folded text.
type word struct {
	fs, fe int        // byte span in the folded text
	rs     int        // rune index of the first character
	tok    *gse.Token // dictionary token, for sub-words; nil otherwise
	core   int        // for numbers: folded byte end of the numeric part, else 0

	// For a piece of a dictionary word that refine cut (检察机关 → 检察,
	// 机关): that whole word, which ModeIndex also indexes. oe == 0 otherwise.
	os, oe, ors int
	otok        *gse.Token
}

// Tokenize segments text. Positions are rune index + 1 in both modes; in
// ModeIndex sub-words follow the word they are part of and share the same
// position rule, so positions never decrease.
//
// The text is folded first (see Fold) and segmented in folded form, so
// 長春 segments like 长春; offsets point into the original text. Spaces
// and punctuation never become tokens. Latin words and numbers stay whole;
// a number with a unit (2019年, 3月, 50万, 90%) is one token in ModeQuery,
// and in ModeIndex also yields its number and unit (2019, 年); 年 joins
// only a four-digit year (10年 is 10, 年: a duration). ModeQuery cuts
// finer than gse, the way the PKU standard segments 人民日报 text (see
// rules.go); ModeIndex holds every ModeQuery token plus the whole words.
//
// Runs in time linear in len(text).
func (s *Segmenter) Tokenize(text string, mode Mode) []Token {
	if text == "" {
		return nil
	}
	sc, _ := s.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer s.scratch.Put(sc)
	f := foldInto(&sc.fold, text)
	words := s.words(f, sc)
	out := make([]Token, 0, len(words)+len(words)/2*int(mode))
	for i := 0; i < len(words); {
		w := words[i]
		if mode == ModeQuery || w.oe == 0 {
			out = append(out, f.token(w.fs, w.fe, w.rs))
			if mode == ModeIndex {
				out = s.subwords(out, f, w)
			}
			i++
			continue
		}
		// The pieces of one cut word: index the whole word, its sub-words
		// and the pieces with theirs, each span once. (A name's gse
		// sub-words are skipped: they are nonsense, 江泽 民.)
		j := i + 1
		for j < len(words) && words[j].os == w.os && words[j].oe == w.oe {
			j++
		}
		from := len(out)
		out = append(out, f.token(w.os, w.oe, w.ors))
		if w.otok.Pos() != "nr" {
			out = s.appendSegments(out, f, w.otok, w.os, w.oe, w.ors)
		}
		for _, p := range words[i:j] {
			out = append(out, f.token(p.fs, p.fe, p.rs))
			out = s.subwords(out, f, p)
		}
		out = sortUnique(out, from)
		i = j
	}
	return out
}

// scratch is the memory one Tokenize call reuses from the last: folded
// text, number spans, words and gse's path arrays.
type scratch struct {
	fold  foldedText
	nums  []word
	words []word
	paths pathScratch
}

// sortUnique orders out[from:] by start, longer spans first, and drops
// repeated spans.
func sortUnique(out []Token, from int) []Token {
	g := out[from:]
	slices.SortFunc(g, func(a, b Token) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	keep := from
	for i, t := range g {
		if i > 0 && t.Start == g[i-1].Start && t.End == g[i-1].End {
			continue
		}
		out[keep] = t
		keep++
	}
	return out[:keep]
}

func (f *foldedText) token(fs, fe, rs int) Token {
	return Token{
		Term:     f.str[fs:fe], // one allocation for all terms
		Start:    int(f.offs[fs]),
		End:      int(f.offs[fe]),
		Position: rs + 1,
	}
}

// words segments the folded text with one gse call and lays our number
// spans over it (a gse word overlapping a number span gives way to it),
// dropping spaces and punctuation.
func (s *Segmenter) words(f *foldedText, sc *scratch) []word {
	text := f.text
	nums := sc.nums[:0]
	for i := 0; i < len(text); {
		if n := scanNumber(text, i); n.end > 0 {
			nums = append(nums, word{fs: i, fe: i + n.end, core: i + n.core})
			i += n.end
			continue
		}
		if text[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(text[i:])
			i += size
		}
	}
	sc.nums = nums
	out := sc.words[:0]
	rc := runeCursor{text: text}
	j, skip := 0, 0 // next number span; end of the last one emitted
	for base := 0; base < len(text); {
		next := chunkEnd(text, base)
		out = s.overlay(out, text, base, next, nums, &j, &skip, &rc, &sc.paths)
		base = next
	}
	sc.words = out
	return out
}

// chunkSize is the length from which words cuts the text at the next
// sentence end before handing it to gse, whose per-byte speed drops on
// long inputs (about halved at 30 KB). No dictionary word spans 。！？ or
// a line break, so the cut changes no word.
const chunkSize = 1 << 10

func chunkEnd(text []byte, from int) int {
	if len(text)-from <= 2*chunkSize {
		return len(text)
	}
	for i := from + chunkSize; i < len(text); i++ {
		switch {
		case text[i] == '\n':
			return i + 1
		case text[i] == 0xE3 && i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x82: // 。
			return i + 3
		case text[i] == 0xEF && i+2 < len(text) && text[i+1] == 0xBC && (text[i+2] == 0x81 || text[i+2] == 0x9F): // ！？
			return i + 3
		}
	}
	return len(text)
}

// overlay appends the words of text[from:to]: gse's segmentation with the
// number spans laid over it.
func (s *Segmenter) overlay(out []word, text []byte, from, to int, nums []word, jp, skipp *int, rc *runeCursor, ps *pathScratch) []word {
	j, skip := *jp, *skipp
	defer func() { *jp, *skipp = j, skip }()
	for _, sg := range s.paths.segmentInto(text[from:to], ps) {
		a, b := from+sg.start, from+sg.end
		if a >= skip && (j == len(nums) || nums[j].fs >= b) {
			if isWordish(text[a:b]) {
				out = s.refine(out, text, word{fs: a, fe: b, rs: rc.at(a), tok: sg.tok})
			}
			continue
		}
		// The segment meets number spans: emit each span when reached and
		// what lies between them as plain words.
		for c := max(a, skip); c < b; {
			if j < len(nums) && nums[j].fs <= c {
				w := nums[j]
				w.rs = rc.at(w.fs)
				out = append(out, w)
				c, skip = w.fe, w.fe
				j++
				continue
			}
			end := b
			if j < len(nums) && nums[j].fs < b {
				end = nums[j].fs
			}
			if isWordish(text[c:end]) {
				out = append(out, word{fs: c, fe: end, rs: rc.at(c)})
			}
			c = end
		}
	}
	return out
}

// runeCursor converts byte offsets, asked in non-decreasing order, to rune
// indexes in one forward pass.
type runeCursor struct {
	text        []byte
	byte, runes int
}

func (c *runeCursor) at(off int) int {
	for c.byte < off {
		if c.text[c.byte] < utf8.RuneSelf {
			c.byte++
		} else {
			_, n := utf8.DecodeRune(c.text[c.byte:])
			c.byte += n
		}
		c.runes++
	}
	return c.runes
}

// isWordish reports whether b holds a letter or a digit: anything else
// (spaces, punctuation, symbols) is never a token.
func isWordish(b []byte) bool {
	if len(b) > 0 {
		if c := b[0]; c < utf8.RuneSelf {
			if isASCIIDigit(c) || isASCIILetter(c) {
				return true
			}
		} else if r, _ := utf8.DecodeRune(b); r >= 0x4E00 && r <= 0x9FFF {
			return true // the common case: a CJK ideograph
		}
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
		b = b[n:]
	}
	return false
}

// subwords appends the parts of w: for a number, its numeric part and its
// unit characters; for a dictionary word of three or more characters, the
// words gse splits it into, recursively (人民政府 → 人民, 政府), which
// never cross the word's internal boundaries.
func (s *Segmenter) subwords(out []Token, f *foldedText, w word) []Token {
	if w.core > 0 {
		if w.core < w.fe {
			out = append(out, f.token(w.fs, w.core, w.rs))
			rs := w.rs + utf8.RuneCount(f.text[w.fs:w.core])
			for i := w.core; i < w.fe; {
				r, n := utf8.DecodeRune(f.text[i:])
				if unicode.IsLetter(r) {
					out = append(out, f.token(i, i+n, rs))
				}
				i += n
				rs++
			}
		}
		return out
	}
	return s.appendSegments(out, f, w.tok, w.fs, w.fe, w.rs)
}

func (s *Segmenter) appendSegments(out []Token, f *foldedText, tok *gse.Token, fs, fe, rs int) []Token {
	if tok == nil || utf8.RuneCount(f.text[fs:fe]) < 3 {
		return out
	}
	for _, sg := range s.paths.segmentsOf(tok) {
		a, b := fs+sg.start, fs+sg.end
		if b > fe || a >= b {
			break // a stale dictionary entry; never index outside the word
		}
		r := rs + utf8.RuneCount(f.text[fs:a])
		if isWordish(f.text[a:b]) {
			out = append(out, f.token(a, b, r))
		}
		out = s.appendSegments(out, f, sg.tok, a, b, r)
	}
	return out
}
