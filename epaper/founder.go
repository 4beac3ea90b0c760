package epaper

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/baosou/baosou/article"
)

var (
	// articleLinkRe: links to Founder article pages (nw.D110000renmrb_20171016_1-01.htm,
	// content_12345.htm).
	articleLinkRe = regexp.MustCompile(`(?i)(?:^|/)(?:nw\.|content_)[^/?#]*\.s?html?(?:[?#].*)?$`)
	// writeRe: a headline written by script: document.write(view("…")).
	writeRes = []*regexp.Regexp{
		regexp.MustCompile(`document\.write\(\s*(?:view\(\s*)?"((?:[^"\\]|\\.){1,400})"`),
		regexp.MustCompile(`document\.write\(\s*(?:view\(\s*)?'((?:[^'\\]|\\.){1,400})'`),
	}
	tagRe = regexp.MustCompile(`<[^<>]{0,200}>`)
	// enpPropRe reads Founder's <!--enpproperty <title>…</title>…--> comment.
	enpPropRe = regexp.MustCompile(`<(title|subtitle|introtitle|author|date|nodename|pagename|pagenum)>([^<]*)</`)
	// pageInDateRe: （ 2017年10月16日 01 版） under a Founder article title.
	pageInDateRe = regexp.MustCompile(`年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:第\s*)?([A-Za-z]{0,2}\d{1,3})\s*版`)
	// titleSplitRe splits "女儿出嫁…--文化--人民网" and "人民日报-人民网".
	titleSplitRe = regexp.MustCompile(`\s*(?:--|——|_|\||｜|-|－|—)\s*`)
)

// founder holds what Founder pages share: the page list, the current page
// label and the headline links.
type founder struct {
	pages     []PageRef
	page      string
	section   string
	headlines []Headline
}

func (p *page) founderParts() founder {
	var f founder
	seenPage := map[string]bool{}
	index := map[string]int{}
	for _, a := range find(p.doc, func(n *nethtml.Node) bool { return n.DataAtom == atom.A }) {
		href := strings.TrimSpace(attr(a, "href"))
		text := textOf(a)
		if m := matchPage(text); m != nil && href != "" {
			if !seenPage[m[0]] {
				seenPage[m[0]] = true
				f.pages = append(f.pages, PageRef{Page: m[0], Section: m[1], URL: href})
			}
			continue
		}
		if !articleLinkRe.MatchString(href) {
			continue
		}
		if text == "" {
			text = scriptTitle(a)
		}
		i, ok := index[href]
		if !ok {
			index[href] = len(f.headlines)
			f.headlines = append(f.headlines, Headline{Title: text, URL: href})
		} else if f.headlines[i].Title == "" {
			f.headlines[i].Title = text
		}
	}
	kept := f.headlines[:0]
	for _, h := range f.headlines {
		if h.Title != "" {
			kept = append(kept, h)
		}
	}
	f.headlines = kept
	f.page, f.section = p.currentPage()
	return f
}

// matchPage reads a page label (01版:要闻, 第A01版：头版) into page and section.
func matchPage(s string) []string {
	m := pageRe.FindStringSubmatch(s)
	if m == nil || strings.TrimSpace(m[2]) == "" || len([]rune(m[2])) > 40 {
		return nil
	}
	return []string{strings.ToUpper(m[1]), strings.TrimSpace(m[2])}
}

// currentPage finds the page label that is not a link: the heading of the
// page being shown.
func (p *page) currentPage() (page, section string) {
	inLink := 0
	traverse(p.doc, func(n *nethtml.Node) bool {
		if page != "" {
			return false
		}
		switch n.Type {
		case nethtml.ElementNode:
			if skipTags[n.DataAtom] {
				return false
			}
			if n.DataAtom == atom.A {
				inLink++
			}
		case nethtml.TextNode:
			if m := matchPage(cleanSpace(n.Data)); inLink == 0 && m != nil {
				page, section = m[0], m[1]
			}
		}
		return true
	}, func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && n.DataAtom == atom.A && !skipTags[n.DataAtom] {
			inLink--
		}
	})
	return page, section
}

