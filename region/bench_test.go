package region

import (
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
)

// BenchmarkTag tags the whole shared corpus per iteration. BenchmarkNaive
// is the baseline the design avoids: one strings.Count per alias over each
// article, with no boundary or scoring work at all; it is so slow that it
// runs on the first naiveArticles articles only (compare articles/s). Run
// both in one go:
//
//	go test -run '^$' -bench 'Tag|Naive' -benchtime 3x ./region/
func BenchmarkTag(b *testing.B) {
	g := gaz(b)
	arts := loadCorpus(b)
	b.SetBytes(corpusBytes(arts))
	b.ResetTimer()
	tags := 0
	for b.Loop() {
		tags = 0
		for _, a := range arts {
			tags += len(g.Tag(a))
		}
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(tags)/float64(len(arts)), "tags/article")
}

const naiveArticles = 300

func BenchmarkNaive(b *testing.B) {
	g := gaz(b)
	arts := loadCorpus(b)
	arts = arts[:min(len(arts), naiveArticles)]
	b.SetBytes(corpusBytes(arts))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			text := a.Title + "\n" + a.Kicker + "\n" + a.BodyText()
			for _, al := range g.aliases {
				if al.tag {
					_ = strings.Count(text, al.text)
				}
			}
		}
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func corpusBytes(arts []*article.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Title) + len(a.Kicker) + len(a.Subtitle) + len(a.BodyText()))
	}
	return n
}
