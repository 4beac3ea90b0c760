package index

import (
	"strings"
	"unicode"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

// collapseSlack is how many hits beyond a page are fetched so that a page
// stays full after near-identical hits are folded into one.
const collapseSlack = 10

// collapseChars bounds the text compared: a story's opening is enough.
// Two hits are one story by article.TextGrams.SameText, as reprints are
// at ingest.
const collapseChars = 2000

// collapse folds each hit that repeats an earlier one (same headline,
// nearly the same text) into that earlier hit's Also, and returns at most
// size hits.
func collapse(hits []rankedHit, size int) []rankedHit {
	out := make([]rankedHit, 0, min(size, len(hits)))
	byTitle := map[string][]int{} // headline key → indexes in out
	grams := map[int]article.TextGrams{}
	for _, h := range hits {
		key := headlineKey(h.fields)
		folded := false
		var gh lazyGrams // h's, built once when first compared
		for _, i := range byTitle[key] {
			if key != "" && sameText(grams, i, out[i], h, &gh) {
				out[i].also = append(out[i].also, alsoOf(h))
				folded = true
				break
			}
		}
		if folded || len(out) == size {
			continue
		}
		byTitle[key] = append(byTitle[key], len(out))
		out = append(out, h)
	}
	return out
}

// headlineKey is the title without spaces and punctuation.
func headlineKey(f map[string]any) string {
	t, _ := f[FieldTitle].(string)
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, t)
}

// lazyGrams is a hit's pairs, built when first needed.
type lazyGrams struct {
	g     article.TextGrams
	built bool
}

func sameText(cache map[int]article.TextGrams, i int, a, b rankedHit, gb *lazyGrams) bool {
	ba, bb := body(a.fields), body(b.fields)
	if ba == bb {
		return true
	}
	ga, ok := cache[i]
	if !ok {
		ga = article.Grams(ba, collapseChars)
		cache[i] = ga
	}
	if !gb.built {
		gb.g, gb.built = article.Grams(bb, collapseChars), true
	}
	return ga.SameText(gb.g)
}

func body(f map[string]any) string {
	s, _ := f[FieldBody].(string)
	return s
}

func alsoOf(h rankedHit) search.Also {
	str := func(k string) string { s, _ := h.fields[k].(string); return s }
	date := str(FieldDate)
	if len(date) >= 10 {
		date = date[:10]
	}
	return search.Also{ID: h.id, Newspaper: str(FieldNewspaper), Date: date, Page: str(FieldPage)}
}
