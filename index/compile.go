package index

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/baosou/baosou/qlang"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2/search/query"
)

// reading is one way of matching a query: precise (words as words) or
// substr (words also inside other words).
type reading struct {
	must    []query.Query // every one must match
	mustNot []query.Query // none may match
}

func tooManyWords() error {
	return &search.ParamError{Param: "q", Reason: fmt.Sprintf("has more than %d words to match; narrow the query", MaxWords)}
}

// compiler turns a parsed query into Bleve queries, collecting what the
// positive clauses contribute to ranking and highlighting.
type compiler struct {
	x       *Index
	rank    []query.Query
	asWords []query.Query // ranking for the substr reading only
	needles []string
	leaves  int  // match queries made, bounded by MaxWords
	hasText bool // a positive clause searches text (else: filters only)
	differs bool // the substr reading differs from the precise one
}

// compileRoot compiles the root of a query into its two readings: an And
// is the list of its parts, its Nots the exclusions; anything else is one
// part.
func (c *compiler) compileRoot(root qlang.Node) (precise, substr reading, err error) {
	parts := []qlang.Node{root}
	if and, ok := root.(qlang.And); ok {
		parts = and.Nodes
	}
	return c.and(parts, true)
}

// and compiles the parts of an And into its two readings: the Nots among
// them (qlang puts a Not nowhere else) are the exclusions, the others must
// all match. Parts with nothing searchable are left out.
func (c *compiler) and(parts []qlang.Node, positive bool) (precise, substr reading, err error) {
	for _, n := range parts {
		not, neg := n.(qlang.Not)
		if neg {
			n = not.Node
		}
		pq, sq, ok, err := c.compile(n, positive && !neg)
		if err != nil {
			return precise, substr, err
		}
		if !ok {
			continue
		}
		if neg {
			precise.mustNot, substr.mustNot = append(precise.mustNot, pq), append(substr.mustNot, sq)
		} else {
			precise.must, substr.must = append(precise.must, pq), append(substr.must, sq)
		}
	}
	return precise, substr, nil
}

// compile returns the precise and the substr query of a node; ok is false
// for a node with nothing searchable in it (only punctuation).
func (c *compiler) compile(n qlang.Node, positive bool) (pq, sq query.Query, ok bool, err error) {
	switch n := n.(type) {
	case qlang.Clause:
		return c.clause(n, positive)
	case qlang.Not:
		// qlang puts a Not only directly in an And, which and() takes
		// apart. Any other place is a bug upstream.
		return nil, nil, false, fmt.Errorf("compile query: a NOT outside an AND")
	case qlang.And:
		p, s, err := c.and(n.Nodes, positive)
		if err != nil || len(p.must) == 0 {
			return nil, nil, false, err
		}
		return p.query(), s.query(), true, nil
	case qlang.Or:
		var ps, ss []query.Query
		for _, m := range n.Nodes {
			mp, ms, ok, err := c.compile(m, positive)
			if err != nil {
				return nil, nil, false, err
			}
			if ok {
				ps, ss = append(ps, mp), append(ss, ms)
			}
		}
		switch len(ps) {
		case 0:
			return nil, nil, false, nil
		case 1:
			return ps[0], ss[0], true, nil
		}
		return query.NewDisjunctionQuery(ps), query.NewDisjunctionQuery(ss), true, nil
	}
	return nil, nil, false, fmt.Errorf("compile query: unknown node %T", n)
}

// query is the reading as one query.
func (r reading) query() query.Query {
	var must query.Query
	if len(r.must) == 1 {
		must = r.must[0]
	} else {
		must = query.NewConjunctionQuery(r.must)
	}
	if len(r.mustNot) == 0 {
		return must
	}
	return query.NewBooleanQuery([]query.Query{must}, nil, r.mustNot)
}

// clause compiles one leaf.
func (c *compiler) clause(cl qlang.Clause, positive bool) (pq, sq query.Query, ok bool, err error) {
	if c.leaves++; c.leaves > MaxWords {
		return nil, nil, false, tooManyWords()
	}
	switch cl.Field {
	case "":
		if cl.Slop > 0 {
			return c.near(cl, positive)
		}
		return c.text(cl, positive)
	case "title":
		return c.title(cl, positive)
	case "region":
		path := strings.TrimSpace(cl.Text)
		if c.x.opts.ResolveRegion != nil {
			if path, err = c.x.opts.ResolveRegion(path); err != nil {
				return nil, nil, false, &search.ParamError{Param: "q", Reason: fmt.Sprintf("region: at position %d: %v", cl.Pos, err)}
			}
		}
		q := termQuery(FieldRegions, path)
		return q, q, true, nil
	}
	field, known := map[string]string{"author": FieldAuthors, "section": FieldSection, "newspaper": FieldNewspaper}[cl.Field]
	if !known {
		return nil, nil, false, &search.ParamError{Param: "q", Reason: fmt.Sprintf("unknown field %s: at position %d", cl.Field, cl.Pos)}
	}
	q := termQuery(field, strings.TrimSpace(cl.Text))
	return q, q, true, nil
}

