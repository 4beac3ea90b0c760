package segment

import (
	"unicode"
	"unicode/utf8"
)

// Bigrams tokenizes text for the substring-recall field at index time. Every
// run of letters and digits (Han, Latin, digits alike, after folding) yields
// its overlapping two-character grams, and then its last character alone;
// a run of one character yields just that character. Offsets and positions
// follow the same rules as Tokenize.
//
// With QueryBigrams on the query side this finds every occurrence of any
// string of letters and digits, whatever the word segmentation did: a
// string of two or more characters is a phrase of its grams, and a single
// character either starts a gram (a prefix match) or ends a run (the lone
// final character). Digits and Latin letters are cut like Han characters so
// that 10月2 is found inside 10月20日 and LP inside LPG.
func Bigrams(text string) []Token { return grams(text, true) }

// QueryBigrams is Bigrams for a query: the grams without the run-final
// characters, which would otherwise demand that the document's run end
// where the query's does. A run of one character still yields itself.
func QueryBigrams(text string) []Token { return grams(text, false) }

func grams(text string, finals bool) []Token {
	if text == "" {
		return nil
	}
	f := foldInto(nil, text)
	out := make([]Token, 0, f.runes+1)
	t := f.text
	// The current run: its length so far and the start (byte and rune
	// index) of its last character.
	runLen, prev, prevRune := 0, 0, 0
	endRun := func(end int) {
		if runLen == 1 || (runLen > 1 && finals) {
			out = append(out, f.token(prev, end, prevRune))
		}
		runLen = 0
	}
	ri := 0
	for i := 0; i < len(t); ri++ {
		r, n := utf8.DecodeRune(t[i:])
		if isWordRune(r) {
			if runLen > 0 {
				out = append(out, f.token(prev, i+n, prevRune))
			}
			runLen++
			prev, prevRune = i, ri
		} else {
			endRun(i)
		}
		i += n
	}
	endRun(len(t))
	return out
}

// isWordRune reports whether r is part of the searchable text: a letter
// (Han included) or a digit, after folding.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
