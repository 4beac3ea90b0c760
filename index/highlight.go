package index

import (
	"github.com/baosou/baosou/highlight"
	"github.com/baosou/baosou/segment"
)

func (x *Index) highlighter() *highlight.Highlighter {
	return highlight.New(highlight.Options{
		Fold:          segment.Fold,
		FragmentChars: x.opts.SnippetChars,
		MaxFragments:  x.opts.Snippets,
	})
}
