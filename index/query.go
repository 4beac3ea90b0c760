package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/baosou/baosou/segment"
	"github.com/blevesearch/bleve/v2/search/query"
)

// clause is one part of the user's query: a whitespace-separated chunk or a
// quoted phrase. Every clause must match (AND).
type clause struct {
	text   string // as typed, without quotes
	phrase bool   // quoted: must occur as a contiguous string
}

// clausePlan is what one clause becomes: match decides which articles are
// hits, with the cheapest exact structure (one gram query per word on the
// all-text fields); rank only adds to the score of hits, with queries that
// are cheap on them (terms, or phrases in the short heading fields).
type clausePlan struct {
	match []query.Query // each must match: words as words (precision)
	// substr is match with every word also found as a substring of other
	// words (长春 in 延长|春节); nil when that is the same as match.
	substr []query.Query
	rank   []query.Query // scoring only
	// asWords scores the words as words where the substr reading matches
	// them as substrings (the precise reading's match already does).
	asWords []query.Query
	needles []string
}

// Weights of the ranking signals. A word match (weight wordWeight × the
// field's boost) outranks a substring match: 民政 finds 民政部门 in a body
// before 人民政府 in a title.
const (
	wordWeight      = 2
	headWeight      = 0.75 // the clause as a substring of a title, kicker or subtitle
	contiguousBoost = 1    // the words of a clause together, as typed
	titleBoost      = 4    // a word in the title says more than one in passing
)

// planClause returns the plan of one clause, or false when the clause has
// nothing searchable in it (only punctuation, say).
//
// A clause matches an article when its text occurs there as a substring
// (quoted clauses), or when each of its words does (unquoted clauses): a
// word phrase or a whole-clause substring implies that, so these are the
// hits the clause always had, found with one query per word instead of a
// word phrase, a gram phrase and a conjunction of words over every field.
func (x *Index) planClause(c clause) (clausePlan, bool) {
	words := x.seg.Tokenize(c.text, segment.ModeQuery)
	if len(words) == 0 && !c.phrase {
		return clausePlan{}, false // only punctuation: nothing to search for unless quoted
	}
	whole := textSubstring(c.text)
	if whole == nil {
		return clausePlan{}, false
	}
	var p clausePlan
	distinct := distinctWords(words)
	if c.phrase {
		p.match = []query.Query{whole}
	} else {
		differs := false
		for _, w := range distinct {
			word, sub := wordMatch(c.text[w.Start:w.End])
			p.match = append(p.match, word)
			p.substr = append(p.substr, sub)
			differs = differs || word != sub
		}
		if !differs {
			p.substr = nil
		} else {
			p.asWords = asWords(distinct)
		}
		if together := junctions(c.text, words); together != nil {
			p.rank = append(p.rank, boosted(together, contiguousBoost))
		}
	}
	if len(words) > 0 && (!c.phrase || onlyWordRunes(c.text)) {
		// Words skip punctuation and spaces, leaving wildcard slots in the
		// phrase; a quoted clause holding them ranks by its grams alone.
		p.rank = append(p.rank, wordRank(words)...)
	}
	if h := headSubstring(c.text); h != nil {
		p.rank = append(p.rank, boosted(h, headWeight))
	}
	p.needles = needles(c, words)
	return p, true
}

// wordRank scores the words of a clause as a phrase in the title. In the
// body a word already scores through its match on FieldWords; a term of
// the body field as well read a second long posting list per word for
// every hit (a third of what a broad word query cost) and barely moved
// the order. A kicker or subtitle match counts through the heading
// substring.
func wordRank(words []segment.Token) []query.Query {
	return []query.Query{boosted(phraseQuery(FieldTitle, words), titleBoost*wordWeight)}
}

// asWords scores the words of more than one character as words (民政 in
// 民政部门 above 民政 inside 人民政府), together worth one word match.
func asWords(distinct []segment.Token) []query.Query {
	var long []segment.Token
	for _, w := range distinct {
		if utf8.RuneCountInString(w.Term) > 1 {
			long = append(long, w)
		}
	}
	out := make([]query.Query, len(long))
	for i, w := range long {
		out[i] = boosted(termQuery(FieldWords, w.Term), wordWeight/float64(len(long)))
	}
	return out
}

