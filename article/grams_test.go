package article

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// sampleBodies reads the bodies of the bundled sample.
func sampleBodies(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open("../testdata/sample/rmrb-sample.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a.Body)
	}
	return out
}

// BenchmarkGramsSameText builds the pairs of two openings of 2,000
// characters and compares them, as collapsing search hits does.
func BenchmarkGramsSameText(b *testing.B) {
	bodies := sampleBodies(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		x, y := bodies[i%len(bodies)], bodies[(i+1)%len(bodies)]
		Grams(x, 2000).SameText(Grams(y, 2000))
	}
}

// refOverlap is the definition SameText implements, on sorted sets: the
// share of the smaller set's distinct pairs found in the other.
func refOverlap(a, b string, maxChars int) (shared, smaller int) {
	set := func(s string) map[uint64]bool {
		out := map[uint64]bool{}
		prev, n := rune(-1), 0
		for _, r := range s {
			if n++; maxChars > 0 && n > maxChars {
				break
			}
			if prev >= 0 {
				out[uint64(prev)<<32|uint64(r)] = true
			}
			prev = r
		}
		return out
	}
	sa, sb := set(a), set(b)
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	for k := range sa {
		if sb[k] {
			shared++
		}
	}
	return shared, len(sa)
}

// TestSameTextAsDefined compares SameText with the definition on
// pairs of sample bodies, their halves and openings (overlaps on both
// sides of the threshold), texts longer than a byte count suggests
// (ASCII), and empty and one-character texts.
func TestSameTextAsDefined(t *testing.T) {
	bodies := sampleBodies(t)
	texts := []string{"", "长", "\x00\x00", "ab", strings.Repeat("abcdefgh", 300)}
	for _, b := range bodies[:40] {
		r := []rune(b)
		texts = append(texts, b, string(r[:len(r)/2]), string(r[len(r)/5:]), string(r[:len(r)*9/10])+"附记：完")
	}
	decided := map[bool]int{}
	for i, a := range texts {
		for _, b := range texts[max(0, i-6) : i+1] {
			for _, maxChars := range []int{0, 50, 2000} {
				shared, smaller := refOverlap(a, b, maxChars)
				want := smaller > 0 && float64(shared) >= sameStoryOverlap*float64(smaller)
				ga, gb := Grams(a, maxChars), Grams(b, maxChars)
				if got := ga.SameText(gb); got != want {
					t.Fatalf("SameText(%.20q, %.20q, %d) = %v, want %v (%d of %d)", a, b, maxChars, got, want, shared, smaller)
				}
				if gb.SameText(ga) != want {
					t.Fatalf("SameText is not symmetric for %.20q, %.20q", a, b)
				}
				decided[want]++
			}
		}
	}
	if decided[true] < 50 || decided[false] < 50 {
		t.Fatalf("the cases decide too few both ways: %v", decided)
	}
}
