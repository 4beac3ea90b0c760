package index

import (
	"context"
	"fmt"

	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
)

// MaxAnalyzeBytes bounds the text /api/analyze accepts.
const MaxAnalyzeBytes = 64 << 10

// Analyze cuts text exactly as the index ("index") or the query side
// ("query") does. Mode "bigram" shows the substring-recall field.
func (x *Index) Analyze(ctx context.Context, text, mode string) ([]search.Token, error) {
	if len(text) > MaxAnalyzeBytes {
		return nil, &search.ParamError{Param: "text", Reason: fmt.Sprintf("longer than %d bytes", MaxAnalyzeBytes)}
	}
	var toks []segment.Token
	switch mode {
	case "", "query":
		toks = x.seg.Tokenize(text, segment.ModeQuery)
	case "index":
		toks = x.seg.Tokenize(text, segment.ModeIndex)
	case "bigram":
		toks = segment.Bigrams(text)
	default:
		return nil, &search.ParamError{Param: "mode", Reason: fmt.Sprintf("%q is not one of index, query, bigram", mode)}
	}
	out := make([]search.Token, len(toks))
	for i, t := range toks {
		out[i] = search.Token{Term: t.Term, Text: text[t.Start:t.End], Start: t.Start, End: t.End, Position: t.Position}
	}
	return out, nil
}