// junctions matches articles holding the bigrams that join one word of
// the clause to the next (国经 of 中国|经济), anywhere: a cheap sign that the
// words stand together as typed. The bigrams inside a word say nothing the
// word's own match does not, and their lists are the longest. Nil for a
// clause of one word.
func junctions(text string, words []segment.Token) query.Query {
	var qs []query.Query
	seen := map[string]bool{} // membership only
	for i := 1; i < len(words); i++ {
		prev, cur := words[i-1], words[i]
		if prev.End != cur.Start {
			continue // apart (punctuation between): no bigram joins them
		}
		last, _ := utf8.DecodeLastRuneInString(text[:prev.End])
		first, _ := utf8.DecodeRuneInString(text[cur.Start:])
		g, _ := segment.Fold(string(last) + string(first))
		if utf8.RuneCountInString(g) != 2 || seen[g] {
			continue
		}
		seen[g] = true
		qs = append(qs, termQuery(FieldText2Grams, g))
	}
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// allBigrams matches articles holding every bigram of text, anywhere (no
// positions read): what a substring needs before its positions are
// checked. Nil for text of fewer than two characters.
func allBigrams(text string) query.Query {
	grams := segment.NGrams(text, 2)
	if len(grams) == 0 {
		return nil
	}
	qs := make([]query.Query, len(grams))
	for i, g := range grams {
		qs[i] = termQuery(FieldText2Grams, g.Term)
	}
	return query.NewConjunctionQuery(qs)
}

// distinctWords returns words without repeated terms, in order.
func distinctWords(words []segment.Token) []segment.Token {
	seen := make(map[string]bool, len(words)) // membership only
	out := make([]segment.Token, 0, len(words))
	for _, w := range words {
		if !seen[w.Term] {
			seen[w.Term] = true
			out = append(out, w)
		}
	}
	return out
}

// wordMatch returns how an unquoted word matches: as a word of the
// article, its sub-words included (长春 in 长春市: the index cuts compounds
// into their words too), and as a substring anywhere (长春 in 延长|春节).
// One character is a word wherever it stands, so both are the same query.
func wordMatch(text string) (word, substr query.Query) {
	substr = textSubstring(text)
	if utf8.RuneCountInString(text) < 2 {
		return substr, substr
	}
	return asWord(text), substr
}

// asWord matches text as a word of any text field: one term of
// FieldWords, not one per field (a disjunction of four was a third of what
// a word query cost).
func asWord(text string) query.Query {
	folded, _ := segment.Fold(text)
	return termQuery(FieldWords, folded)
}

// textSubstring matches text as a contiguous string of folded characters
// anywhere in an article. One character is one term, and so are two (a
// bigram), read without positions. A longer string is found where it is a
// word of the article (a term of the word fields: cheap, and the usual
// case for a dictionary word), or else where all its bigrams occur and a
// check of their positions confirms it; that check, the costly part, only
// runs on the few articles that hold the bigrams but not the word (where
// segmentation cut across it: 长春 in 延长|春节). A word token is always
// a substring of the folded text, so the union is exact. Nil when text is
// empty.
func textSubstring(text string) query.Query {
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return nil
	case n <= 2:
		grams := segment.NGrams(text, n)
		if len(grams) != 1 {
			return nil
		}
		return termQuery([]string{FieldTextChars, FieldText2Grams}[n-1], grams[0].Term)
	}
	bi := segment.NGrams(text, 2)
	slots := make([][]string, len(bi))
	for i := range slots {
		slots[i] = []string{""}
	}
	for _, g := range everyNth(bi, 2) {
		slots[g.Position-1] = []string{g.Term}
	}
	word, bigrams := asWord(text), allBigrams(text)
	// The check is a filter: Bleve reads its positions only for articles
	// that have every bigram and not the word (in a conjunction, it would
	// lead whenever its terms look rarer, and check every article). Where
	// the substring must match, the check moves to the end of the search
	// (twophase.go).
	unchecked := query.NewBooleanQuery([]query.Query{bigrams}, nil, []query.Query{word})
	elsewhere := query.NewBooleanQuery([]query.Query{bigrams}, nil, []query.Query{word})
	elsewhere.AddFilter(query.NewMultiPhraseQuery(slots, FieldText2Grams))
	folded, _ := segment.Fold(text)
	return &substringQuery{
		whole:  query.NewDisjunctionQuery([]query.Query{word, elsewhere}),
		approx: query.NewDisjunctionQuery([]query.Query{word, unchecked}),
		check:  substringCheck{Word: folded, Slots: slots},
	}
}

// everyNth returns grams[0], grams[n], grams[2n], … and the last gram:
// at their exact positions, with wildcard slots between, they cover every
// character with the fewest terms whose positions must be read.
func everyNth(grams []segment.Token, n int) []segment.Token {
	var out []segment.Token
	for i := 0; i < len(grams); i += n {
		out = append(out, grams[i])
	}
	if (len(grams)-1)%n != 0 {
		out = append(out, grams[len(grams)-1])
	}
	return out
}

// headSubstring matches text as a contiguous string in a heading: a phrase
// of bigrams (headings are short, so positions are cheap there), or nil for
// text of fewer than two characters.
func headSubstring(text string) query.Query {
	grams := segment.QueryBigrams(text)
	switch {
	case len(grams) == 0 || utf8.RuneCountInString(grams[0].Term) == 1:
		return nil
	case len(grams) == 1:
		return termQuery(FieldHeadGrams, grams[0].Term)
	}
	terms := make([]string, len(grams))
	for i, g := range grams {
		terms[i] = g.Term
	}
	return query.NewPhraseQuery(terms, FieldHeadGrams)
}

// needles are what the highlighter marks for a clause: the whole clause,
// folded (so 长春市 is marked whole), and for an unquoted clause each of
// its words.
func needles(c clause, words []segment.Token) []string {
	out := []string{}
	if whole, _ := segment.Fold(c.text); whole != "" {
		out = append(out, whole)
	}
	if c.phrase {
		return out
	}
	for _, w := range words {
		out = append(out, w.Term)
	}
	return out
}

// phraseQuery builds a Bleve phrase whose slots follow the tokens'
// character positions: tokens at the same position are alternatives, and
// positions no token starts at are wildcard slots. This is how 政府发布
// (政府 at 1, 发布 at 3) matches 政府 at 6 and 发布 at 8 in the index.
func phraseQuery(field string, toks []segment.Token) query.Query {
	if len(toks) == 1 {
		return termQuery(field, toks[0].Term)
	}
	base := toks[0].Position
	slots := make([][]string, toks[len(toks)-1].Position-base+1)
	for _, t := range toks {
		i := t.Position - base
		slots[i] = append(slots[i], t.Term)
	}
	for i := range slots {
		if len(slots[i]) == 0 {
			slots[i] = []string{""}
		}
	}
	return query.NewMultiPhraseQuery(slots, field)
}

func termQuery(field, term string) query.Query {
	tq := query.NewTermQuery(term)
	tq.SetField(field)
	return tq
}

func boosted(q query.Query, b float64) query.Query {
	if bq, ok := q.(query.BoostableQuery); ok {
		bq.SetBoost(b)
	}
	return q
}

// onlyWordRunes reports whether s is letters and digits only.
func onlyWordRunes(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
