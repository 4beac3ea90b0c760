// Package index owns Baosou's Bleve index: the analyzers registered with
// Bleve's registry (words and bigrams, both from package segment), the
// mapping, applying the store's change log with a crash-safe watermark,
// turning a search.Request into a Bleve query, and highlighting results.
//
// It implements search.Searcher, so the server never sees Bleve. Later a
// sharded index (by date, say) can implement the same interface.
package index
