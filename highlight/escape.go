package highlight

import (
	"sort"
	"strings"
	"unicode/utf8"
)

const (
	markOpen  = "<mark>"
	markClose = "</mark>"
	ellipsis  = "…"
)

// writeMarked writes text[lo:hi] HTML-escaped, wrapping the parts covered by
// ms in <mark>. Spans reaching outside [lo, hi) are clipped to it; lo and hi
// must be rune boundaries.
func writeMarked(b *strings.Builder, text string, lo, hi int, ms []match) {
	k := sort.Search(len(ms), func(i int) bool { return ms[i].End > lo })
	pos := lo
	for ; k < len(ms) && ms[k].Start < hi; k++ {
		s, e := max(ms[k].Start, lo), min(ms[k].End, hi)
		writeEscaped(b, text[pos:s])
		b.WriteString(markOpen)
		writeEscaped(b, text[s:e])
		b.WriteString(markClose)
		pos = e
	}
	writeEscaped(b, text[pos:hi])
}

// writeEscaped writes s escaped like html.EscapeString, and each invalid
// UTF-8 byte as U+FFFD so the output is always valid UTF-8.
func writeEscaped(b *strings.Builder, s string) {
	if utf8.ValidString(s) {
		writeEscapedValid(b, s)
		return
	}
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		rep, w := "", 1
		if c < utf8.RuneSelf {
			switch c {
			case '<':
				rep = "&lt;"
			case '>':
				rep = "&gt;"
			case '&':
				rep = "&amp;"
			case '"':
				rep = "&#34;"
			case '\'':
				rep = "&#39;"
			}
		} else {
			var r rune
			if r, w = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && w == 1 {
				rep = "\uFFFD"
			}
		}
		if rep != "" {
			b.WriteString(s[last:i])
			b.WriteString(rep)
			last = i + w
		}
		i += w
	}
	b.WriteString(s[last:])
}

// writeEscapedValid is writeEscaped for valid UTF-8: no rune decoding, since
// the five bytes to escape are ASCII and never occur inside a multi-byte rune.
func writeEscapedValid(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, `<>&"'`)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteString(entity[s[i]])
		s = s[i+1:]
	}
}

var entity = [256]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '"': "&#34;", '\'': "&#39;"}