// text compiles a clause over all of an article's text (see planClause).
func (c *compiler) text(cl qlang.Clause, positive bool) (pq, sq query.Query, ok bool, err error) {
	cp, ok := c.x.planClause(clause{text: cl.Text, phrase: cl.Quoted})
	if !ok {
		return nil, nil, false, nil
	}
	// A clause is one query per word: the bound counts words.
	if c.leaves += len(cp.match) - 1; c.leaves > MaxWords {
		return nil, nil, false, tooManyWords()
	}
	if positive {
		c.hasText = true
		c.rank = append(c.rank, cp.rank...)
		c.asWords = append(c.asWords, cp.asWords...)
		c.needles = append(c.needles, cp.needles...)
	}
	pq = conjunction(cp.match)
	sq = pq
	if cp.substr != nil {
		sq, c.differs = conjunction(cp.substr), true
	}
	return pq, sq, true, nil
}

// title compiles title:…, which searches the headline: its words as words
// of the title, or, quoted, the exact string in the title, kicker or
// subtitle.
func (c *compiler) title(cl qlang.Clause, positive bool) (pq, sq query.Query, ok bool, err error) {
	words := c.x.seg.Tokenize(cl.Text, segment.ModeQuery)
	switch {
	case cl.Quoted && utf8.RuneCountInString(cl.Text) > 1:
		pq = headSubstring(cl.Text)
	case len(words) > 0:
		qs := make([]query.Query, 0, len(words))
		for _, w := range distinctWords(words) {
			qs = append(qs, termQuery(FieldTitle, w.Term))
		}
		pq = conjunction(qs)
	}
	if pq == nil {
		return nil, nil, false, nil
	}
	if positive {
		c.hasText = true
		if len(words) > 0 {
			c.rank = append(c.rank, boosted(phraseQuery(FieldTitle, words), titleBoost*wordWeight))
		}
		c.needles = append(c.needles, needles(clause{text: cl.Text, phrase: cl.Quoted}, words)...)
	}
	return pq, pq, true, nil
}

func conjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// near compiles "A B"~N: each word of the phrase within N characters of
// the next, in either order. The words must each occur (cheap terms); only
// articles that have them are checked for the distance, by phrases of
// bigrams with N wildcard slots or fewer between the words.
func (c *compiler) near(cl qlang.Clause, positive bool) (pq, sq query.Query, ok bool, err error) {
	words := strings.Fields(cl.Text)
	if len(words) < 2 {
		return c.text(qlang.Clause{Text: cl.Text, Quoted: true, Pos: cl.Pos}, positive)
	}
	var must, within []query.Query
	for _, w := range words {
		if q := textSubstring(w); q != nil {
			must = append(must, q)
		}
	}
	for i := 0; i+1 < len(words); i++ {
		if q := withinChars(words[i], words[i+1], cl.Slop); q != nil {
			within = append(within, q)
		}
	}
	if len(must) == 0 {
		return nil, nil, false, nil
	}
	q := query.NewBooleanQuery([]query.Query{conjunction(must)}, nil, nil)
	for _, w := range within {
		q.AddFilter(w)
	}
	if positive {
		c.hasText = true
		for _, w := range words {
			if f, _ := segment.Fold(w); f != "" {
				c.needles = append(c.needles, f)
			}
		}
	}
	return q, q, true, nil
}

// withinChars matches a and b at most n characters apart, either first,
// or nil when either is shorter than two characters (a single character
// has no positions in the index: then both merely occur).
func withinChars(a, b string, n int) query.Query {
	ga, gb := segment.NGrams(a, 2), segment.NGrams(b, 2)
	if len(ga) == 0 || len(gb) == 0 || len(ga) != utf8.RuneCountInString(a)-1 || len(gb) != utf8.RuneCountInString(b)-1 {
		return nil
	}
	var qs []query.Query
	for _, order := range [][2][]segment.Token{{ga, gb}, {gb, ga}} {
		for gap := 0; gap <= n; gap++ {
			// first's bigrams, the bigram from its last character (a
			// wildcard), gap wildcards, then second's bigrams.
			var slots [][]string
			for _, g := range order[0] {
				slots = append(slots, []string{g.Term})
			}
			for range gap + 1 {
				slots = append(slots, []string{""})
			}
			for _, g := range order[1] {
				slots = append(slots, []string{g.Term})
			}
			qs = append(qs, query.NewMultiPhraseQuery(slots, FieldText2Grams))
		}
	}
	return query.NewDisjunctionQuery(qs)
}
