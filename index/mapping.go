package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the index. Each text field is indexed twice: as words
// (stored, for display and highlighting) and as bigrams (<name>_bi, not
// stored) so that any substring is found.
const (
	FieldTitle     = "title"
	FieldKicker    = "kicker"
	FieldSubtitle  = "subtitle"
	FieldBody      = "body"
	FieldDate      = "date"
	FieldSection   = "section"
	FieldNewspaper = "newspaper"
	FieldRegions   = "regions"
	FieldPage      = "page"
	FieldAuthors   = "authors"

	bigramSuffix = "_bi"
)

// textFields are searched, with their relevance boosts: a match in the
// title says more about an article than one in passing in the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{FieldTitle, 4},
	{FieldKicker, 2},
	{FieldSubtitle, 2},
	{FieldBody, 1},
}

// docType is the only document type; its name is stored with each document.
const docType = "article"

// newMapping returns the mapping of a new index whose word fields are cut
// by the segmenter with the given version (see Segmenter).
func newMapping(segVersion string) (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	err := im.AddCustomAnalyzer(AnalyzerWords, map[string]any{"type": analyzerWordsType, configSegmenter: segVersion})
	if err != nil {
		return nil, fmt.Errorf("define analyzer %s: %w", AnalyzerWords, err)
	}
	im.ScoringModel = "bm25"
	im.DefaultAnalyzer = keyword.Name
	im.DefaultType = docType

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		words := bleve.NewTextFieldMapping()
		words.Name = f.name
		words.Analyzer = AnalyzerWords
		words.Store = true
		words.IncludeTermVectors = true // positions: phrase queries need them
		words.IncludeInAll = false
		words.DocValues = false

		bi := bleve.NewTextFieldMapping()
		bi.Name = f.name + bigramSuffix
		bi.Analyzer = AnalyzerBigram
		bi.Store = false
		bi.IncludeTermVectors = true
		bi.IncludeInAll = false
		bi.DocValues = false

		doc.AddFieldMappingsAt(f.name, words, bi)
	}
	for _, name := range []string{FieldSection, FieldNewspaper, FieldRegions, FieldPage, FieldAuthors} {
		kw := bleve.NewKeywordFieldMapping()
		kw.Store = true
		kw.IncludeInAll = false
		doc.AddFieldMappingsAt(name, kw)
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldDate, date)

	im.AddDocumentMapping(docType, doc)
	im.DefaultMapping = doc
	return im, nil
}
