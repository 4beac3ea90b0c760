package index

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"sync"

	"github.com/baosou/baosou/dict"
	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer names. AnalyzerWords is defined in each index mapping as a
// custom analyzer of type analyzerWordsType whose config names the
// segmenter (by its version) it was built with; AnalyzerBigram is
// registered directly. Renaming either makes old indexes unreadable:
// change IndexLayout and rebuild instead.
const (
	AnalyzerWords     = "baosou_words"  // segment.ModeIndex: words and their sub-words
	AnalyzerBigram    = "baosou_bigram" // segment.Bigrams: substring recall
	AnalyzerGrams1    = "baosou_grams1" // segment.NGrams: single characters
	AnalyzerGrams2    = "baosou_grams2" // segment.NGrams: bigrams
	analyzerWordsType = "baosou_words_segmenter"
	configSegmenter   = "segmenter" // analyzer config key: the segmenter's Version
)

// This is the one init in the project: Bleve builds analyzers by name from a
// process-wide registry, so ours must be in it before any index is opened.
func init() {
	registry.RegisterAnalyzer(analyzerWordsType, func(config map[string]any, _ *registry.Cache) (analysis.Analyzer, error) {
		version, _ := config[configSegmenter].(string)
		seg, ok := loadedSegmenter(version)
		if !ok {
			return nil, fmt.Errorf("%w: no segmenter %q is loaded; run `baosou rebuild`", ErrVersion, version)
		}
		return wordAnalyzer{seg: seg, mode: segment.ModeIndex}, nil
	})
	registry.RegisterAnalyzer(AnalyzerBigram, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return bigramAnalyzer{}, nil
	})
	for n, name := range []string{AnalyzerGrams1, AnalyzerGrams2} {
		registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return gramAnalyzer{n: n + 1}, nil
		})
	}
}

// segmenters caches loaded segmenters, by the hash of the operator's user
// dictionary and by Version. Loading one costs about a second and 300 MB,
// and a Segmenter is read-only afterwards, so every index and query with
// the same dictionaries shares one. It is package state only because
// Bleve's analyzer registry, which must find it, is.
var segmenters = struct {
	sync.Mutex
	byDict    map[[32]byte]*segment.Segmenter
	byVersion map[string]*segment.Segmenter
}{byDict: map[[32]byte]*segment.Segmenter{}, byVersion: map[string]*segment.Segmenter{}}

// Segmenter returns the segmenter for the shipped dictionaries plus the
// operator's user dictionary userDict (gse format; nil for none), loading
// it on first use. The query side and `baosou segment` use it to cut text
// exactly as an index built with the same userDict does.
func Segmenter(userDict []byte) (*segment.Segmenter, error) {
	return cachedSegmenter(userDict, "", nil)
}

// cachedSegmenter is Segmenter that, with a cache directory, loads the
// segmenter from the snapshot kept there and keeps one after loading the
// dictionaries (see segcache.go).
func cachedSegmenter(userDict []byte, cacheDir string, log *slog.Logger) (*segment.Segmenter, error) {
	key := sha256.Sum256(userDict)
	segmenters.Lock()
	defer segmenters.Unlock()
	if seg, ok := segmenters.byDict[key]; ok {
		return seg, nil
	}
	var seg *segment.Segmenter
	var err error
	if cacheDir == "" {
		seg, err = loadSegmenter(userDict)
	} else {
		seg, err = loadSnapshotOrNew(userDict, cacheDir, log)
	}
	if err != nil {
		return nil, err
	}
	segmenters.byDict[key] = seg
	segmenters.byVersion[seg.Version()] = seg
	return seg, nil
}

func loadedSegmenter(version string) (*segment.Segmenter, bool) {
	segmenters.Lock()
	defer segmenters.Unlock()
	seg, ok := segmenters.byVersion[version]
	return seg, ok
}

// AnalyzerVersion is the analyzer version (segment.Segmenter.Version) an
// index built with userDict has, computed from the dictionaries' bytes
// without loading them.
func AnalyzerVersion(userDict []byte) (string, error) {
	cfg, err := segmenterConfig(userDict)
	if err != nil {
		return "", err
	}
	return segment.VersionOf(cfg())
}

// UserDictName names the operator's dictionary in messages and in the
// analyzer version.
const UserDictName = "user dictionary"

func loadSegmenter(userDict []byte) (*segment.Segmenter, error) {
	cfg, err := segmenterConfig(userDict)
	if err != nil {
		return nil, err
	}
	return newSegmenter(cfg)
}

func newSegmenter(cfg func() segment.Config) (*segment.Segmenter, error) {
	seg, err := segment.New(cfg())
	if err != nil {
		return nil, fmt.Errorf("load segmenter: %w", err)
	}
	return seg, nil
}

// segmenterConfig returns the dictionaries of a segmenter with userDict:
// a function, because a segment.Config's readers are read once and a
// snapshot that cannot be used needs them again.
func segmenterConfig(userDict []byte) (func() segment.Config, error) {
	gaz, err := region.Default()
	if err != nil {
		return nil, fmt.Errorf("load region names for the segmenter: %w", err)
	}
	var places bytes.Buffer
	for _, n := range gaz.Names() {
		fmt.Fprintf(&places, "%s 1000 ns\n", n)
	}
	return func() segment.Config {
		var cfg segment.Config
		if len(userDict) > 0 {
			// First: the operator's words win over ours and gse's.
			cfg.Dicts = append(cfg.Dicts, bytes.NewReader(userDict))
			cfg.DictNames = append(cfg.DictNames, UserDictName)
		}
		for _, f := range dict.WordLists() {
			cfg.Dicts = append(cfg.Dicts, bytes.NewReader(f.Data))
			cfg.DictNames = append(cfg.DictNames, f.Name)
		}
		cfg.Dicts = append(cfg.Dicts, bytes.NewReader(places.Bytes()))
		cfg.DictNames = append(cfg.DictNames, "place names")
		return cfg
	}, nil
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

type gramAnalyzer struct{ n int }

func (a gramAnalyzer) Analyze(text []byte) analysis.TokenStream {
	return toStream(segment.NGrams(string(text), a.n))
}

// toStream converts tokens for Bleve, with every term's bytes in one
// buffer: one allocation per text instead of one per token.
func toStream(toks []segment.Token) analysis.TokenStream {
	n := 0
	for _, t := range toks {
		n += len(t.Term)
	}
	buf := make([]byte, 0, n)
	out := make(analysis.TokenStream, len(toks))
	backing := make([]analysis.Token, len(toks))
	for i, t := range toks {
		start := len(buf)
		buf = append(buf, t.Term...)
		backing[i] = analysis.Token{Term: buf[start:len(buf):len(buf)], Start: t.Start, End: t.End, Position: t.Position, Type: analysis.Ideographic}
		out[i] = &backing[i]
	}
	return out
}
