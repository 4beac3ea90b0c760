package index

import (
	"fmt"
	"strings"
	"testing"
)

// The analyzers Bleve builds from the registry carry our byte offsets and
// character positions through unchanged.
func TestRegisteredAnalyzers(t *testing.T) {
	x := newTestIndex(t, nil)
	m := x.bleve.Mapping()
	cases := []struct {
		analyzer, text string
		want           []string // term@start-end#position
	}{
		{AnalyzerWords, "长春市人民政府", []string{"长春市@0-9#1", "长春@0-6#1", "市@6-9#3", "人民政府@9-21#4", "人民@9-15#4", "政府@15-21#6"}},
		{AnalyzerWords, "長春 ＩＢＭ", []string{"长春@0-6#1", "ibm@7-16#4"}},
		{AnalyzerBigram, "市人民，IBM", []string{"市人@0-6#1", "人民@3-9#2", "民,@6-12#3", ",i@9-13#4", "ib@12-14#5", "bm@13-15#6", "m@14-15#7"}},
	}
	for _, c := range cases {
		var got []string
		for _, tok := range m.AnalyzerNamed(c.analyzer).Analyze([]byte(c.text)) {
			got = append(got, fmt.Sprintf("%s@%d-%d#%d", tok.Term, tok.Start, tok.End, tok.Position))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s(%q) =\n  %v\nwant\n  %v", c.analyzer, c.text, got, c.want)
		}
	}
}
