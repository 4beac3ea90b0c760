package segment

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusText returns the first n bytes (cut at a rune boundary) of the
// bodies of the shared 人民日报 corpus, read once.
var corpusBodies = sync.OnceValues(func() (string, error) {
	f, err := os.Open(sharedDir + "/corpus/rmrb-2019-2020.jsonl.gz")
	if err != nil {
		return "", err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	sc := bufio.NewScanner(z)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() && b.Len() < 64<<10 {
		var a struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return "", err
		}
		b.WriteString(a.Body)
		b.WriteString("\n")
	}
	return b.String(), sc.Err()
})

func corpusText(b *testing.B, n int) string {
	b.Helper()
	sharedFile(b, "corpus/rmrb-2019-2020.jsonl.gz")
	all, err := corpusBodies()
	if err != nil {
		b.Fatal(err)
	}
	for n > 0 && n < len(all) && !utf8.RuneStart(all[n]) {
		n--
	}
	return all[:n]
}

var sizes = []struct {
	name string
	n    int
}{{"1KB", 1 << 10}, {"30KB", 30 << 10}}

// BenchmarkTokenize and BenchmarkGseCut run on the same texts; compare
// their MB/s within one run (-bench 'Tokenize|GseCut').
func BenchmarkTokenize(b *testing.B) {
	s := seg(b)
	for _, sz := range sizes {
		text := corpusText(b, sz.n)
		for _, m := range []Mode{ModeQuery, ModeIndex} {
			b.Run(m.String()+"/"+sz.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					s.Tokenize(text, m)
				}
			})
		}
	}
}

func BenchmarkGseCut(b *testing.B) {
	g := bareGse(b)
	for _, sz := range sizes {
		text := corpusText(b, sz.n)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				g.Cut(text)
			}
		})
	}
}

func BenchmarkBigrams(b *testing.B) {
	text := corpusText(b, 30<<10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Bigrams(text)
	}
}

// BenchmarkRepeatedHa: 10,000 × 哈, the input that made peers quadratic.
func BenchmarkRepeatedHa(b *testing.B) {
	s := seg(b)
	text := strings.Repeat("哈", 10000)
	for b.Loop() {
		s.Tokenize(text, ModeIndex)
	}
}

// BenchmarkNew measures start-up: gse's simplified dictionary plus ours.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		shippedSegmenter(b)
	}
}

// BenchmarkTokenizeVsGseCut alternates Tokenize (ModeQuery and ModeIndex)
// and bare gse Cut on the same text inside every iteration, so that load
// from other processes hits all alike, and reports each one's MB/s and
// their ratio (the target is ≥ 0.9).
func BenchmarkTokenizeVsGseCut(b *testing.B) {
	s, g := seg(b), bareGse(b)
	for _, sz := range sizes {
		text := corpusText(b, sz.n)
		b.Run(sz.name, func(b *testing.B) {
			var tq, ti, tg time.Duration
			for b.Loop() {
				t0 := time.Now()
				s.Tokenize(text, ModeQuery)
				t1 := time.Now()
				g.Cut(text)
				t2 := time.Now()
				s.Tokenize(text, ModeIndex)
				t3 := time.Now()
				tq, tg, ti = tq+t1.Sub(t0), tg+t2.Sub(t1), ti+t3.Sub(t2)
			}
			mb := float64(len(text)) * float64(b.N) / 1e6
			b.ReportMetric(mb/tq.Seconds(), "query-MB/s")
			b.ReportMetric(mb/ti.Seconds(), "index-MB/s")
			b.ReportMetric(mb/tg.Seconds(), "gsecut-MB/s")
			b.ReportMetric(tg.Seconds()/tq.Seconds(), "query/gse")
			b.ReportMetric(tg.Seconds()/ti.Seconds(), "index/gse")
		})
	}
}

// BenchmarkLinear alternates, inside every iteration, tokenizing a 30 KB
// text whole and as its thirty 1 KB pieces (cut at line ends, else at rune
// boundaries), so that both see the same characters and load from other
// processes hits both alike. It reports the per-byte speed of the whole
// text relative to the pieces for each mode (the target is ≥ 0.8), and,
// as "first-1KB", the same ratio against the first 1 KB repeated, next to
// bare gse Cut's.
func BenchmarkLinear(b *testing.B) {
	s, g := seg(b), bareGse(b)
	large := corpusText(b, 30<<10)
	first := corpusText(b, 1<<10)
	pieces := splitPieces(large, 1<<10)
	reps := len(large) / len(first)
	var tp, tl, tf [2]time.Duration
	var tgl, tgf time.Duration
	for b.Loop() {
		t0 := time.Now()
		g.Cut(large)
		t1 := time.Now()
		for range reps {
			g.Cut(first)
		}
		tgl, tgf = tgl+t1.Sub(t0), tgf+time.Since(t1)
		for m := range []Mode{ModeQuery, ModeIndex} {
			t0 := time.Now()
			for _, p := range pieces {
				s.Tokenize(p, Mode(m))
			}
			t1 := time.Now()
			s.Tokenize(large, Mode(m))
			t2 := time.Now()
			for range reps {
				s.Tokenize(first, Mode(m))
			}
			t3 := time.Now()
			tp[m], tl[m], tf[m] = tp[m]+t1.Sub(t0), tl[m]+t2.Sub(t1), tf[m]+t3.Sub(t2)
		}
	}
	for m, name := range []string{"query", "index"} {
		// same bytes in pieces and whole: the ratio of times is the ratio
		// of per-byte speeds
		b.ReportMetric(tp[m].Seconds()/tl[m].Seconds(), name+"-30KB/1KB")
		perByteFirst := float64(reps*len(first)) / tf[m].Seconds()
		b.ReportMetric(float64(len(large))/tl[m].Seconds()/perByteFirst, name+"-30KB/first-1KB")
	}
	// Repeating one 1 KB text keeps its part of gse's dictionary trie in
	// the CPU caches, which thirty different kilobytes do not: bare gse
	// shows the same drop.
	b.ReportMetric(tgf.Seconds()*float64(len(large))/(float64(reps*len(first))*tgl.Seconds()), "gsecut-30KB/first-1KB")
}

// splitPieces cuts text into pieces of about n bytes, at a line end when
// one lies in the second half of the piece, else at a rune boundary.
func splitPieces(text string, n int) []string {
	var out []string
	for len(text) > n {
		cut := strings.LastIndexByte(text[:n], '\n') + 1
		if cut < n/2 {
			cut = n
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	return append(out, text)
}
