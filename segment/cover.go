package segment

import (
	"unicode"
	"unicode/utf8"
)

// Cover returns toks (non-overlapping, in order: ModeQuery's) with every
// character of text they skip added as a token of its own, whitespace
// excepted, so the tokens line up with the text: punctuation and symbols
// become one-character tokens, as in the SIGHAN gold files. Terms of the
// added tokens are their folded characters.
func Cover(text string, toks []Token) []Token {
	out := make([]Token, 0, len(toks)+len(toks)/2)
	pos, next := 0, 1 // byte offset and rune position reached
	gap := func(end int) {
		for pos < end {
			r, n := utf8.DecodeRuneInString(text[pos:])
			if !unicode.IsSpace(r) {
				term, _ := Fold(text[pos : pos+n])
				out = append(out, Token{Term: term, Start: pos, End: pos + n, Position: next})
			}
			pos += n
			next++
		}
	}
	for _, t := range toks {
		if t.Start < pos {
			continue // overlapping (ModeIndex sub-words): not for Cover
		}
		gap(t.Start)
		out = append(out, t)
		next += utf8.RuneCountInString(text[t.Start:t.End])
		pos = t.End
	}
	gap(len(text))
	return out
}
