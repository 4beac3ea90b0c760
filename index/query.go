package index

import (
	"strings"
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

// parseClauses splits a query into clauses. Quotes may be ASCII ("…") or
// Chinese (“…”); an unterminated quote runs to the end of the query.
func parseClauses(q string) []clause {
	var out []clause
	var cur strings.Builder
	inQuote := false
	flush := func(phrase bool) {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, clause{text: s, phrase: phrase})
		}
		cur.Reset()
	}
	for _, r := range q {
		switch {
		case r == '"' || r == '“' || r == '”' || r == '＂':
			flush(inQuote)
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush(false)
		default:
			cur.WriteRune(r)
		}
	}
	flush(inQuote)
	return out
}

// buildClause returns the Bleve query for one clause and the folded strings
// the highlighter marks for it, or a nil query when the clause has nothing
// searchable in it (only punctuation, say).
//
// A clause matches an article when its words occur as a phrase (best), when
// its text occurs as a substring through the bigram fields (found even where
// segmentation cut the article differently), or, for unquoted clauses of
// several words, when all its words occur anywhere (weakest).
func (x *Index) buildClause(c clause) (query.Query, []string) {
	words := x.seg.Tokenize(c.text, segment.ModeQuery)
	if len(words) == 0 && !c.phrase {
		return nil, nil // only punctuation: nothing to search for unless quoted
	}
	grams := segment.QueryBigrams(c.text)
	if len(grams) == 0 {
		return nil, nil
	}
	var alts []query.Query
	if len(words) > 0 && (!c.phrase || onlyWordRunes(c.text)) {
		// Words skip punctuation and spaces, leaving wildcard slots in the
		// phrase; a quoted clause holding them is matched by its grams alone,
		// which include them, so "政府，发布" finds only that string.
		alts = append(alts, boosted(overFields("", words, 2), 1))
	}
	alts = append(alts, overFields(bigramSuffix, grams, substringWeight))
	if !c.phrase && len(words) > 1 {
		var each []query.Query
		for _, w := range words {
			one := []segment.Token{w}
			each = append(each, query.NewDisjunctionQuery([]query.Query{
				overFields("", one, 1),
				overFields(bigramSuffix, segment.QueryBigrams(c.text[w.Start:w.End]), 1),
			}))
		}
		alts = append(alts, boosted(query.NewConjunctionQuery(each), 0.5))
	}
	return query.NewDisjunctionQuery(alts), needles(c, words)
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

// substringWeight scales matches found only through the bigram fields. It
// is low enough that a word match in the body (weight 2 × boost 1) outranks
// a substring match in the title (weight × boost 4): 民政 finds 民政部门
// before 人民政府.
const substringWeight = 0.25

// overFields matches the tokens as a phrase in every text field (with the
// given suffix: "" for words, "_bi" for bigrams), each with its boost.
func overFields(suffix string, toks []segment.Token, weight float64) query.Query {
	var qs []query.Query
	for _, f := range textFields {
		qs = append(qs, boosted(phraseQuery(f.name+suffix, toks), f.boost*weight))
	}
	return query.NewDisjunctionQuery(qs)
}

// phraseQuery builds a Bleve phrase whose slots follow the tokens'
// character positions: tokens at the same position are alternatives, and
// positions no token starts at are wildcard slots. This is how 政府发布
// (政府 at 1, 发布 at 3) matches 政府 at 6 and 发布 at 8 in the index.
func phraseQuery(field string, toks []segment.Token) query.Query {
	if len(toks) == 1 {
		if strings.HasSuffix(field, bigramSuffix) && utf8.RuneCountInString(toks[0].Term) == 1 {
			// One character in the bigram field: it starts a gram (prefix)
			// or ends the text (indexed alone); see segment.Bigrams.
			pq := query.NewPrefixQuery(toks[0].Term)
			pq.SetField(field)
			return query.NewDisjunctionQuery([]query.Query{pq, termQuery(field, toks[0].Term)})
		}
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
