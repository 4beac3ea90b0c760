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
	s := seg(b)
	for _, sz := range sizes {
		text := corpusText(b, sz.n)
		b.Run(sz.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				s.gse.Cut(text)
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
	s := seg(b)
	for _, sz := range sizes {
		text := corpusText(b, sz.n)
		b.Run(sz.name, func(b *testing.B) {
			var tq, ti, tg time.Duration
			for b.Loop() {
				t0 := time.Now()
				s.Tokenize(text, ModeQuery)
				t1 := time.Now()
				s.gse.Cut(text)
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
