package index

import "testing"

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
