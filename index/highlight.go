package index

import (
	"github.com/baosou/baosou/highlight"
	"github.com/baosou/baosou/segment"
)

func newHighlighter(opts Options) *highlight.Highlighter {
	return highlight.New(highlight.Options{
		Fold:          foldForHighlight,
		FoldRune:      segment.FoldRune,
		FragmentChars: opts.SnippetChars,
		MaxFragments:  opts.Snippets,
	})
}

// foldForHighlight folds text for the highlighter. Most stored text folds
// without changing any byte offset (Simplified, half-width; only line
// breaks become spaces); for it, nil offsets tell the highlighter that
// offsets agree, which spares an offset map of eight bytes per byte of
// every body of every hit.
func foldForHighlight(s string) (string, []int) {
	if f, ok := segment.FoldSameLength(s); ok {
		return f, nil
	}
	return segment.Fold(s)
}
