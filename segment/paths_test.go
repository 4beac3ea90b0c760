package segment

import (
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// sameToken reports whether our token (nil for an unknown character) is
// gse's token w of another Segmenter with the same dictionary.
func sameToken(t *gse.Token, w *gse.Token) bool {
	if t == nil {
		return w.Pos() == "x" && w.Freq() == 1 && len(w.Segments()) == 0
	}
	return t.Text() == w.Text() && t.Freq() == w.Freq() && t.Pos() == w.Pos()
}

// checkPathsMatchGse asserts that shortestPaths segments text exactly as
// gse's Segment does (loaded gse's own way): same spans and the same
// dictionary tokens.
func checkPathsMatchGse(t *testing.T, s *Segmenter, g *gse.Segmenter, text string) {
	t.Helper()
	b := []byte(foldString(text))
	want := g.Segment(b)
	var sc pathScratch
	got := s.paths.segmentInto(b, &sc)
	if len(got) != len(want) {
		t.Fatalf("segmentInto(%q): %d segments, gse %d", text, len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.start != w.Start() || g.end != w.End() || !sameToken(g.tok, w.Token()) {
			t.Fatalf("segmentInto(%q) segment %d = [%d,%d) %v, gse [%d,%d) %q", text, i, g.start, g.end, g.tok, w.Start(), w.End(), w.Token().Text())
		}
	}
}

func TestShortestPathsMatchGse(t *testing.T) {
	s, g := seg(t), bareGse(t)
	texts := append([]string{
		"长春市人民政府发布通知，中华人民共和国成立于1949年10月1日。",
		"iPhone15和5G、MP3和4S店：ÄÖÜ straße ΑΒΓ αβγδ Ｈｅｌｌｏ　ｗｏｒｌｄ",
		"江泽民说三个代表，二○○一年十二月三十一日，增长3.5%，1,000人。",
		"ｶﾀｶﾅ한국어ひらがな𠀀𠀁😀 \t\n\xff\xfe长春\xe4",
		strings.Repeat("哈", 500),
	}, fuzzSeeds...)
	for _, text := range texts {
		checkPathsMatchGse(t, s, g, text)
	}
}

func FuzzShortestPaths(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	s, g := seg(f), bareGse(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkPathsMatchGse(t, s, g, text)
	})
}

// TestEmbeddedDictMatchesGse: New's copy of gse's dictionary, loaded by
// loadGseDict, holds gse's words in gse's order, and segmentsOf gives each
// word the sub-segments gse's CalcToken computes.
func TestEmbeddedDictMatchesGse(t *testing.T) {
	ours, theirs := seg(t).gse.Dict, bareGse(t).Dict
	p := seg(t).paths
	if ours.NumTokens() != theirs.NumTokens() || ours.TotalFreq() != theirs.TotalFreq() || ours.MaxTokenLen() != theirs.MaxTokenLen() {
		t.Fatalf("dictionary: %d tokens, total %v, max %d; gse: %d, %v, %d", ours.NumTokens(), ours.TotalFreq(), ours.MaxTokenLen(),
			theirs.NumTokens(), theirs.TotalFreq(), theirs.MaxTokenLen())
	}
	step := 1
	if raceEnabled || testing.Short() {
		step = 97 // a sample: computing all sub-segments takes seconds under -race
	}
	for i := 0; i < ours.NumTokens(); i += step {
		o, w := &ours.Tokens[i], &theirs.Tokens[i]
		if !sameToken(o, w) {
			t.Fatalf("token %d: %q %v %q; gse %q %v %q", i, o.Text(), o.Freq(), o.Pos(), w.Text(), w.Freq(), w.Pos())
		}
		got, want := p.segmentsOf(o), w.Segments()
		if len(got) != len(want) {
			t.Fatalf("token %d %q: %d sub-segments, gse %d", i, o.Text(), len(got), len(want))
		}
		for j, sg := range got {
			if sg.start != want[j].Start() || sg.end != want[j].End() || !sameToken(sg.tok, want[j].Token()) {
				t.Fatalf("token %d %q: sub-segment %d [%d,%d), gse [%d,%d) %q", i, o.Text(), j, sg.start, sg.end,
					want[j].Start(), want[j].End(), want[j].Token().Text())
			}
		}
	}
}
