package index

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/search"
)

// BenchmarkLoadSegmenter measures start-up of the whole analyzer: gse's
// dictionary, ours, the place names and the region gazetteer they come
// from (issue 3 asks for at most 1.5 s).
//
//	go test ./index -run XXX -bench LoadSegmenter -benchtime 3x -count 3
func BenchmarkLoadSegmenter(b *testing.B) {
	for b.Loop() {
		if _, err := loadSegmenter(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadSegmenterSnapshot is BenchmarkLoadSegmenter as a start of
// a data directory that has run before does it: from the snapshot in its
// cache directory (segcache.go), file read included.
//
//	go test ./index -run XXX -bench LoadSegmenter -benchtime 5x -count 3
func BenchmarkLoadSegmenterSnapshot(b *testing.B) {
	dir := b.TempDir()
	if _, err := loadSnapshotOrNew(nil, dir, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := loadSnapshotOrNew(nil, dir, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// searchBenchQueries mix the search-box classes: words, substrings that
// cut words, quoted phrases, one character, several clauses, filters.
var searchBenchQueries = []search.Request{
	{Query: "长春"}, {Query: "发展"}, {Query: "经济 发展"}, {Query: "脱贫攻坚 乡村"}, {Query: "人工智能"},
	{Query: "市人民"}, {Query: "展战略"}, {Query: "民政"}, {Query: "新冠肺炎疫情"}, {Query: "一带一路 合作 倡议"},
	{Query: `"共同建设"`}, {Query: `"习近平强调"`}, {Query: `"发展。"`},
	{Query: "党"}, {Query: "春"}, {Query: "的"},
	{Query: "发展", From: "2019-10-01", To: "2019-10-31"}, {Query: "长春", Regions: []string{"吉林省"}}, {Query: "经济", Sections: []string{"要闻"}},
}

// BenchmarkSearchCorpus measures one search on an index of the shared
// corpus, cycling through searchBenchQueries. The index is built once into
// BAOSOU_BENCH_INDEX (or a temporary directory) and reused:
//
//	BAOSOU_BENCH_INDEX=/tmp/bench-index go test ./index -run XXX -bench SearchCorpus -count 6
func BenchmarkSearchCorpus(b *testing.B) {
	dir := os.Getenv("BAOSOU_BENCH_INDEX")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "index")
	}
	x := corpusIndex(b, dir)
	// Facets are computed for every /api/search answer: measured both
	// ways, so their cost shows as the ratio of the two.
	for _, facets := range []bool{false, true} {
		b.Run(fmt.Sprintf("facets=%v", facets), func(b *testing.B) { benchSearchWith(b, x, searchBenchQueries, facets) })
	}
}

// BenchmarkSearchQueries runs the harness's query set (testdata/queries:
// words, substrings, phrases, one character, each with and without
// filters, 1,024 in all) on the index in BAOSOU_BENCH_INDEX, one after the
// other, with facets and without, ranking broad matches by their
// candidates and not. The facet cache is emptied before each search with
// facets, so every facet is counted. On an archive built by the harness:
//
//	BAOSOU_BENCH_INDEX=/tmp/bench/w100k/baosou-data/index-… go test ./index -run XXX -bench SearchQueries -benchtime 512x
func BenchmarkSearchQueries(b *testing.B) {
	x := benchIndex(b)
	classes := harnessQueries(b)
	for _, class := range []string{"all", "word", "substring", "phrase", "onechar"} {
		for _, facets := range []bool{false, true} {
			// broad=false ranks every hit (broad.go off): the baseline of
			// ranking broad matches by their candidates, in the same run.
			for _, broad := range []bool{true, false} {
				b.Run(fmt.Sprintf("%s/facets=%v/broad=%v", class, facets, broad), func(b *testing.B) {
					x.broadHits = 0
					if broad {
						x.broadHits = DefaultBroadHits
					}
					benchSearchWith(b, x, classes[class], facets)
				})
			}
		}
	}
}

// BenchmarkSearchGroups runs each group of the harness's queries (a class
// with one kind of filter, or none: 64 queries) on the index in
// BAOSOU_BENCH_INDEX, one after the other, with facets and without: what a
// search of each group costs on one core, without the queueing and the
// noise of the harness's loads, so that a filter's cost shows against the
// same class without it.
//
//	BAOSOU_BENCH_INDEX=/tmp/bench/w100k/baosou-data/index-… go test ./index -run XXX -bench SearchGroups -benchtime 640x
func BenchmarkSearchGroups(b *testing.B) {
	x := benchIndex(b)
	groups := harnessQueries(b)
	for _, class := range []string{"word", "substring", "phrase", "onechar"} {
		for _, filter := range []string{"none", "date", "region", "section"} {
			for _, facets := range []bool{false, true} {
				reqs := groups[class+"/"+filter]
				if len(reqs) == 0 {
					b.Fatalf("no %s queries with filter %s in the query set", class, filter)
				}
				b.Run(fmt.Sprintf("%s/%s/facets=%v", class, filter, facets), func(b *testing.B) {
					benchSearchWith(b, x, reqs, facets)
				})
			}
		}
	}
}

// benchIndex opens the index named by BAOSOU_BENCH_INDEX, or skips.
func benchIndex(b *testing.B) *Index {
	dir := os.Getenv("BAOSOU_BENCH_INDEX")
	if dir == "" {
		b.Skip("BAOSOU_BENCH_INDEX names no index")
	}
	gaz, err := region.Default()
	if err != nil {
		b.Fatal(err)
	}
	x, err := Open(dir, Options{ResolveRegion: gaz.Resolve})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Close() })
	return x
}

// harnessQueries reads testdata/queries/queries.jsonl as requests: by
// class, by class and filter ("word/date"), and all together.
func harnessQueries(b testing.TB) map[string][]search.Request {
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "queries", "queries.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	out := map[string][]search.Request{}
	for _, line := range bytes.Split(bytes.TrimSpace(raw), []byte("\n")) {
		var q struct{ Class, Filter, Q, From, To, Section, Region string }
		if err := json.Unmarshal(line, &q); err != nil {
			b.Fatal(err)
		}
		req := search.Request{Query: q.Q, From: q.From, To: q.To, Sections: nonEmpty(q.Section), Regions: nonEmpty(q.Region)}
		for _, k := range []string{q.Class, q.Class + "/" + q.Filter, "all"} {
			out[k] = append(out[k], req)
		}
	}
	return out
}

// BenchmarkSearchSmall is BenchmarkSearchCorpus on the relevance documents
// in testdata, so it runs on a fresh clone.
func BenchmarkSearchSmall(b *testing.B) {
	benchSearch(b, newTestIndex(b, loadRelevance(b).Docs))
}

func benchSearch(b *testing.B, x *Index) { benchSearchWith(b, x, searchBenchQueries, false) }

// benchSearchWith runs reqs one after the other, cycling, with or
// without facets.
func benchSearchWith(b *testing.B, x *Index, reqs []search.Request, facets bool) {
	b.Helper()
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		req := reqs[i%len(reqs)]
		req.Facets = facets
		i++
		if facets {
			x.facets = facetCache{} // counted every time, as a class's queries fit in the cache
		}
		if _, err := x.Search(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

// corpusIndex opens the index in dir, first building it from the shared
// corpus when dir does not exist.
func corpusIndex(b testing.TB, dir string) *Index {
	b.Helper()
	_, statErr := os.Stat(dir)
	x, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { x.Close() })
	if !os.IsNotExist(statErr) {
		return x
	}
	applyAll(b, x, loadCorpus(b, 1<<30), 500)
	return x
}

// BenchmarkApplyCorpus measures indexing: the first 2,000 articles of the
// shared corpus into a new index, in batches of 256 as ingest sends them.
//
//	go test ./index -run XXX -bench ApplyCorpus -benchtime 3x
func BenchmarkApplyCorpus(b *testing.B) {
	const n = 2000
	arts := loadCorpus(b, n)
	for b.Loop() {
		b.StopTimer()
		x, err := Open(filepath.Join(b.TempDir(), "index"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		applyAll(b, x, arts, 256)
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkReadFacetColumns measures reading the facet columns of every
// segment of the index in BAOSOU_BENCH_INDEX from scratch: what the first
// search with facets after a start, or after a merge, waits for. From the
// segments' facet dictionaries, and from the column files (written into
// the index's baosou-facets/ first, as a server would).
//
//	BAOSOU_BENCH_INDEX=/tmp/bench/w100k/baosou-data/index-… go test ./index -run XXX -bench ReadFacetColumns -benchtime 5x
func BenchmarkReadFacetColumns(b *testing.B) {
	dir := os.Getenv("BAOSOU_BENCH_INDEX")
	if dir == "" {
		b.Skip("BAOSOU_BENCH_INDEX names no index")
	}
	x, err := Open(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	x.bg.Wait()
	snap, r := snapshotOf(b, x)
	defer r.Close()
	saved := facetColumns{dir: x.cols.dir, log: x.log}
	if err := saved.warm(context.Background(), snap, runtime.GOMAXPROCS(0), 0); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		dir  string
	}{{"segments", ""}, {"files", x.cols.dir}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				fc := facetColumns{dir: bc.dir, log: x.log}
				if _, _, err := fc.of(context.Background(), snap, "read facet columns"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
