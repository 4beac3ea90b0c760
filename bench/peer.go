package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/region"
)

// The peer is what a Go developer gets from Bleve v2 out of the box for
// Chinese: its built-in cjk analyzer (Unicode words, width folding,
// lowercase, character bigrams) on the same four text fields Baosou
// searches, keyword fields for the filters, and a datetime field.

// Peer field names: Baosou's field names, so the answers look alike.
const (
	peerTitle     = "title"
	peerKicker    = "kicker"
	peerSubtitle  = "subtitle"
	peerBody      = "body"
	peerSection   = "section"
	peerNewspaper = "newspaper"
	peerPage      = "page"
	peerRegions   = "regions"
	peerDate      = "date"
)

var peerTextFields = []string{peerTitle, peerKicker, peerSubtitle, peerBody}

// PeerBatch is the peer's ingest batch size (the measurements use
// 1000).
const PeerBatch = 1000

// PeerIngestConfig is what the hidden `baosou-bench peer-ingest` is told.
type PeerIngestConfig struct {
	Index  string // new Bleve index directory
	Corpus string
	Batch  int
}

// peerIngestSummary is what peer-ingest prints on stdout for the harness.
type peerIngestSummary struct {
	Docs     int `json:"docs"`
	Rejected int `json:"rejected"`
}

func peerMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	doc := bleve.NewDocumentStaticMapping()
	for _, name := range peerTextFields {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = cjk.AnalyzerName
		f.Store = true
		f.IncludeTermVectors = true // phrase queries and the highlighter need positions
		f.IncludeInAll = false
		doc.AddFieldMappingsAt(name, f)
	}
	for _, name := range []string{peerSection, peerNewspaper, peerPage, peerRegions} {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		doc.AddFieldMappingsAt(name, f)
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(peerDate, date)
	im.DefaultMapping = doc
	im.DefaultAnalyzer = cjk.AnalyzerName
	return im
}

// PeerIngest builds the peer's index from a corpus. Articles are parsed and
// normalised as Baosou's ingest does (article.Normalize) and tagged with
// regions by the same function Baosou's ingest calls (region.Gazetteer.Tag
// on the default gazetteer), so a region filter asks both engines the same
// question. Reprints are not merged: plain Bleve would not.
func PeerIngest(ctx context.Context, cfg PeerIngestConfig, out io.Writer) error {
	if cfg.Batch <= 0 {
		cfg.Batch = PeerBatch
	}
	gaz, err := region.Default()
	if err != nil {
		return fmt.Errorf("peer ingest: %w", err)
	}
	idx, err := bleve.New(cfg.Index, peerMapping())
	if err != nil {
		return fmt.Errorf("peer ingest: create index %s: %w", cfg.Index, err)
	}
	var sum peerIngestSummary
	b := idx.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("peer ingest: batch: %w", err)
		}
		b.Reset()
		return nil
	}
	err = readArticles(ctx, cfg.Corpus, func(a *article.Article) error {
		a.Regions = gaz.Tag(a)
		if err := b.Index(a.ID, peerDoc(a)); err != nil {
			return fmt.Errorf("peer ingest: %s: %w", a.ID, err)
		}
		sum.Docs++
		if b.Size() >= cfg.Batch {
			return flush()
		}
		return nil
	}, func(int, error) { sum.Rejected++ })
	if err == nil {
		err = flush()
	}
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("peer ingest: close index: %w", cerr)
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(sum)
}

func peerDoc(a *article.Article) map[string]any {
	d := map[string]any{
		peerTitle: a.Title, peerKicker: a.Kicker, peerSubtitle: a.Subtitle,
		peerBody:    strings.Join(a.Body, "\n"),
		peerSection: a.Section, peerNewspaper: a.Newspaper, peerPage: a.Page,
		peerRegions: a.Regions,
	}
	if t, err := a.Time(); err == nil {
		d[peerDate] = t
	}
	return d
}
