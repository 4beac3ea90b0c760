package segment

import (
	"sync"
	"testing"
)

// testSeg loads one Segmenter for the whole test binary: loading takes
// about a second, and a Segmenter is read-only, so tests share it.
var testSeg = sync.OnceValues(func() (*Segmenter, error) {
	return New(Config{})
})

func seg(tb testing.TB) *Segmenter {
	tb.Helper()
	s, err := testSeg()
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}
