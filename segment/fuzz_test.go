package segment

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"", "长春市人民政府发布", "長春市人民政府發佈", "iPhone15和5G", "ＩＢＭ２０２４",
	"二○○一年十二月三十一日", "3.5%的1,000人", "哈哈哈哈", "a\xffb\xe4\xb8", " ，。",
	"中华人民共和国", "ｶﾀｶﾅ한국어", "-5℃", "1.2.3", "１９９８年", "12,34",
}

// runeStarts maps each rune boundary of s (as `range` decodes it, one rune
// per invalid byte) to its rune index; len(s) maps to the rune count.
func runeStarts(s string) map[int]int {
	m := make(map[int]int, len(s)+1)
	n := 0
	for i := range s {
		m[i] = n
		n++
	}
	m[len(s)] = n
	return m
}

// checkTokens asserts what every token of every analysis must satisfy.
func checkTokens(t *testing.T, what, text string, toks []Token, strict bool) {
	t.Helper()
	starts := runeStarts(text)
	prevPos, prevEnd := 0, 0
	for _, tok := range toks {
		ri, okS := starts[tok.Start]
		_, okE := starts[tok.End]
		if !okS || !okE || tok.Start >= tok.End {
			t.Fatalf("%s(%q): token %v not on rune boundaries inside the text", what, text, tok)
		}
		if tok.Position != ri+1 {
			t.Fatalf("%s(%q): token %v has position %d, want rune index+1 = %d", what, text, tok, tok.Position, ri+1)
		}
		if f, _ := Fold(text[tok.Start:tok.End]); tok.Term != f {
			t.Fatalf("%s(%q): token %v term is not the folded text %q", what, text, tok, f)
		}
		if tok.Position < prevPos || strict && (tok.Position == prevPos || tok.Start < prevEnd) {
			t.Fatalf("%s(%q): token %v after position %d end %d", what, text, tok, prevPos, prevEnd)
		}
		prevPos, prevEnd = tok.Position, tok.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	s := seg(f)
	f.Fuzz(func(t *testing.T, text string) {
		q, ix := s.Tokenize(text, ModeQuery), s.Tokenize(text, ModeIndex)
		checkTokens(t, "Tokenize query", text, q, true)
		checkTokens(t, "Tokenize index", text, ix, false)
		// A phrase query matches a document only if the document's index
		// tokens include the query's tokens: for the same text they must.
		in := make(map[Token]bool, len(ix))
		for _, tok := range ix {
			in[tok] = true
		}
		for _, tok := range q {
			if !in[tok] {
				t.Fatalf("Tokenize(%q): query token %v missing from the index tokens %v", text, tok, ix)
			}
		}
	})
}

func FuzzBigrams(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkTokens(t, "Bigrams", text, Bigrams(text), false)
		for n := 1; n <= 3; n++ {
			grams := NGrams(text, n)
			checkTokens(t, "NGrams", text, grams, false)
			for _, g := range grams {
				if utf8.RuneCountInString(g.Term) != n {
					t.Fatalf("NGrams(%q, %d): gram %v", text, n, g)
				}
			}
			if want := utf8.RuneCountInString(text) - n + 1; n > 1 && len(grams) != max(want, 0) {
				t.Fatalf("NGrams(%q, %d): %d grams, want %d", text, n, len(grams), want)
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded, offs := Fold(s)
		if len(offs) != len(folded)+1 || offs[len(folded)] != len(s) {
			t.Fatalf("Fold(%q): %d offsets for %d bytes, last %d", s, len(offs), len(folded), offs[len(offs)-1])
		}
		starts := runeStarts(s)
		for i, o := range offs {
			if _, ok := starts[o]; !ok || i > 0 && o < offs[i-1] {
				t.Fatalf("Fold(%q): offset %d = %d not a rune boundary in order", s, i, o)
			}
		}
		if utf8.RuneCountInString(folded) != starts[len(s)] {
			t.Fatalf("Fold(%q) = %q changes the rune count", s, folded)
		}
		if again, _ := Fold(folded); again != folded {
			t.Fatalf("Fold is not idempotent: %q → %q → %q", s, folded, again)
		}
	})
}
