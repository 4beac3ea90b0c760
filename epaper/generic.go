package epaper

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/baosou/baosou/article"
)

var (
	// sourceRe: 来源：人民网-文化频道, 来源：当代商报 时间：….
	sourceRe = regexp.MustCompile(`来源[:：]\s*《?([^\s《》\-—_|｜:：,，()（）]{2,20})`)
	// authorLabelRe: a label before explicit author names.
	authorLabelRe = regexp.MustCompile(`^(作者|撰稿|文)\s*[:：]\s*`)
	// paragraphTags hold text that belongs to their parent's flow.
	paragraphTags = map[atom.Atom]bool{
		atom.P: true, atom.Center: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
		atom.H6: true, atom.Blockquote: true, atom.Li: true, atom.Pre: true, atom.Figcaption: true,
	}
)

// headings are the title block around the page's <h1>: the heading before
// it is the kicker (引题), an <h2> or <h4 class=sub> after it the subtitle
// (副题), other <h4> and author-classed elements are author lines.
type headings struct {
	kicker, title, subtitle string
	authors                 []string
}

func (p *page) headings() headings {
	var h headings
	var h1 *html.Node
	for _, n := range find(p.doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 }) {
		if t := textOf(n); t != "" && utf8.RuneCountInString(t) <= 100 {
			h1, h.title = n, t
			break
		}
	}
	if h1 != nil {
		if prev := elementSibling(h1, -1); prev != nil && (prev.DataAtom == atom.H2 || prev.DataAtom == atom.H3) {
			h.kicker = textOf(prev)
		}
		for n, i := elementSibling(h1, 1), 0; n != nil && i < 4; n, i = elementSibling(n, 1), i+1 {
			t := textOf(n)
			switch {
			case t == "":
			case n.DataAtom == atom.H2 && h.subtitle == "",
				n.DataAtom == atom.H4 && strings.Contains(attr(n, "class"), "sub"):
				h.subtitle = t
			case n.DataAtom == atom.H4, strings.Contains(strings.ToLower(attr(n, "class")), "author"):
				h.authors = append(h.authors, t)
			}
		}
	}
	return h
}

// elementSibling returns the next (dir > 0) or previous element sibling.
func elementSibling(n *html.Node, dir int) *html.Node {
	for {
		if dir > 0 {
			n = n.NextSibling
		} else {
			n = n.PrevSibling
		}
		if n == nil || n.Type == html.ElementNode {
			return n
		}
	}
}

// explicitAuthors reads lines known to be author lines (an <h4> under a
// Founder title, a class="author" element): clear bylines first, else bare
// names.
func explicitAuthors(ls []string) []string {
	var out []string
	for _, l := range ls {
		l = authorLabelRe.ReplaceAllString(cleanSpace(l), "")
		if l == "" {
			continue
		}
		if names, _ := Bylines([]string{l}); len(names) > 0 {
			out = appendNew(out, names...)
			continue
		}
		if b, ok := parseSegment(l); ok {
			out = appendNew(out, b.names...)
		}
	}
	return out
}

// maxAuthorLine bounds the text of an author element worth reading: a
// byline is short, and reading long ones costs time for nothing.
const maxAuthorLine = 200

// authorElements returns the text of the outermost elements marked as the
// author (class or id "author"). Nested ones are not read again, which
// keeps a page of deeply nested author elements linear.
func (p *page) authorElements() []string {
	var out []string
	traverse(p.doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode || !(strings.EqualFold(attr(n, "class"), "author") || strings.EqualFold(attr(n, "id"), "author")) {
			return true
		}
		if t := textOf(n); utf8.RuneCountInString(t) <= maxAuthorLine {
			out = append(out, t)
		}
		return false
	}, nil)
	return out
}

