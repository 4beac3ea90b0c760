package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the index. The text fields are stored, for display,
// highlighting and collapsing; the headings are also indexed as words, to
// rank (the body only through FieldWords: a body field of its own held a
// second posting of every body word, a sixth of what ingest indexed, for
// a ranking signal FieldWords already gives). Which articles match is
// decided on fields that hold all of an article's text at once (one array
// element per text field, so no phrase spans two fields), so a word is one
// query rather than one per field: words (FieldWords, without positions),
// single characters (FieldTextChars, without positions) and bigrams
// (FieldText2Grams, with positions, which check longer strings).
// FieldHeadGrams holds the bigrams of the headings only, so a substring in
// a title can rank above one in passing in a body.
const (
	FieldTitle    = "title"
	FieldKicker   = "kicker"
	FieldSubtitle = "subtitle"
	FieldBody     = "body"
	FieldDate     = "date"
	FieldYear     = "year" // the date's year, as a term: a date filter's cheap first cut, and the yearly histogram
	FieldDay      = "day"  // YYYY-MM-DD, as a term: the daily histogram
	// FieldFacet holds, as terms with a kind prefix, what the facets count
	// other than days: section, newspaper, regions and month. One field
	// read per hit instead of four is most of what facets cost.
	FieldFacet     = "facet"
	FieldSection   = "section"
	FieldNewspaper = "newspaper"
	FieldRegions   = "regions"
	FieldPage      = "page"
	FieldAuthors   = "authors"

	FieldWords      = "words"
	FieldTextChars  = "text_1"
	FieldText2Grams = "text_2"
	FieldHeadGrams  = "head_bi"

	// Properties of the document that the all-text fields are indexed from.
	propText  = "text"
	propHead  = "head"
	propWords = "all_words"
)

// textFields hold an article's text, stored and cut into words.
var textFields = []string{FieldTitle, FieldKicker, FieldSubtitle, FieldBody}

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
		// Stored. Only the title keeps word positions: word phrases rank
		// there; elsewhere words rank, and match, as terms.
		fm := textField(f, AnalyzerWords, true, f == FieldTitle)
		fm.Index = f != FieldBody
		doc.AddFieldMappingsAt(f, fm)
	}
	// The body is cut into words once, here; the headings twice (here
	// and above), which costs little: they are short.
	doc.AddFieldMappingsAt(propWords, textField(FieldWords, AnalyzerWords, false, false))
	doc.AddFieldMappingsAt(propText,
		textField(FieldTextChars, AnalyzerGrams1, false, false),
		textField(FieldText2Grams, AnalyzerGrams2, false, true))
	doc.AddFieldMappingsAt(propHead, textField(FieldHeadGrams, AnalyzerBigram, false, true))
	for _, name := range []string{FieldSection, FieldNewspaper, FieldRegions, FieldPage, FieldAuthors, FieldYear, FieldDay, FieldFacet} {
		kw := bleve.NewKeywordFieldMapping()
		kw.Store = name != FieldYear && name != FieldDay && name != FieldFacet
		kw.IncludeInAll = false
		doc.AddFieldMappingsAt(name, kw)
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(FieldDate, date)

	// No composite _all field: every query names its fields, and Bleve
	// would otherwise visit it for every document it indexes.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(docType, doc)
	im.DefaultMapping = doc
	return im, nil
}

func textField(name, analyzer string, store, positions bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Name = name
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeTermVectors = positions
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}
