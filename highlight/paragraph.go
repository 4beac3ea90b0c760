package highlight

import "strings"

// A fragment never leaves the paragraph of the sentence it is anchored on,
// so only the paragraphs that hold a match need cutting into sentences
// (and, when nothing matches, the first one with text, for the lead).
// Cutting every sentence of every body was a third of what highlighting
// a page cost. Paragraphs are found with a byte search for '\n', which
// is all that separates them in nearly every text; a text with any other
// break rune (see isParaBreak) is cut whole, as before.

// newlinesOnly reports whether '\n' is the only paragraph break in text.
func newlinesOnly(text string) bool {
	for _, b := range []byte{'\r', '\v', '\f'} {
		if strings.IndexByte(text, b) >= 0 {
			return false
		}
	}
	for _, r := range []string{"\u0085", "\u2028", "\u2029"} {
		if strings.Contains(text, r) {
			return false
		}
	}
	return true
}

// sentencesNear returns, in text order, the sentences of the paragraphs
// that a match (ms in text order) lies in; text has no break but '\n'.
// Their byte offsets are the text's; rune offsets count from the start of
// a stretch of paragraphs cut together, which is all a fragment uses
// (differences within one paragraph). Paragraph numbers differ between
// paragraphs, as in splitSentences, not necessarily by one.
func sentencesNear(text string, ms []match) []sentence {
	var out []sentence
	end, para := -1, 0 // end of the last stretch cut; next paragraph number
	for _, m := range ms {
		if m.End <= end {
			continue
		}
		lo := end
		if m.Start >= end {
			lo = strings.LastIndexByte(text[:m.Start], '\n') + 1
		}
		hi := len(text)
		if j := strings.IndexByte(text[m.End:], '\n'); j >= 0 {
			hi = m.End + j
		}
		out, para = appendSentences(out, text, lo, hi, para)
		end = hi
	}
	return out
}

// leadSentences returns the sentences of the first paragraph that has
// any; text has no break but '\n'.
func leadSentences(text string) []sentence {
	for lo, para := 0, 0; lo < len(text); {
		hi := len(text)
		if j := strings.IndexByte(text[lo:], '\n'); j >= 0 {
			hi = lo + j
		}
		var out []sentence
		if out, para = appendSentences(nil, text, lo, hi, para); len(out) > 0 {
			return out
		}
		lo = hi + 1
	}
	return nil
}
