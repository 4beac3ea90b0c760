package index

import (
	"strings"
	"unicode"

	"github.com/baosou/baosou/search"
)

// collapseSlack is how many hits beyond a page are fetched so that a page
// stays full after near-identical hits are folded into one.
const collapseSlack = 10

// sameStoryOverlap is the share of the shorter body's character pairs that
// must occur in the other body for two hits with the same headline to be
// one story (a wire story in several papers, a reprint that ingest did not
// merge). As in article.SameStory.
const sameStoryOverlap = 0.8

// collapseChars bounds the text compared: a story's opening is enough.
const collapseChars = 2000

// collapse folds each hit that repeats an earlier one (same headline,
// nearly the same text) into that earlier hit's Also, and returns at most
// size hits.
func collapse(hits []rankedHit, size int) []rankedHit {
	out := make([]rankedHit, 0, min(size, len(hits)))
	byTitle := map[string][]int{} // headline key → indexes in out
	grams := map[int]map[[2]rune]struct{}{}
	for _, h := range hits {
		key := headlineKey(h.fields)
		folded := false
		for _, i := range byTitle[key] {
			if key != "" && sameText(grams, i, out[i], h) {
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

func sameText(cache map[int]map[[2]rune]struct{}, i int, a, b rankedHit) bool {
	ga, ok := cache[i]
	if !ok {
		ga = bodyGrams(a.fields)
		cache[i] = ga
	}
	gb := bodyGrams(b.fields)
	if len(ga) > len(gb) {
		ga, gb = gb, ga
	}
	if len(ga) == 0 {
		return len(gb) == 0
	}
	shared := 0
	for g := range ga {
		if _, ok := gb[g]; ok {
			shared++
		}
	}
	return float64(shared) >= sameStoryOverlap*float64(len(ga))
}

func bodyGrams(f map[string]any) map[[2]rune]struct{} {
	body, _ := f[FieldBody].(string)
	out := make(map[[2]rune]struct{})
	prev, n := rune(-1), 0
	for _, r := range body {
		if n++; n > collapseChars {
			break
		}
		if prev >= 0 {
			out[[2]rune{prev, r}] = struct{}{}
		}
		prev = r
	}
	return out
}

func alsoOf(h rankedHit) search.Also {
	str := func(k string) string { s, _ := h.fields[k].(string); return s }
	date := str(FieldDate)
	if len(date) >= 10 {
		date = date[:10]
	}
	return search.Also{ID: h.id, Newspaper: str(FieldNewspaper), Date: date, Page: str(FieldPage)}
}
