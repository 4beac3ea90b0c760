package bench

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/baosou/baosou/ingest"
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
// it. It reads only the fields it recombines, and none of ingest's
// derivations (bylines, region tags, ids): the synthetic articles get
// those when they are ingested.
func LoadSource(ctx context.Context, path string, h Holdout) (*Source, error) {
	src := &Source{Name: corpusName(path)}
	seen := map[string]bool{}
	err := readRecords(ctx, path, func(r *sourceRecord) {
		src.Articles++
		if h.Holds(r.Title) {
			if !seen[r.Title] {
				seen[r.Title] = true
				src.HeldOut = append(src.HeldOut, r.Title)
			}
			return
		}
		if r.Title != "" {
			src.Heads = append(src.Heads, head{Kicker: r.Kicker, Title: r.Title, Subtitle: r.Subtitle})
		}
		src.Paragraphs = append(src.Paragraphs, r.Body...)
		src.ParaCounts = append(src.ParaCounts, len(r.Body))
	})
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", path, err)
	}
	if len(src.Heads) == 0 || len(src.Paragraphs) == 0 {
		return nil, fmt.Errorf("corpus %s: nothing to recombine in %d articles after holding out %d titles", path, src.Articles, len(src.HeldOut))
	}
	return src, nil
}

// sourceRecord is the part of a JSON Lines record the scaler uses, trimmed
// as ingest trims it: blank paragraphs dropped.
type sourceRecord struct {
	Kicker, Title, Subtitle string
	Body                    []string
}

// readRecords calls fn for each record of a JSON Lines file (gzipped when
// it ends in .gz). A line that is not a JSON object is an error: the
// scaler's input is a known corpus, not user data.
func readRecords(ctx context.Context, path string, fn func(*sourceRecord)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), ingest.MaxLineBytes)
	for line := 1; sc.Scan(); line++ {
		if line%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var raw struct {
			Kicker, Title, Subtitle string
			Body                    json.RawMessage
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		rec := &sourceRecord{Kicker: strings.TrimSpace(raw.Kicker), Title: strings.TrimSpace(raw.Title), Subtitle: strings.TrimSpace(raw.Subtitle)}
		var paras []string
		var body string
		if err := json.Unmarshal(raw.Body, &body); err == nil {
			paras = strings.Split(body, "\n")
		} else if len(raw.Body) > 0 {
			if err := json.Unmarshal(raw.Body, &paras); err != nil {
				return fmt.Errorf("line %d: body is neither a string nor an array of strings", line)
			}
		}
		for _, p := range paras {
			if p = strings.TrimSpace(p); p != "" {
				rec.Body = append(rec.Body, p)
			}
		}
		fn(rec)
	}
	return sc.Err()
}

// corpusName is the file's base name without .jsonl/.ndjson/.gz.
func corpusName(path string) string {
	n := filepath.Base(path)
	n = strings.TrimSuffix(n, ".gz")
	n = strings.TrimSuffix(n, ".jsonl")
	return strings.TrimSuffix(n, ".ndjson")
}
