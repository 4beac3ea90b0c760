package highlight

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// testFold stands in for the segment package's fold: full-width ASCII to
// half-width, lower case, a few Traditional→Simplified characters, one
// expansion (ﬁ → fi) and one deletion (zero-width space), with offsets.
func testFold(s string) (string, []int) {
	var b strings.Builder
	offsets := make([]int, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		out := foldRune(r)
		if r == utf8.RuneError && w == 1 {
			out = s[i : i+1] // keep an invalid byte as it is
		}
		b.WriteString(out)
		for range len(out) {
			offsets = append(offsets, i)
		}
		i += w
	}
	return b.String(), append(offsets, len(s))
}

func foldRune(r rune) string {
	switch r {
	case '長':
		return "长"
	case '發':
		return "发"
	case '門':
		return "门"
	case 'ﬁ':
		return "fi"
	case '\u200b':
		return ""
	}
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	return string(unicode.ToLower(r))
}
