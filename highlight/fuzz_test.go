package highlight

import (
	"html"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	f.Add("长春市人民政府", "长春", "长春市", false)
	f.Add("ＩＢＭ在長春。\n第二段！", "ibm", "长春", true)
	f.Add("<b>长春</b>&\"'", "长春</b>", "&", false)
	f.Add("哈哈哈哈哈", "哈哈", "", false)
	f.Add("长\xff\xfe春\x80。", "\xff", "春", true)
	f.Add("ﬁne\u200b长春", "ine", "\u200b", true)
	f.Add(longSentence, "长春", "结束", false)
	f.Add("甲。\n\n长春乙。\u2028丙长\r\n春。\u0085长春\u2029", "长春", "春\r", false)
	f.Add(" \n\u3000\n第三段有长春。", "长春", "　", false)
}

func fold(useFold bool) FoldFunc {
	if useFold {
		return testFold
	}
	return nil
}

// boundaries returns the rune boundaries of s as utf8.DecodeRuneInString
// walks it (each invalid byte is a rune of its own).
func boundaries(s string) map[int]bool {
	b := map[int]bool{len(s): true}
	for i := 0; i < len(s); {
		b[i] = true
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return b
}

// sanitize is what the escaper does to invalid UTF-8: one U+FFFD per byte.
func sanitize(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

func unmark(s string) string {
	s = strings.ReplaceAll(s, markOpen, "")
	return html.UnescapeString(strings.ReplaceAll(s, markClose, ""))
}

// naiveCover marks every byte of text inside some occurrence of a needle.
func naiveCover(text string, needles []string) []bool {
	cover := make([]bool, len(text))
	for _, n := range needles {
		if n == "" {
			continue
		}
		for i := 0; i+len(n) <= len(text); i++ {
			if text[i:i+len(n)] == n {
				for j := i; j < i+len(n); j++ {
					cover[j] = true
				}
			}
		}
	}
	return cover
}

func FuzzSpans(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, n1, n2 string, useFold bool) {
		h := New(Options{Fold: fold(useFold)})
		needles := []string{n1, n2}
		spans := h.Spans(text, needles)
		bounds := boundaries(text)
		prevEnd := -1
		for _, s := range spans {
			if s.Start >= s.End || s.Start < 0 || s.End > len(text) {
				t.Fatalf("bad span %v in text of %d bytes", s, len(text))
			}
			if s.Start <= prevEnd {
				t.Fatalf("spans not sorted, overlapping or touching: %v", spans)
			}
			if !bounds[s.Start] || !bounds[s.End] {
				t.Fatalf("span %v splits a rune of %q", s, text)
			}
			prevEnd = s.End
		}
		// Without folding, on valid UTF-8, the spans are exactly the union of
		// all occurrences.
		if !useFold && utf8.ValidString(text) && utf8.ValidString(n1) && utf8.ValidString(n2) {
			want := naiveCover(text, needles)
			got := make([]bool, len(text))
			for _, s := range spans {
				for j := s.Start; j < s.End; j++ {
					got[j] = true
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("spans %v do not cover exactly the occurrences of %q in %q", spans, needles, text)
			}
		}
		mark := h.Mark(text, needles)
		if !utf8.ValidString(mark) {
			t.Fatalf("Mark output not valid UTF-8: %q", mark)
		}
		if strings.Contains(mark, markClose+markOpen) {
			t.Fatalf("adjacent marks: %q", mark)
		}
		if got := unmark(mark); got != sanitize(text) {
			t.Fatalf("Mark round trip: got %q from %q, want %q", got, mark, text)
		}
		if strings.Count(mark, markOpen) != len(spans) || strings.Count(mark, markClose) != len(spans) {
			t.Fatalf("Mark has %d marks for %d spans: %q", strings.Count(mark, markOpen), len(spans), mark)
		}
	})
}

func FuzzSnippets(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text, n1, n2 string, useFold bool) {
		// Derive small lengths from the input so short texts get cut too.
		chars := 1 + len(text)%40
		maxFrags := 1 + len(n1)%4
		h := New(Options{Fold: fold(useFold), FragmentChars: chars, MaxFragments: maxFrags})
		needles := []string{n1, n2}
		frags := h.Snippets(text, needles)
		if again := h.Snippets(text, needles); !reflect.DeepEqual(frags, again) {
			t.Fatalf("not deterministic: %q then %q", frags, again)
		}
		// Only the paragraphs with a match are cut into sentences; cutting
		// them all must choose the same.
		if all := h.snippets(text, h.match(text, needles), splitSentences(text), splitSentences); !reflect.DeepEqual(frags, all) {
			t.Fatalf("cutting the paragraphs with matches gives %q, cutting all %q", frags, all)
		}
		if len(frags) > maxFrags {
			t.Fatalf("%d fragments, max %d", len(frags), maxFrags)
		}
		if strings.TrimSpace(text) != "" && len(frags) == 0 {
			t.Fatalf("no fragment for non-blank text %q", text)
		}
		for i := 1; i < len(frags); i++ {
			if slices.Contains(frags[:i], frags[i]) {
				t.Fatalf("fragment %q repeated: %q", frags[i], frags)
			}
		}
		clean := sanitize(text)
		pos := 0
		for _, fr := range frags {
			if !utf8.ValidString(fr) {
				t.Fatalf("fragment not valid UTF-8: %q", fr)
			}
			if strings.Contains(fr, markClose+markOpen) {
				t.Fatalf("adjacent marks: %q", fr)
			}
			if strings.Count(fr, markOpen) != strings.Count(fr, markClose) {
				t.Fatalf("unbalanced marks: %q", fr)
			}
			at, plain := findFragment(clean[pos:], unmark(fr))
			if at < 0 {
				t.Fatalf("fragment %q is not a later, non-overlapping part of %q (all: %q)", fr, text, frags)
			}
			if n := utf8.RuneCountInString(plain); n > chars || n == 0 {
				t.Fatalf("fragment %q has %d runes, target %d", fr, n, chars)
			}
			pos += at + len(plain)
		}
	})
}

