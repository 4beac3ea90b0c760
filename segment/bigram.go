package segment

import "unicode/utf8"

// Bigrams tokenizes text into the overlapping two-character grams of the
// folded text, every character included (punctuation, and white space
// folded to ' '), then the last character alone; a text of one character
// yields just that character. Offsets and positions follow the same rules
// as Tokenize. The index cuts headings with it, and /api/analyze shows it.
//
// With QueryBigrams on the query side, a string of two or more characters
// is a phrase of its grams with no gaps, found whatever the word
// segmentation did. Digits, Latin letters and punctuation are cut like
// Han characters, so 10月2 is found inside 10月20日, LP inside LPG, and
// "发展。本" only where those four characters stand together. (The
// all-text fields use NGrams, which leaves out the lone last character:
// single characters have a field of their own.)
func Bigrams(text string) []Token { return grams(text, true) }

// QueryBigrams is Bigrams for a query: the grams without the lone last
// character, which would otherwise demand that the document end where the
// query does. A query of one character still yields itself.
func QueryBigrams(text string) []Token { return grams(text, false) }

func grams(text string, last bool) []Token {
	if text == "" {
		return nil
	}
	f := foldInto(nil, text)
	out := make([]Token, 0, f.runes+1)
	t := f.text
	prev, prevRune := -1, 0 // start (byte, rune index) of the previous character
	ri := 0
	for i := 0; i < len(t); ri++ {
		_, n := utf8.DecodeRune(t[i:])
		if prev >= 0 {
			out = append(out, f.token(prev, i+n, prevRune))
		}
		prev, prevRune = i, ri
		i += n
	}
	if last || f.runes == 1 {
		out = append(out, f.token(prev, len(t), prevRune))
	}
	return out
}

// NGrams tokenizes text into every run of n consecutive characters of the
// folded text (n ≥ 1), punctuation included and white space folded to ' '
// (for n = 1, white space is left out: no query is a lone space). Offsets
// and positions follow the same rules as Tokenize. A text shorter than n
// yields nothing.
//
// The index holds single characters and bigrams of all of an article's
// text, so a string of one or two characters is found as one term, without
// positions.
func NGrams(text string, n int) []Token {
	if text == "" || n < 1 {
		return nil
	}
	f := foldInto(nil, text)
	if f.runes < n {
		return nil
	}
	out := make([]Token, 0, f.runes-n+1)
	t := f.text
	// starts holds the byte starts of the last n+1 characters, as a ring.
	var ringBuf [8]int
	ring := ringBuf[:]
	if n+1 > len(ring) {
		ring = make([]int, n+1)
	}
	ring = ring[:n+1]
	ri := 0
	for i := 0; ; ri++ {
		ring[ri%(n+1)] = i
		if ri >= n {
			s := ring[(ri-n)%(n+1)]
			if n > 1 || t[s] != ' ' {
				out = append(out, f.token(s, i, ri-n))
			}
		}
		if i == len(t) {
			break
		}
		_, w := utf8.DecodeRune(t[i:])
		i += w
	}
	return out
}
