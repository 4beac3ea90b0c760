package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// suggestBenchQueries are what users type, keystroke by keystroke.
var suggestBenchQueries = []string{
	"长", "长春", "春", "春节", "发", "发展", "经", "经济", "中", "中国", "人", "人民", "习", "习近平",
	"一", "一带", "一带一路", "新", "新冠", "脱", "脱贫", "的", "国", "改革开", "乡村振", "zz",
}

// BenchmarkSuggest measures one suggestion on the sample index, and the
// latency percentiles of 8 clients typing at once (set -cpu 2 for the
// contract's 2 cores).
//
//	go test ./index -run XXX -bench 'Suggest$' -cpu 2
func BenchmarkSuggest(b *testing.B) {
	x, _ := sampleIndex(b)
	benchSuggest(b, x)
}

// BenchmarkSuggestCorpus is BenchmarkSuggest on the shared corpus (see
// BenchmarkSearchCorpus for BAOSOU_BENCH_INDEX); it also reports the
// memory the words hold and how long building them takes.
//
//	BAOSOU_BENCH_INDEX=/tmp/bench-index go test ./index -run XXX -bench SuggestCorpus -cpu 2
func BenchmarkSuggestCorpus(b *testing.B) {
	benchSuggest(b, benchCorpusIndex(b))
}

func benchCorpusIndex(b *testing.B) *Index {
	dir := os.Getenv("BAOSOU_BENCH_INDEX")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "index")
	}
	return corpusIndex(b, dir)
}

func benchSuggest(b *testing.B, x *Index) {
	ctx := context.Background()
	start := time.Now()
	if err := x.BuildSuggestions(ctx); err != nil {
		b.Fatal(err)
	}
	built := time.Since(start)
	words, bytes := x.SuggestionStats()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := x.Suggest(ctx, suggestBenchQueries[i%len(suggestBenchQueries)], DefaultSuggestions); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.StopTimer()
	p50, p99 := concurrentLatency(b, 8, 2000, func(i int) {
		if _, err := x.Suggest(ctx, suggestBenchQueries[i%len(suggestBenchQueries)], DefaultSuggestions); err != nil {
			b.Error(err)
		}
	})
	b.ReportMetric(float64(p50.Microseconds()), "p50-µs/8clients")
	b.ReportMetric(float64(p99.Microseconds()), "p99-µs/8clients")
	b.ReportMetric(float64(words), "words")
	b.ReportMetric(float64(bytes)/(1<<20), "MB")
	b.ReportMetric(float64(built.Milliseconds()), "build-ms")
}

// concurrentLatency runs fn n times in each of clients goroutines and
// returns the median and 99th percentile of the calls' latencies.
func concurrentLatency(b *testing.B, clients, n int, fn func(i int)) (p50, p99 time.Duration) {
	lat := make([]time.Duration, clients*n)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				t := time.Now()
				fn(c*n + i)
				lat[c*n+i] = time.Since(t)
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	return lat[len(lat)/2], lat[len(lat)*99/100]
}

// BenchmarkRelated measures related articles on the sample index.
func BenchmarkRelated(b *testing.B) {
	x, docs := sampleIndex(b)
	benchRelated(b, x, docs[0].ID, docs[len(docs)/2].ID)
}

// BenchmarkRelatedCorpus is BenchmarkRelated on the shared corpus.
//
//	BAOSOU_BENCH_INDEX=/tmp/bench-index go test ./index -run XXX -bench RelatedCorpus
func BenchmarkRelatedCorpus(b *testing.B) {
	x := benchCorpusIndex(b)
	arts := loadCorpus(b, 1<<30)
	var ids []string
	for i := 0; i < len(arts); i += len(arts) / 50 {
		ids = append(ids, arts[i].ID)
	}
	benchRelated(b, x, ids...)
}

func benchRelated(b *testing.B, x *Index, ids ...string) {
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := x.Related(ctx, ids[i%len(ids)], DefaultRelated); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBrowseCorpus measures the browsing calls on the shared corpus.
//
//	BAOSOU_BENCH_INDEX=/tmp/bench-index go test ./index -run XXX -bench BrowseCorpus
func BenchmarkBrowseCorpus(b *testing.B) {
	x := benchCorpusIndex(b)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"papers", func() error { _, err := x.Papers(ctx); return err }},
		{"papers-uncached", func() error { _, err := x.listPapers(ctx); return err }},
		{"calendar", func() error { _, err := x.Calendar(ctx, "人民日报", "2019-10"); return err }},
		{"issue", func() error { _, err := x.Issue(ctx, "人民日报", "2019-10-01"); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
