package bench

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/baosou/baosou/article"
)

// DefaultCorpus is the shared real corpus, relative to the repository root.
const DefaultCorpus = "../shared/corpus/rmrb-2019-2020.jsonl.gz"

// Holdout decides which real articles are held out: never recombined into
// a synthetic archive, their titles used only to make queries. The choice
// depends only on the seed and the title, not on the order of the file or
// on the scaler's seed, so every archive built with any --seed is disjoint
// from the titles of one query set. All articles sharing a title go the
// same way (the corpus prints some stories on two pages).
type Holdout struct {
	Seed     uint64
	Fraction float64 // share of distinct titles held out, 0–1
}

// DefaultHoldout is what both the scaler and the query generator use
// unless told otherwise.
var DefaultHoldout = Holdout{Seed: 2019, Fraction: 0.05}

// Holds reports whether articles with this title are held out.
func (h Holdout) Holds(title string) bool {
	title = strings.TrimSpace(title)
	if title == "" {
		return false
	}
	var seed [8]byte
	binary.BigEndian.PutUint64(seed[:], h.Seed)
	sum := sha256.Sum256(append(seed[:], title...))
	// The top 53 bits as a uniform number in [0, 1).
	u := float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
	return u < h.Fraction
}

// head is what a synthetic article takes from one real article besides
// its body.
type head struct {
	Kicker, Title, Subtitle string
}

// Source is the real corpus split for recombination. It is the only thing
// the scaler holds in memory: its size is that of the real corpus, not of
// the archive being written.
type Source struct {
	Name       string   // base name of the corpus file, e.g. rmrb-2019-2020
	Articles   int      // records read
	Heads      []head   // titles of kept articles (those with a title)
	Paragraphs []string // every paragraph of every kept article
	ParaCounts []int    // paragraph count of each kept article: the distribution k is drawn from
	HeldOut    []string // distinct held-out titles, in file order
}

// LoadSource reads a corpus in the README's JSON Lines schema and splits
// it. Lines that are not valid articles are skipped.
func LoadSource(ctx context.Context, path string, h Holdout) (*Source, error) {
	src := &Source{Name: corpusName(path)}
	seen := map[string]bool{}
	err := readArticles(ctx, path, func(r *article.Article) error {
		src.Articles++
		if h.Holds(r.Title) {
			if !seen[r.Title] {
				seen[r.Title] = true
				src.HeldOut = append(src.HeldOut, r.Title)
			}
			return nil
		}
		if r.Title != "" {
			src.Heads = append(src.Heads, head{Kicker: r.Kicker, Title: r.Title, Subtitle: r.Subtitle})
		}
		src.Paragraphs = append(src.Paragraphs, r.Body...)
		src.ParaCounts = append(src.ParaCounts, len(r.Body))
		return nil
	}, nil)
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", path, err)
	}
	if len(src.Heads) == 0 || len(src.Paragraphs) == 0 {
		return nil, fmt.Errorf("corpus %s: nothing to recombine in %d articles after holding out %d titles", path, src.Articles, len(src.HeldOut))
	}
	return src, nil
}

// corpusName is the file's base name without .jsonl/.ndjson/.gz.
func corpusName(path string) string {
	n := filepath.Base(path)
	n = strings.TrimSuffix(n, ".gz")
	n = strings.TrimSuffix(n, ".jsonl")
	return strings.TrimSuffix(n, ".ndjson")
}
