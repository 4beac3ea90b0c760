// Package segment owns Baosou's Chinese text analysis: folding (full-width
// to half-width, letter case, Traditional to Simplified) with a map back to
// the original bytes, word segmentation on top of gse with our own
// dictionaries and number rules, sub-words for the index, and overlapping
// bigrams for the substring-recall field.
//
// Every token carries the byte offsets of the original characters it came
// from and a 1-based position equal to the rune index of its first
// character plus one, at index and query time alike. Positions aligned to
// characters (rather than counted per token) are what let a phrase such as
// 政府发布 match inside 长春市人民政府发布: tokens that overlap share or skip
// positions consistently on both sides.
//
// It depends on nothing else of ours: only gse, golang.org/x/text and the
// standard library.
//
//go:generate go run gen_t2s.go
package segment
