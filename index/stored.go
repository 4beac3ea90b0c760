package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bdocument "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Stored fields of hits (a page of results, an issue, an article) are read
// here rather than by Bleve.
// Bleve finds each hit again by its id (a dictionary lookup in every
// segment), builds a document of every stored field, and walks it once per
// field asked for; a search spent a sixth of its time there. Reading them
// by document number from the very snapshot that was searched costs one
// decompression per hit.

// pinnedQuery is the root query of a request; it keeps the snapshot that
// Bleve searches open after the search, until release.
type pinnedQuery struct {
	query.Query
	snap *scorch.IndexSnapshot
}

func (q *pinnedQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("load stored fields: index reader %T is not a scorch snapshot", r)
	}
	if q.snap == nil {
		snap.AddRef()
		q.snap = snap
	}
	return q.Query.Searcher(ctx, r, m, opts)
}

// release lets the snapshot go; it is safe to call when none was pinned.
func (q *pinnedQuery) release() {
	if q.snap != nil {
		// The last reference closes the snapshot's segments; a failure
		// there changes nothing this search answered.
		_ = q.snap.DecRef()
		q.snap = nil
	}
}

// searchStored runs sr and fills each hit's Fields with the stored fields
// named, as Bleve would (a lone value as itself, several as a slice, dates
// as RFC 3339). sr.Fields must be empty.
func (x *Index) searchStored(ctx context.Context, sr *bleve.SearchRequest, fields []string) (*bleve.SearchResult, error) {
	pinned := &pinnedQuery{Query: sr.Query}
	sr.Query = pinned
	defer pinned.release()
	res, err := x.bleve.SearchInContext(ctx, sr)
	if err != nil || len(res.Hits) == 0 {
		return res, err
	}
	if pinned.snap == nil {
		return nil, fmt.Errorf("load stored fields: the search opened no snapshot")
	}
	if err := loadStored(pinned.snap, res.Hits, fields); err != nil {
		return nil, err
	}
	return res, nil
}

// loadStored reads the named stored fields of each hit from snap, where
// the hits were found.
func loadStored(snap *scorch.IndexSnapshot, hits bsearch.DocumentMatchCollection, fields []string) error {
	want := make(map[string]bool, len(fields))
	for _, f := range fields {
		want[f] = true
	}
	segs := snap.Segments()
	offsets := segmentOffsets(segs)
	for _, h := range hits {
		global := h.IndexInternalID.Value()
		i := segmentOf(offsets, global)
		f := map[string]any{}
		var verr error
		err := segs[i].VisitDocument(global-offsets[i], func(name string, typ byte, val []byte, _ []uint64) bool {
			if !want[name] {
				return true
			}
			v, err := storedValue(name, typ, val)
			if err != nil {
				verr = fmt.Errorf("load field %s of %q: %w", name, h.ID, err)
				return false
			}
			addValue(f, name, v)
			return true
		})
		if err == nil {
			err = verr
		}
		if err != nil {
			return err
		}
		h.Fields = f
	}
	return nil
}

// storedValue decodes a stored value as Bleve's search results show it.
// Baosou stores text, keywords and one date; anything else is an error.
func storedValue(name string, typ byte, val []byte) (any, error) {
	switch typ {
	case 't':
		return string(val), nil
	case 'd':
		t, layout, err := bdocument.NewDateTimeFieldFromBytes(name, nil, val).DateTime()
		if err != nil {
			return nil, err
		}
		if layout == "" {
			layout = time.RFC3339
		}
		return t.Format(layout), nil
	}
	return nil, fmt.Errorf("stored value of type %q not expected", typ)
}

// addValue adds v to field name of f as Bleve's DocumentMatch.AddFieldValue
// does: a second value turns the field into a slice.
func addValue(f map[string]any, name string, v any) {
	switch old := f[name].(type) {
	case nil:
		f[name] = v
	case []any:
		f[name] = append(old, v)
	default:
		f[name] = []any{old, v}
	}
}
