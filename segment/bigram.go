package segment

import (
	"unicode"
	"unicode/utf8"
)

// Bigrams tokenizes text for the substring-recall field: every run of Han
// (and other CJK) characters yields its overlapping two-character grams (a
// lone character yields itself), and every run of other letters and digits
// yields one whole, folded word. Offsets and positions follow the same
// rules as Tokenize, so a quoted query analysed with Bigrams matches any
// document containing the string, whatever the word segmentation did.
func Bigrams(text string) []Token {
	if text == "" {
		return nil
	}
	f := foldInto(nil, text)
	out := make([]Token, 0, f.runes)
	t := f.text
	// run state: kind of the current run, its start byte and rune index,
	// and, for CJK runs, the previous character's start.
	const (
		none = iota
		cjk
		latin
	)
	kind, start, startRune, prev, prevRune := none, 0, 0, 0, 0
	endRun := func(end int) {
		switch {
		case kind == latin:
			out = append(out, f.token(start, end, startRune))
		case kind == cjk && prev == start:
			out = append(out, f.token(start, end, startRune)) // lone character
		}
		kind = none
	}
	ri := 0
	for i := 0; i < len(t); ri++ {
		r, n := utf8.DecodeRune(t[i:])
		k := none
		switch {
		case isCJK(r):
			k = cjk
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			k = latin
		}
		if k != kind {
			endRun(i)
			if k != none {
				kind, start, startRune = k, i, ri
			}
		} else if k == cjk {
			out = append(out, f.token(prev, i+n, prevRune))
		}
		prev, prevRune = i, ri
		i += n
	}
	endRun(len(t))
	return out
}

// isCJK reports whether r belongs to a script written without spaces
// between words, which Bigrams cuts into two-character grams.
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}
