package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Bounds of related articles.
const (
	DefaultRelated = 5
	MaxRelated     = 20
	// relatedTerms is how many of an article's most distinctive words
	// find its relatives.
	relatedTerms = 12
	// relatedCandidates bounds the distinct words whose document
	// frequency is read (the most frequent in the article).
	relatedCandidates = 300
	// titleTermWeight counts a word of the title as this many in the body.
	titleTermWeight = 3
	// relatedTitleBoost ranks a shared word in a relative's title higher.
	relatedTitleBoost = 2
)

// Related returns up to size (default DefaultRelated) articles that share
// the most distinctive words of article id (by term frequency, title words
// counted titleTermWeight times, times inverse document frequency), at
// least two of them when it has two: ranked like a search for those
// words, the shared words highlighted. The article and its reprints (the
// same title on the same date) are left out. An unknown id is
// search.ErrNotFound.
func (x *Index) Related(ctx context.Context, id string, size int) (*search.Result, error) {
	start := time.Now()
	switch {
	case size == 0:
		size = DefaultRelated
	case size < 0 || size > MaxRelated:
		return nil, &search.ParamError{Param: "size", Reason: fmt.Sprintf("must be 1 to %d", MaxRelated)}
	}
	ctx, cancel := x.withTimeout(ctx)
	defer cancel()
	self, err := x.storedDoc(ctx, id)
	if err != nil {
		return nil, err
	}
	terms, err := x.distinctiveTerms(ctx, self)
	if err != nil {
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	res := &search.Result{Hits: []search.Hit{}}
	if len(terms) == 0 {
		res.TookMS = time.Since(start).Milliseconds()
		return res, nil
	}
	should := make([]query.Query, len(terms))
	needles := make([]string, len(terms))
	for i, t := range terms {
		should[i] = query.NewDisjunctionQuery([]query.Query{
			boosted(termQuery(FieldWords, t.term), t.weight),
			boosted(termQuery(FieldTitle, t.term), t.weight*relatedTitleBoost),
		})
		needles[i] = t.term
	}
	shared := query.NewDisjunctionQuery(should)
	shared.SetMin(float64(min(2, len(terms))))
	q := query.NewBooleanQuery([]query.Query{shared}, nil, []query.Query{query.NewDocIDQuery([]string{id})})
	// A few more than asked for, to leave out the reprints.
	sr := bleve.NewSearchRequestOptions(q, size+5, 0, false)
	if ctx, err = x.fixedLengths(ctx); err != nil {
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	found, err := x.searchStored(ctx, sr, storedFields)
	if err != nil {
		return nil, fmt.Errorf("related to %s: %w", id, err)
	}
	var page []rankedHit
	reprints := uint64(0)
	for _, h := range toRanked(found) {
		if str(h.fields, FieldTitle) == self.title && str(h.fields, FieldDate) == self.date {
			reprints++
			continue
		}
		if len(page) < size {
			page = append(page, h)
		}
	}
	res.Total = found.Total - min(found.Total, reprints)
	res.Hits = x.highlighted(page, needles)
	res.TookMS = time.Since(start).Milliseconds()
	return res, nil
}

// Field lengths that related articles are scored with, in terms per
// article (see fixedLengths).
const (
	relatedWordsLength = 500
	relatedTitleLength = 8
)

// fixedLengths has Bleve score a related-articles query with fixed average
// field lengths. Bleve takes a field's average length from the sizes of the
// segments' term dictionaries, summed, which change whenever segments
// merge: close hits then swapped places between two identical requests.
// Related articles are ranked by their own weights (distinctiveTerms);
// fixed lengths keep that order whatever the segments.
func (x *Index) fixedLengths(ctx context.Context) (context.Context, error) {
	n, err := x.bleve.DocCount()
	if err != nil {
		return ctx, err
	}
	stats := &bsearch.BM25Stats{DocCount: float64(n), FieldCardinality: map[string]int{
		FieldWords: int(n) * relatedWordsLength,
		FieldTitle: int(n) * relatedTitleLength,
	}}
	return context.WithValue(ctx, bsearch.BM25StatsKey, stats), nil
}

// storedDocText is the title, body and date of one article.
type storedDocText struct {
	title, body, date string
}

func (x *Index) storedDoc(ctx context.Context, id string) (*storedDocText, error) {
	sr := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 1, 0, false)
	res, err := x.searchStored(ctx, sr, []string{FieldTitle, FieldBody, FieldDate})
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("article %s: %w", id, search.ErrNotFound)
	}
	f := res.Hits[0].Fields
	return &storedDocText{title: str(f, FieldTitle), body: str(f, FieldBody), date: str(f, FieldDate)}, nil
}

func str(f map[string]any, k string) string { s, _ := f[k].(string); return s }

type weightedTerm struct {
	term   string
	weight float64
}

// distinctiveTerms returns the relatedTerms words of d with the highest
// tf × idf, best first; words of one character, without a letter, or in
// no other article are left out.
func (x *Index) distinctiveTerms(ctx context.Context, d *storedDocText) ([]weightedTerm, error) {
	tf := map[string]float64{}
	for _, part := range []struct {
		text   string
		weight float64
	}{{d.title, titleTermWeight}, {d.body, 1}} {
		for _, t := range x.seg.Tokenize(part.text, segment.ModeQuery) {
			if relatable(t.Term) {
				tf[t.Term] += part.weight
			}
		}
	}
	cands := make([]weightedTerm, 0, len(tf))
	for t, n := range tf {
		cands = append(cands, weightedTerm{t, n})
	}
	byWeight := func(a, b weightedTerm) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(a.term, b.term))
	}
	slices.SortFunc(cands, byWeight)
	cands = cands[:min(len(cands), relatedCandidates)]
	adv, err := x.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	// The number of articles with term in their text.
	docFreq := func(term string) (uint64, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(term), FieldWords, false, false, false)
		if err != nil {
			return 0, err
		}
		defer tfr.Close()
		return tfr.Count(), nil
	}
	out := cands[:0]
	for _, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		df, err := docFreq(c.term)
		if err != nil {
			return nil, err
		}
		if df < 2 {
			continue // only in this article: relates it to nothing
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		out = append(out, weightedTerm{c.term, c.weight * idf})
	}
	slices.SortFunc(out, byWeight)
	return out[:min(len(out), relatedTerms)], nil
}

// relatable: two characters or more, with a letter.
func relatable(t string) bool {
	return utf8.RuneCountInString(t) >= 2 && strings.IndexFunc(t, unicode.IsLetter) >= 0
}