// findFragment locates a fragment's text (ellipses removed, as added) in s.
func findFragment(s, frag string) (int, string) {
	cands := []string{frag}
	if t, ok := strings.CutPrefix(frag, ellipsis); ok {
		cands = append(cands, t)
	}
	for _, c := range append([]string(nil), cands...) {
		if t, ok := strings.CutSuffix(c, ellipsis); ok {
			cands = append(cands, t)
		}
	}
	for _, c := range cands {
		if i := strings.Index(s, c); i >= 0 && c != "" {
			return i, c
		}
	}
	return -1, ""
}

// simpleFoldRune folds rune by rune, as the FoldRune option requires:
// full-width ASCII to half-width, upper to lower case, 長 → 长.
func simpleFoldRune(r rune) rune {
	switch {
	case r >= '！' && r <= '～':
		r = r - '！' + '!'
	case r == '長':
		return '长'
	}
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// simpleVariants inverts simpleFoldRune, as the Variants option requires.
func simpleVariants(r rune) []rune {
	var out []rune
	for _, v := range []rune{r - '!' + '！', r - 'a' + 'A', r - 'a' + 'Ａ', '長'} {
		if v != r && simpleFoldRune(v) == r {
			out = append(out, v)
		}
	}
	return out
}

// simpleFold is simpleFoldRune over a string, with offsets.
func simpleFold(s string) (string, []int) {
	var b strings.Builder
	offsets := make([]int, 0, len(s)+1)
	for i, r := range s {
		n := b.Len()
		b.WriteRune(simpleFoldRune(r))
		for range b.Len() - n {
			offsets = append(offsets, i)
		}
	}
	return b.String(), append(offsets, len(s))
}

// FuzzFoldRuneShortcut checks that skipping the fold when no changed
// character folds into a needle (the FoldRune option) never changes what
// is marked.
func FuzzFoldRuneShortcut(f *testing.F) {
	fuzzSeeds(f)
	f.Add("ＩＢＭ公司，長春", "ibm", "长春", false)
	f.Add("长春，市", "，", "市", false)
	f.Fuzz(func(t *testing.T, text, n1, n2 string, _ bool) {
		needles := []string{n1, n2}
		full := New(Options{Fold: simpleFold}).Spans(text, needles)
		quick := New(Options{Fold: simpleFold, FoldRune: simpleFoldRune}).Spans(text, needles)
		if !reflect.DeepEqual(full, quick) {
			t.Fatalf("Spans(%q, %q): with FoldRune %v, without %v", text, needles, quick, full)
		}
		scans := New(Options{Fold: simpleFold, FoldRune: simpleFoldRune, Variants: simpleVariants}).Spans(text, needles)
		if !reflect.DeepEqual(full, scans) {
			t.Fatalf("Spans(%q, %q): with Variants %v, without %v", text, needles, scans, full)
		}
	})
}

// FuzzDecodeRune checks the inline decoding of the sentence splitter
// against the library's, at every offset of any input.
func FuzzDecodeRune(f *testing.F) {
	f.Add("长春市，ＩＢＭ。\xe4\xb8")
	f.Add("\xed\xa0\x80\xe0\x80\x80\xef\xbf\xbd")
	f.Fuzz(func(t *testing.T, text string) {
		for i := range len(text) {
			r, w := decodeRune(text, i)
			wr, ww := utf8.DecodeRuneInString(text[i:])
			if r != wr || w != ww {
				t.Fatalf("decodeRune(%q, %d) = %q, %d; want %q, %d", text, i, r, w, wr, ww)
			}
		}
	})
}

// FuzzRuneIndex checks index, as the variant scans call it with one
// rune, against strings.ContainsRune on valid text.
func FuzzRuneIndex(f *testing.F) {
	f.Add("历史使命感", '史')
	f.Add("復興", '興')
	f.Add("a\u0085b", '\u0085')
	f.Add("😀x", '😀')
	f.Fuzz(func(t *testing.T, text string, r rune) {
		if !utf8.ValidString(text) || !utf8.ValidRune(r) {
			return
		}
		if got, want := index(text, string(r)) >= 0, strings.ContainsRune(text, r); got != want {
			t.Fatalf("index(%q, %q) found %v, want %v", text, string(r), got, want)
		}
	})
}

// FuzzIndex checks index against strings.Index.
func FuzzIndex(f *testing.F) {
	f.Add("长春市人民政府长春", "长春")
	f.Add("aaaaab", "ab")
	f.Add("x", "")
	f.Add("\xff\xfe长", "\xfe长")
	f.Fuzz(func(t *testing.T, s, needle string) {
		if got, want := index(s, needle), strings.Index(s, needle); got != want {
			t.Fatalf("index(%q, %q) = %d, want %d", s, needle, got, want)
		}
	})
}
