package highlight

import (
	"unicode"
	"unicode/utf8"
)

// sentence is one sentence of a text, trimmed of surrounding white space:
// bytes [start, end), runes [runeStart, runeEnd) counted from the text start,
// and the paragraph it belongs to (fragments never cross paragraphs).
type sentence struct {
	start, end         int
	runeStart, runeEnd int
	para               int
}

func (s sentence) runes() int { return s.runeEnd - s.runeStart }

// splitSentences cuts text after each terminator (。！？； and kin, with the
// closing quotes and brackets that follow it) and at every line break.
func splitSentences(text string) []sentence {
	out, _ := appendSentences(nil, text, 0, len(text), 0)
	return out
}

// appendSentences appends the sentences of text[lo:hi] (byte offsets the
// text's, rune offsets counted from lo), numbering its paragraphs from
// para on, and returns the next free number.
func appendSentences(out []sentence, text string, lo, hi, para int) ([]sentence, int) {
	var (
		cur     sentence
		open    bool // cur has content
		ending  bool // a terminator was seen; the sentence ends before the next ordinary rune
		lastEnd int  // byte end of cur's last non-space rune
		lastRn  int  // rune end of the same
		ri      int  // rune index of the rune at i, from lo
	)
	closeCur := func() {
		if open {
			cur.end, cur.runeEnd = lastEnd, lastRn
			out = append(out, cur)
		}
		open, ending = false, false
	}
	text = text[:hi]
	for i := lo; i < len(text); ri++ {
		r, w := decodeRune(text, i)
		switch han := r >= 0x4E00 && r <= 0x9FFF; { // most of a Chinese text: checked first
		case !han && isParaBreak(r):
			closeCur()
			para++
		case !han && unicode.IsSpace(r):
			// inner space stays in the sentence; trailing space is trimmed by lastEnd
		default:
			term := !han && isTerminator(r)
			if ending && !term && (han || !isCloser(r)) {
				closeCur()
			}
			if !open {
				cur = sentence{start: i, runeStart: ri, para: para}
				open = true
			}
			lastEnd, lastRn = i+w, ri+1
			if term && endsSentence(r, text[i+w:]) {
				ending = true
			}
		}
		i += w
	}
	closeCur()
	return out, para + 1
}

func isParaBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func isTerminator(r rune) bool {
	switch r {
	case '。', '｡', '！', '!', '？', '?', '；', ';', '﹒', '﹗', '﹖', '﹔', '.', '．':
		return true
	}
	return false
}

// endsSentence decides for the ambiguous full stops: a '.' or '．' followed
// by a digit or a Latin letter is a decimal point or an abbreviation (3.5,
// U.S., www.people.com.cn), not the end of a sentence.
func endsSentence(r rune, rest string) bool {
	if r != '.' && r != '．' && r != '﹒' {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	if rest == "" {
		return true
	}
	return !unicode.IsDigit(next) && !(unicode.IsLetter(next) && !unicode.Is(unicode.Han, next))
}

// isCloser lists closing quotes and brackets that belong to the sentence a
// terminator just ended: 他说：“好。” ends after ”.
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '〉', '】', '］', ']', '}', '｝', '〕', '〗', '"', '\'', '＂', '＇':
		return true
	}
	return false
}

// decodeRune is utf8.DecodeRuneInString(text[i:]) with the three-byte
// runes of most Chinese text (lead bytes E1–EC: no overlong forms, no
// surrogates) decoded inline, which the library leaves to a call.
func decodeRune(text string, i int) (rune, int) {
	if i+2 < len(text) {
		b0, b1, b2 := text[i], text[i+1], text[i+2]
		if b0 >= 0xE1 && b0 <= 0xEC && b1&0xC0 == 0x80 && b2&0xC0 == 0x80 {
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}
