package epaper

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML parses a decoded HTML page: a Founder article page, a Founder
// layout page, or an ordinary news article page, in that order of evidence.
func parseHTML(name, text string) (*Result, error) {
	if truncatedHTML(text) {
		return nil, fmt.Errorf("parse %s: %w", name, ErrTruncated)
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// Reading from memory, the parser fails only when its stack of open
		// elements passes MaxDepth; it stops there, so this costs no more
		// than a page of that depth.
		return nil, fmt.Errorf("parse %s: %w: %s", name, ErrTooDeep, depthReport(text))
	}
	p := newPage(name, doc)
	if res, err, ok := p.founderArticle(); ok {
		return res, err
	}
	if res, err, ok := p.layout(); ok {
		return res, err
	}
	return p.genericArticle()
}

// MaxDepth is how deeply elements may nest in an HTML page: the limit of
// golang.org/x/net/html, which refuses deeper documents (tree building
// costs time in proportion to depth for every element). Real pages nest a
// few dozen deep; thousands is a broken or hostile file.
const MaxDepth = 512

// voidTags have no end tag and never nest.
var voidTags = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Param: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// depthReport says how deeply text nests, for the error of a page the
// parser refused. It counts open tags in one linear pass of the tokenizer
// (start tags less end tags, void elements aside), which can differ from
// the parser's count where the parser opens or closes elements implicitly.
func depthReport(text string) string {
	z := html.NewTokenizer(strings.NewReader(text))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if deepest > MaxDepth {
				return fmt.Sprintf("elements nested %d deep, more than %d", deepest, MaxDepth)
			}
			return fmt.Sprintf("elements nested more than %d deep", MaxDepth)
		case html.StartTagToken:
			if name, _ := z.TagName(); !voidTags[atom.Lookup(name)] {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
	}
}

// truncatedHTML tells a page cut short: it opens html or body but closes
// neither, or it ends inside a tag.
func truncatedHTML(text string) bool {
	lower := strings.ToLower(text)
	opened := strings.Contains(lower, "<html") || strings.Contains(lower, "<body")
	closed := strings.Contains(lower, "</html") || strings.Contains(lower, "</body")
	if opened && !closed {
		return true
	}
	trimmed := strings.TrimRightFunc(lower, unicode.IsSpace)
	return strings.LastIndex(trimmed, "<") > strings.LastIndex(trimmed, ">")
}

// page is a parsed HTML document with what several extractors share.
type page struct {
	name string
	doc  *html.Node
}

func newPage(name string, doc *html.Node) *page { return &page{name: name, doc: doc} }

// traverse visits root's subtree in document order without recursion (so
// deep nesting cannot exhaust the stack); enter returns false to skip a
// node's children; leave is called after a node and its children.
func traverse(root *html.Node, enter func(*html.Node) bool, leave func(*html.Node)) {
	n := root
	for {
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if leave != nil {
			leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			if leave != nil {
				leave(n)
			}
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// find returns the elements under root for which match is true.
func find(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	traverse(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		return true
	}, nil)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hidden(n *html.Node) bool {
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none")
}

// skipTags never hold article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Form: true,
	atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Svg: true, atom.Template: true,
	atom.Head: true, atom.Input: true, atom.Object: true, atom.Embed: true, atom.Map: true,
	atom.Video: true, atom.Audio: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
}

var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Center: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Table: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true, atom.Dl: true, atom.Pre: true,
	atom.Figure: true, atom.Figcaption: true, atom.Header: true, atom.Main: true, atom.Br: true,
	atom.Tbody: true, atom.Body: true, atom.Html: true, atom.Hr: true,
}

// textLine is one line of text as a browser would break it, with how much
// of it is link text.
type textLine struct {
	text      string
	runes     int
	linkRunes int
}

// lines breaks root's visible text into lines at block elements and <br>,
// skipping scripts, forms, navigation and hidden elements. gate, when not
// nil, limits the text to what lies between <!--enpcontent--> and
// <!--/enpcontent--> (Founder's body markers), first occurrence only.
func lines(root *html.Node, gate bool) []textLine {
	var out []textLine
	var cur strings.Builder
	curLink, inLink := 0, 0
	open, done := !gate, false
	flush := func() {
		t := cleanSpace(cur.String())
		if t != "" {
			out = append(out, textLine{text: t, runes: utf8.RuneCountInString(t), linkRunes: min(curLink, utf8.RuneCountInString(t))})
		}
		cur.Reset()
		curLink = 0
	}
	traverse(root, func(n *html.Node) bool {
		switch n.Type {
		case html.CommentNode:
			if gate {
				switch strings.TrimSpace(n.Data) {
				case "enpcontent":
					open = !done
				case "/enpcontent":
					if open {
						done = true
					}
					open = false
				}
			}
		case html.TextNode:
			if open {
				cur.WriteString(n.Data)
				if inLink > 0 {
					curLink += utf8.RuneCountInString(strings.TrimSpace(n.Data))
				}
			}
		case html.ElementNode:
			if skipTags[n.DataAtom] || hidden(n) {
				return false
			}
			if blockTags[n.DataAtom] {
				flush()
			}
			if n.DataAtom == atom.A {
				inLink++
			}
		}
		return true
	}, func(n *html.Node) {
		if n.Type != html.ElementNode || skipTags[n.DataAtom] || hidden(n) {
			return
		}
		if n.DataAtom == atom.A {
			inLink--
		}
		if blockTags[n.DataAtom] {
			flush()
		}
	})
	flush()
	return out
}

// boilerplateRe matches lines of a news page that are not article text.
var boilerplateRe = regexp.MustCompile(`^[(（【\[]?\s*(责编|责任编辑|编辑|校对|审核|审校|来源|作者|转载请注明|版权声明|声明|分享到|点击进入|扫一扫|扫描二维码|关注我们|相关新闻|相关阅读|延伸阅读|推荐阅读|上一篇|下一篇|返回顶部|返回目录)\s*[:：>＞)）】\]]|^(分享到|点击进入|扫一扫|返回顶部|打印本页|关闭窗口|【打印】|【关闭】)|(版权所有|Copyright|©).{0,40}$`)

// paragraphs keeps the article paragraphs among lines: no link-dominated
// lines (navigation, related links, pagination) and no boilerplate.
func paragraphs(ls []textLine) []string {
	var out []string
	for _, l := range ls {
		if l.linkRunes*2 > l.runes || boilerplateRe.MatchString(l.text) {
			continue
		}
		out = append(out, l.text)
	}
	return out
}

// textOf returns the visible text of n on one line.
func textOf(n *html.Node) string {
	var parts []string
	for _, l := range lines(n, false) {
		parts = append(parts, l.text)
	}
	return cleanSpace(strings.Join(parts, " "))
}

// metaContent returns the content of the first meta tag whose name or
// property is one of keys.
func (p *page) metaContent(keys ...string) string {
	for _, m := range find(p.doc, func(n *html.Node) bool { return n.DataAtom == atom.Meta }) {
		k := strings.ToLower(attr(m, "name") + attr(m, "property") + attr(m, "itemprop"))
		for _, want := range keys {
			if k == want {
				if c := strings.TrimSpace(attr(m, "content")); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

func (p *page) title() string {
	titles := find(p.doc, func(n *html.Node) bool { return n.DataAtom == atom.Title })
	if len(titles) == 0 {
		return ""
	}
	var b strings.Builder
	for c := titles[0].FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return cleanSpace(b.String())
}

// visibleText is the page's text, one line per block.
func (p *page) visibleText() string {
	var b strings.Builder
	for _, l := range lines(p.doc, false) {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}
