package index

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// facetCacheSize is how many result sets' facets are kept.
const facetCacheSize = 256

// facetCache keeps the facets of recent result sets, for one state of the
// index: paging through results, changing their sort or coming back to a
// search counts them once. Counting facets visits every hit, which costs
// more than the search itself for a broad query. Any change to the index
// (a new sequence) empties it, so the counts stay exact.
type facetCache struct {
	mu    sync.Mutex
	seq   uint64
	m     map[string]*search.Facets
	order []string // oldest first, for eviction
}

// facetKey names a result set and what its facets depend on: the match,
// the date filter, the region filter (the level shown) and whether days
// are counted.
func facetKey(match query.Query, req search.Request) (string, bool) {
	raw, err := json.Marshal(match)
	if err != nil {
		return "", false
	}
	regions := slices.Clone(req.Regions)
	slices.Sort(regions)
	return string(raw) + "\x00" + strings.Join(regions, "\x00") + "\x00" + boolKey(withinMonth(req)), true
}

func boolKey(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (c *facetCache) get(seq uint64, key string) (*search.Facets, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[key]
	if !ok || c.seq != seq {
		return nil, false
	}
	return f.Clone(), true
}

func (c *facetCache) put(seq uint64, key string, f *search.Facets) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq || c.m == nil {
		c.seq, c.m, c.order = seq, map[string]*search.Facets{}, nil
	}
	if _, ok := c.m[key]; ok {
		return
	}
	if len(c.order) == facetCacheSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[key] = f.Clone()
	c.order = append(c.order, key)
}