// scriptTitle reads a headline written by an inline script.
func scriptTitle(a *nethtml.Node) string {
	var out string
	traverse(a, func(n *nethtml.Node) bool {
		if out == "" && n.Type == nethtml.TextNode && n.Parent != nil && n.Parent.DataAtom == atom.Script {
			for _, re := range writeRes {
				if m := re.FindStringSubmatch(n.Data); m != nil {
					s := strings.NewReplacer(`\"`, `"`, `\'`, `'`, `\\`, `\`).Replace(m[1])
					out = cleanSpace(html.UnescapeString(tagRe.ReplaceAllString(s, " ")))
					break
				}
			}
		}
		return out == ""
	}, nil)
	return out
}

// paperName finds the newspaper's name: the paper quoted in the copyright
// notice (《人民日报》（电子版）), Founder's hidden channelname field, or the
// first part of the document title.
func (p *page) paperName(visible string) string {
	if m := quotedPaperRe.FindStringSubmatch(visible); m != nil {
		return m[1]
	}
	for _, in := range find(p.doc, func(n *nethtml.Node) bool {
		return n.DataAtom == atom.Input && attr(n, "name") == "channelname"
	}) {
		if v := cleanSpace(attr(in, "value")); v != "" {
			return v
		}
	}
	if parts := titleSplitRe.Split(p.title(), -1); len(parts) > 0 {
		return parts[0]
	}
	return ""
}

// pageDate finds the page's date: written in the visible text, else in the
// links (Founder paths carry it), else in the file name.
func (p *page) pageDate(visible string) string {
	if d := findDate(visible); d != "" {
		return d
	}
	var hrefs strings.Builder
	for _, a := range find(p.doc, func(n *nethtml.Node) bool { return n.DataAtom == atom.A || n.DataAtom == atom.Area }) {
		hrefs.WriteString(attr(a, "href"))
		hrefs.WriteByte(' ')
	}
	if d := findLinkDate(hrefs.String()); d != "" {
		return d
	}
	return findLinkDate(path.Base(p.name))
}

// layout parses a Founder layout page (版面页): the list of the issue's
// pages and the headlines on this page.
func (p *page) layout() (*Result, error, bool) {
	f := p.founderParts()
	if len(f.headlines) == 0 || (f.page == "" && len(f.pages) < 2) {
		return nil, nil, false
	}
	visible := p.visibleText()
	l := &Layout{
		Newspaper: p.paperName(visible),
		Date:      p.pageDate(visible),
		Page:      f.page,
		Section:   f.section,
		Pages:     f.pages,
		Headlines: f.headlines,
	}
	if l.Page == "" {
		// No unlinked heading: the page list entry that links to itself.
		for _, pr := range f.pages {
			if strings.HasPrefix(pr.URL, "./") {
				l.Page, l.Section = pr.Page, pr.Section
			}
		}
	}
	if l.Date == "" {
		return nil, fmt.Errorf("parse %s: %w", p.name, ErrNoDate), true
	}
	return &Result{Kind: KindLayout, Layout: l}, nil, true
}

// founderArticle parses a Founder article page, marked by Founder's body
// markers <!--enpcontent--> or a <founder-content> element.
func (p *page) founderArticle() (*Result, error, bool) {
	var enp, fc *nethtml.Node
	props := map[string]string{}
	traverse(p.doc, func(n *nethtml.Node) bool {
		switch {
		case n.Type == nethtml.CommentNode && strings.TrimSpace(n.Data) == "enpcontent" && enp == nil:
			enp = n
		case n.Type == nethtml.CommentNode && strings.HasPrefix(strings.TrimSpace(n.Data), "enpproperty") && len(props) == 0:
			for _, m := range enpPropRe.FindAllStringSubmatch(n.Data, 32) {
				if v := cleanSpace(html.UnescapeString(m[2])); v != "" {
					props[m[1]] = v
				}
			}
		case n.Type == nethtml.ElementNode && n.Data == "founder-content" && fc == nil:
			fc = n
		}
		return true
	}, nil)
	if enp == nil && fc == nil {
		return nil, nil, false
	}
	var body []string
	if fc != nil {
		body = paragraphs(lines(fc, false))
	} else {
		body = paragraphs(lines(p.doc, true))
	}
	f := p.founderParts()
	visible := p.visibleText()
	a := &article.Article{
		Newspaper: p.paperName(visible),
		Section:   f.section,
		Page:      f.page,
		Title:     first(props["title"], p.elementText("founder-title")),
		Kicker:    first(props["introtitle"], p.elementText("founder-introtitle")),
		Subtitle:  first(props["subtitle"], p.elementText("founder-subtitle")),
		Source:    p.name,
	}
	h := p.headings()
	a.Title = first(a.Title, h.title)
	a.Kicker = first(a.Kicker, h.kicker)
	a.Subtitle = first(a.Subtitle, h.subtitle)
	if m := pageInDateRe.FindStringSubmatch(visible); m != nil && a.Page == "" {
		a.Page = strings.ToUpper(m[1])
	}
	a.Date = first(findDate(props["date"]), p.elementDate("founder-date"), p.pageDate(visible))
	authorLines := append([]string{props["author"], p.elementText("founder-author")}, h.authors...)
	a.Authors = explicitAuthors(authorLines)
	more, rest := Bylines(body)
	a.Authors = appendNew(a.Authors, more...)
	a.Body = rest
	if len(a.Body) == 0 {
		return nil, fmt.Errorf("parse %s: %w", p.name, ErrNoArticle), true
	}
	out, err := finish(p.name, a)
	if err != nil {
		return nil, err, true
	}
	var others []string
	for _, hl := range f.headlines {
		if hl.Title != out.Title {
			others = appendNew(others, hl.Title)
		}
	}
	return &Result{Kind: KindArticle, Article: out, OtherTitles: others}, nil, true
}

func (p *page) elementText(tag string) string {
	for _, n := range find(p.doc, func(n *nethtml.Node) bool { return n.Data == tag }) {
		if t := textOf(n); t != "" {
			return t
		}
	}
	return ""
}

func (p *page) elementDate(tag string) string {
	t := p.elementText(tag)
	return first(findDate(t), findLinkDate(t))
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
