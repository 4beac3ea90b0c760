package segment

import (
	"sync"
	"testing"

	"github.com/go-ego/gse"
)

// testSeg loads one Segmenter for the whole test binary: loading takes
// about a second, and a Segmenter is read-only, so tests share it.
var testSeg = sync.OnceValues(func() (*Segmenter, error) {
	return New(Config{})
})

// testBareGse is gse loaded its own way with its simplified dictionary,
// the words seg(tb) has: the baseline for speed and for equivalence.
var testBareGse = sync.OnceValues(func() (*gse.Segmenter, error) {
	g := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	return g, g.LoadDictEmbed("zh_s")
})

func bareGse(tb testing.TB) *gse.Segmenter {
	tb.Helper()
	g, err := testBareGse()
	if err != nil {
		tb.Fatalf("gse LoadDictEmbed: %v", err)
	}
	return g
}

func seg(tb testing.TB) *Segmenter {
	tb.Helper()
	s, err := testSeg()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}
