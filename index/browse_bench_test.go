package index

import (
	"context"
	"math/rand/v2"
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
	x.sugg.cur.Store(nil)
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

// BenchmarkSuggestScale measures suggestions from 200,000 made-up words
// of two to four common characters, more than the title words and the
// 50,000 body words of 100,000 articles, with 8 clients at once.
//
//	go test ./index -run XXX -bench SuggestScale -cpu 2
func BenchmarkSuggestScale(b *testing.B) {
	const common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
	rng := rand.New(rand.NewPCG(1, 2))
	cr := []rune(common)
	counts := map[string]uint32{}
	for len(counts) < 200000 {
		n := 2 + rng.IntN(3)
		w := make([]rune, n)
		for i := range w {
			w[i] = cr[rng.IntN(len(cr))]
		}
		counts[string(w)] = uint32(1 + rng.IntN(1000))
	}
	w := newSuggestWords(counts)
	qs := []string{"的", "国", "中国", "发展", "人", "大", "建设", "经济", "一", "是", "zz", "飞"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w.complete(qs[i%len(qs)], DefaultSuggestions)
		i++
	}
	b.StopTimer()
	p50, p99 := concurrentLatency(b, 8, 2000, func(i int) { w.complete(qs[i%len(qs)], DefaultSuggestions) })
	b.ReportMetric(float64(p50.Microseconds()), "p50-µs/8clients")
	b.ReportMetric(float64(p99.Microseconds()), "p99-µs/8clients")
	b.ReportMetric(float64(w.bytes)/(1<<20), "MB")
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
