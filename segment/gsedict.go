package segment

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// gseZhS is gse v0.80.3's simplified Chinese dictionary,
// data/dict/zh/s_1.txt, copied unchanged (Apache License 2.0). gse keeps
// its embedded copy private, and its only loader (LoadDictEmbed) also
// runs CalcToken, which segments each of the 350,000 words once more to
// precompute its path cost and sub-words: close to half of start-up. We
// load the same words with the same rules instead and compute cost and
// sub-words only for the words text meets (see shortestPaths).
// TestEmbeddedDictMatchesGse checks that the result is gse's dictionary.
//
//go:embed gse_zh_s.txt
var gseZhS string

// loadGseDict adds the words of dict to g the way gse's LoadDictStr does
// (same splitting, trimming and frequency rules, same order), without
// its final CalcToken.
func loadGseDict(g *gse.Segmenter, dict string) error {
	for len(dict) > 0 {
		line, rest, _ := strings.Cut(dict, "\n")
		dict = rest
		// LoadDictStr splits the line at every single space.
		f0, r, ok := strings.Cut(line, " ")
		size := 1
		var f1, f2 string
		if ok {
			size = 2
			f1, r, ok = strings.Cut(r, " ")
			if ok {
				size = 3
				f2, _, ok = strings.Cut(r, " ")
				if ok {
					size = 4 // more fields are ignored, as gse does
				}
			}
		}
		text := strings.TrimSpace(f0)
		freq := gseFreq(g, size, text, strings.TrimSpace(f1))
		if freq == 0 {
			continue
		}
		pos := ""
		if size > 2 {
			pos = strings.TrimSpace(strings.Trim(f2, "\n"))
		}
		if err := g.AddToken(text, freq, pos); err != nil {
			return err
		}
	}
	return nil
}

// gseFreq is gse's Segmenter.Size for a segmenter that does not load
// words without a frequency.
func gseFreq(g *gse.Segmenter, size int, text, freqText string) float64 {
	if size < 2 {
		return 0
	}
	freq, err := strconv.ParseFloat(freqText, 64)
	if err != nil || freq < g.MinTokenFreq {
		return 0
	}
	if utf8.RuneCountInString(text) < 2 {
		freq = 2
	}
	return freq
}

// gseDictWords is about how many words gseZhS holds (one a line), to size
// the dictionary once.
const gseDictWords = 352_279
