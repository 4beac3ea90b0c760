package article

import (
	"strings"
	"unicode/utf8"
)

// printing is one text of a story and the pages it was printed on. An
// article holds one or more: its Body (on the pages no variant names) and
// its Variants.
type printing struct {
	pages       []string
	source, url string
	body        []string
	text        string // body joined, what printings are compared by
	chars       int
}

func newPrinting(pages []string, source, url string, body []string) printing {
	t := strings.Join(body, "\n")
	return printing{pages: pages, source: source, url: url, body: body, text: t, chars: utf8.RuneCountInString(t)}
}

// printings splits a into its printings, the main text first.
func (a *Article) printings() []printing {
	claimed := make(map[string]bool, len(a.Variants))
	for _, v := range a.Variants {
		claimed[PageKey(v.Page)] = true
	}
	var mainPages []string
	for _, p := range a.allPages() {
		if !claimed[PageKey(p)] {
			mainPages = append(mainPages, p)
		}
	}
	out := []printing{newPrinting(mainPages, a.Source, a.URL, a.Body)}
	for _, v := range a.Variants {
		var pages []string
		if v.Page != "" {
			pages = []string{v.Page}
		}
		out = append(out, newPrinting(pages, v.Source, v.URL, v.Body))
	}
	return out
}

// on reports whether p was printed on one of pages.
func (p printing) on(pages []string) bool {
	for _, x := range p.pages {
		for _, y := range pages {
			if PageKey(x) == PageKey(y) {
				return true
			}
		}
	}
	return false
}

// setPrintings makes the fullest of ps a's Body, Source and URL, and every
// other distinct non-empty text a Variant, once each.
func (a *Article) setPrintings(ps []printing) {
	main := ps[fullest(ps)]
	a.Body, a.Source, a.URL, a.Variants = main.body, main.source, main.url, nil
	seen := map[string]bool{main.text: true}
	for _, p := range ps {
		if p.text == main.text {
			// Another record of the main text may know where it came from.
			a.Source, a.URL = first(a.Source, p.source), first(a.URL, p.url)
			continue
		}
		if p.text == "" || seen[p.text] {
			continue
		}
		seen[p.text] = true
		v := Variant{Source: p.source, URL: p.url, Body: p.body}
		if len(p.pages) > 0 {
			v.Page = p.pages[0]
		}
		a.Variants = append(a.Variants, v)
	}
}

// fullest returns the index of the printing with the most characters;
// among equally long ones, the first in string order.
func fullest(ps []printing) int {
	best := 0
	for i, p := range ps[1:] {
		b := ps[best]
		if p.chars > b.chars || (p.chars == b.chars && p.text < b.text) {
			best = i + 1
		}
	}
	return best
}

func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
