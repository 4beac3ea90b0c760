package segment

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// t2sData is the Traditional→Simplified character table generated from
// OpenCC's TSCharacters.txt by gen_t2s.go (Apache License 2.0).
//
//go:embed t2s.txt
var t2sData string

// Most Traditional characters lie in the CJK blocks below; a dense array
// keeps the per-rune lookup to one bounds check and one load.
const (
	denseLo = 0x3400
	denseHi = 0x9FFF
)

type t2sTable struct {
	dense [denseHi - denseLo + 1]rune // 0 means "unchanged"
	other map[rune]rune
	// bmp is the fold of every rune of the Basic Multilingual Plane,
	// computed once: Chinese text is full of full-width punctuation (，。),
	// whose fold otherwise takes a width lookup and a case mapping.
	bmp []rune
}

// t2s parses the embedded table once; it is never written afterwards, so
// concurrent readers need no lock.
var t2s = sync.OnceValue(func() *t2sTable {
	t := &t2sTable{other: make(map[rune]rune)}
	for line := range strings.Lines(t2sData) {
		from, to, ok := strings.Cut(strings.TrimRight(line, "\n"), "\t")
		if !ok || strings.HasPrefix(from, "#") {
			continue
		}
		f, _ := utf8.DecodeRuneInString(from)
		s, _ := utf8.DecodeRuneInString(to)
		if f >= denseLo && f <= denseHi {
			t.dense[f-denseLo] = s
		} else {
			t.other[f] = s
		}
	}
	bmp := make([]rune, 0x10000)
	for r := range bmp {
		bmp[r] = t.slowFold(rune(r))
	}
	t.bmp = bmp
	return t
})

// FoldRune folds one rune: full-width forms to their narrow forms (Ｉ → I,
// ２ → 2, ideographic space → space), letters to lower case, and Traditional
// Chinese characters to Simplified (發 → 发). One rune always becomes one
// rune, so folding never moves character positions.
func FoldRune(r rune) rune {
	return t2s().fold(r)
}

// FoldVariants returns the runes other than r that FoldRune folds to r
// (長 for 长; A, ａ and Ａ for a), so a caller can tell by a few scans that
// a text holds nothing that folds into a string. The slice is shared: do
// not modify it.
func FoldVariants(r rune) []rune {
	return variants()[r]
}

// variants inverts FoldRune over every rune, once (about 50 ms); it is
// never written afterwards.
var variants = sync.OnceValue(func() map[rune][]rune {
	t := t2s()
	out := map[rune][]rune{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogate halves are no runes of valid UTF-8
		}
		if f := t.fold(r); f != r {
			out[f] = append(out[f], r)
		}
	}
	return out
})

func (t *t2sTable) fold(r rune) rune {
	if r >= 0 && r < rune(len(t.bmp)) {
		return t.bmp[r]
	}
	return t.slowFold(r)
}

func (t *t2sTable) slowFold(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
			return ' ' // all white space reads alike: "政府 发布" finds 政府\n发布
		}
		return r
	case r >= denseLo && r <= denseHi:
		if s := t.dense[r-denseLo]; s != 0 {
			return s
		}
		return r
	}
	return t.foldRare(r)
}

func (t *t2sTable) foldRare(r rune) rune {
	if r == utf8.RuneError {
		return r
	}
	// Folded maps full-width ASCII to ASCII and half-width katakana to the
	// usual wide forms; it is 0 when the rune has no other width.
	if f := width.LookupRune(r).Folded(); f != 0 {
		r = f
	}
	if unicode.IsSpace(r) {
		return ' ' // U+3000, no-break and other spaces
	}
	r = unicode.ToLower(r)
	if s, ok := t.other[r]; ok {
		return s
	}
	return r
}

// Fold folds s rune by rune (see FoldRune) and returns the folded text with
// an offset map: offsets[i] is the byte offset in s of the rune that
// produced folded byte i, and offsets[len(folded)] == len(s). Highlighters
// use it to map a span of the folded text back to the original bytes.
// Invalid UTF-8 bytes become U+FFFD, each mapped to its own byte.
func Fold(s string) (folded string, offsets []int) {
	f := foldInto(nil, s)
	offsets = make([]int, len(f.text)+1)
	for i, o := range f.offs {
		offsets[i] = int(o)
	}
	return f.str, offsets
}

// foldedText is the internal form of Fold's result; int32 offsets halve
// the memory the tokenizer touches per byte.
type foldedText struct {
	text  []byte
	offs  []int32 // len(text)+1 entries
	runes int     // rune count, equal in s and text
	str   string  // text as a string, which token terms slice
}

func foldInto(f *foldedText, s string) *foldedText {
	if f == nil {
		f = &foldedText{}
	}
	f.text = f.text[:0]
	f.offs = f.offs[:0]
	f.runes = 0
	if cap(f.text) < len(s) {
		f.text = make([]byte, 0, len(s)+len(s)/8)
		f.offs = make([]int32, 0, len(s)+len(s)/8+1)
	}
	t := t2s()
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		before := len(f.text)
		f.text = utf8.AppendRune(f.text, t.fold(r))
		for range len(f.text) - before {
			f.offs = append(f.offs, int32(i))
		}
		f.runes++
		i += n
	}
	f.offs = append(f.offs, int32(len(s)))
	f.str = string(f.text)
	return f
}
