package index

import (
	"github.com/baosou/baosou/highlight"
	"github.com/baosou/baosou/segment"
)

func newHighlighter(opts Options) *highlight.Highlighter {
	return highlight.New(highlight.Options{
		Fold:          segment.Fold,
		FoldRune:      segment.FoldRune,
		Variants:      segment.FoldVariants,
		FragmentChars: opts.SnippetChars,
		MaxFragments:  opts.Snippets,
	})
}