// genericArticle extracts an article from an ordinary news page: the title
// from <h1>, the body from the element whose paragraphs hold the most
// Chinese text outside links, the date from meta tags or the text after the
// title, the site from og:site_name, 来源 or the document title.
func (p *page) genericArticle() (*Result, error) {
	box := p.bestContainer()
	if box == nil {
		return nil, fmt.Errorf("parse %s: %w", p.name, ErrNoArticle)
	}
	h := p.headings()
	docTitle := p.title()
	parts := titleSplitRe.Split(docTitle, -1)
	a := &article.Article{Title: first(h.title, parts[0]), Kicker: h.kicker, Subtitle: h.subtitle, Source: p.name}
	for _, l := range paragraphs(lines(box, false)) {
		if l != a.Title && l != a.Kicker && l != a.Subtitle {
			a.Body = append(a.Body, l)
		}
	}
	if hanCount(strings.Join(a.Body, "")) < 20 {
		return nil, fmt.Errorf("parse %s: %w", p.name, ErrNoArticle)
	}
	visible := p.visibleText()
	a.Date = p.genericDate(visible, a.Title)
	a.Newspaper = p.siteName(visible, parts)
	a.Authors = explicitAuthors(append(h.authors, p.authorElements()...))
	more, _ := Bylines(a.Body)
	a.Authors = appendNew(a.Authors, more...)
	out, err := finish(p.name, a)
	if err != nil {
		return nil, err
	}
	return &Result{Kind: KindArticle, Article: out}, nil
}

// bestContainer scores each element by the Chinese characters, outside
// links, of the paragraphs directly in it (text of a <p> counts for the
// <p>'s parent) and returns the best one.
func (p *page) bestContainer() *html.Node {
	score := map[*html.Node]int{}
	inLink := 0
	traverse(p.doc, func(n *html.Node) bool {
		switch n.Type {
		case html.ElementNode:
			if skipTags[n.DataAtom] || hidden(n) {
				return false
			}
			if n.DataAtom == atom.A {
				inLink++
			}
		case html.TextNode:
			if inLink > 0 {
				break
			}
			han := hanCount(n.Data)
			if han == 0 {
				break
			}
			b := n.Parent
			for b != nil && b.Type == html.ElementNode && !blockTags[b.DataAtom] && !paragraphTags[b.DataAtom] {
				b = b.Parent
			}
			if b == nil {
				break
			}
			if paragraphTags[b.DataAtom] && b.Parent != nil {
				b = b.Parent
			}
			score[b] += han
		}
		return true
	}, func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A && !skipTags[n.DataAtom] {
			inLink--
		}
	})
	var best *html.Node
	bestScore := 19
	// Visit in document order so ties go to the first element.
	traverse(p.doc, func(n *html.Node) bool {
		if s := score[n]; s > bestScore {
			best, bestScore = n, s
		}
		return true
	}, nil)
	return best
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// genericDate: publication-date meta tags, else the first date after the
// title in the text, else anywhere in the text, else in links or the name.
func (p *page) genericDate(visible, title string) string {
	meta := p.metaContent("publishdate", "article:published_time", "og:article:published_time", "pubdate",
		"publish_date", "publishtime", "og:release_date", "datepublished", "dc.date", "dc.date.issued", "date")
	if d := first(findDate(meta), findLinkDate(meta)); d != "" {
		return d
	}
	for _, t := range find(p.doc, func(n *html.Node) bool { return n.DataAtom == atom.Time }) {
		if d := first(findDate(attr(t, "datetime")), findDate(textOf(t))); d != "" {
			return d
		}
	}
	if i := strings.Index(visible, title); title != "" && i >= 0 {
		if d := findDate(visible[i:]); d != "" {
			return d
		}
	}
	return p.pageDate(visible)
}

// siteName: og:site_name, the 来源 meta or text, else the last part of the
// document title ("…--文化--人民网").
func (p *page) siteName(visible string, titleParts []string) string {
	if s := p.metaContent("og:site_name", "application-name"); s != "" {
		return s
	}
	for _, s := range []string{p.metaContent("source"), visible} {
		if m := sourceRe.FindStringSubmatch(s); m != nil {
			return m[1]
		}
	}
	if len(titleParts) > 1 {
		return titleParts[len(titleParts)-1]
	}
	return ""
}
