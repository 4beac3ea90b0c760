// Package highlight owns search-result highlighting for Baosou: where the
// query's strings occur in a text (Spans), the text with those places wrapped
// in <mark> (Mark, for titles), and short sentence-bounded snippets around the
// densest matches (Snippets, for bodies).
//
// Matching happens on folded text (width, case, Traditional→Simplified) while
// marks land on the original characters: the caller passes a FoldFunc that
// returns, with the folded string, the original offset of every folded byte.
// The package imports nothing of ours; the segment package supplies the fold.
//
// A Highlighter holds only its options, so one value may be shared by any
// number of goroutines. Results never depend on map order: ties are broken by
// position, so the same query on the same text always gives the same output.
package highlight
