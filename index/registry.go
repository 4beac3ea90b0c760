package index

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/baosou/baosou/dict"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer names registered with Bleve. They are stored in every index
// mapping, so renaming one makes old indexes unreadable: change
// AnalyzerVersion and rebuild instead.
const (
	AnalyzerWords  = "baosou_words"  // segment.ModeIndex: words and their sub-words
	AnalyzerBigram = "baosou_bigram" // segment.Bigrams: substring recall
)

// This is the one init in the project: Bleve builds analyzers by name from a
// process-wide registry, so ours must be in it before any index is opened.
func init() {
	registry.RegisterAnalyzer(AnalyzerWords, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		seg, err := sharedSegmenter()
		if err != nil {
			return nil, err
		}
		return wordAnalyzer{seg: seg, mode: segment.ModeIndex}, nil
	})
	registry.RegisterAnalyzer(AnalyzerBigram, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return bigramAnalyzer{}, nil
	})
}

// sharedSegmenter loads gse and our dictionaries once per process: the
// dictionary costs about a second and 130 MiB, and a Segmenter is read-only
// after loading, so every analyzer and query shares it.
var sharedSegmenter = sync.OnceValues(loadSegmenter)

// Segmenter returns the process-wide segmenter used by the analyzers, so the
// query side and `baosou segment` cut text exactly as the index does.
func Segmenter() (*segment.Segmenter, error) { return sharedSegmenter() }

func loadSegmenter() (*segment.Segmenter, error) {
	var cfg segment.Config
	for _, f := range dict.WordLists() {
		cfg.Dicts = append(cfg.Dicts, bytes.NewReader(f.Data))
	}
	gaz, err := region.Default()
	if err != nil {
		return nil, fmt.Errorf("load region names for the segmenter: %w", err)
	}
	var places bytes.Buffer
	for _, n := range gaz.Names() {
		fmt.Fprintf(&places, "%s 1000 ns\n", n)
	}
	cfg.Dicts = append(cfg.Dicts, &places)
	seg, err := segment.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("load segmenter: %w", err)
	}
	return seg, nil
}

type wordAnalyzer struct {
	seg  *segment.Segmenter
	mode segment.Mode
}

func (a wordAnalyzer) Analyze(text []byte) analysis.TokenStream {
	return toStream(a.seg.Tokenize(string(text), a.mode))
}

type bigramAnalyzer struct{}

func (bigramAnalyzer) Analyze(text []byte) analysis.TokenStream {
	return toStream(segment.Bigrams(string(text)))
}

func toStream(toks []segment.Token) analysis.TokenStream {
	out := make(analysis.TokenStream, len(toks))
	backing := make([]analysis.Token, len(toks))
	for i, t := range toks {
		backing[i] = analysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End, Position: t.Position, Type: analysis.Ideographic}
		out[i] = &backing[i]
	}
	return out
}
