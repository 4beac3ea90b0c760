// Package index owns Baosou's Bleve index: the analyzers registered with
// Bleve's registry (words, and grams of one and two characters, all from
// package segment), the mapping, applying the store's change log with a
// crash-safe watermark, turning a search.Request into Bleve queries, and
// highlighting results.
//
// A search separates which articles match from how they rank (see
// planClause): matching uses one query per word on fields that hold all of
// an article's text, each as cheap as a term where it can be; ranking
// queries (a word phrase in the title, words in the body, the clause in a
// heading) only score the hits. Every request becomes a bounded number of
// Bleve queries and runs under a deadline, and searches take turns, one
// per core by default (Options.Searches), so a long one runs at full
// speed instead of sharing its core with every other. A broad match (a
// word in most articles) is counted, and its facets too, on its postings'
// bitmaps, and its page ranked from the hits that match a ranking query
// when they alone can fill it (broad.go, bitmaps.go): the same hits and
// scores as ranking every hit. Bleve's postings format comes from a
// patched copy (third_party/zapx-v17) whose iterator skips whole chunks
// when advanced, so a frequent word in a conjunction does not cost its
// whole list.
//
// A query is parsed by package qlang and compiled here (compile.go) into
// two readings: precise, where a word matches as a word of the article
// (its sub-words included), and substr, where it also matches inside other
// words; the one not asked for is only counted. Facets are counted from
// per-segment columns of one multi-valued field (facetcols.go), which also
// hold each article's day for date filters (datefilter.go); a page's
// stored fields are read by document number from the snapshot searched
// (stored.go); near-identical hits on a page are collapsed; and the index
// also answers browsing (papers, calendars, issues), related articles and
// suggestions (an in-memory word list built in the background and kept
// beside the index for the next start). Work no caller waits for runs in
// the background and ends when Close begins (background.go).
//
// It implements search.Searcher, so the server never sees Bleve. Later a
// sharded index (by date, say) can implement the same interface.
package index
