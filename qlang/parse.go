package qlang

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/baosou/baosou/search"
)

// Bounds of a query.
const (
	MaxClauses = 16  // words and phrases, excluded ones included
	MaxDepth   = 8   // parentheses inside parentheses
	MaxSlop    = 100 // "…"~N: a larger N reads as MaxSlop
	MaxRepairs = 8   // notes in Query.Repairs; a last one counts the rest
)

// Fields are the field prefixes a query may name (field:word).
var Fields = []string{"title", "author", "section", "region", "newspaper"}

type kind uint8

const (
	tWord   kind = iota
	tPhrase      // "…", with slop
	tNot         // a leading - or －
	tField       // title: and the like
	tOr          // OR, | or ｜
	tOpen        // ( or （
	tClose       // ) or ）
)

type token struct {
	kind kind
	text string // word or phrase text, field name, or the operator as typed
	slop int
	pos  int // 1-based rune offset
}

type repair struct {
	pos int
	msg string
}

type parser struct {
	toks    []token
	i       int
	repairs []repair
}

func (p *parser) note(pos int, format string, args ...any) {
	p.repairs = append(p.repairs, repair{pos, fmt.Sprintf(format, args...)})
}

// Parse reads a query typed in the search box. It repairs what it can
// (an unclosed quote, a dangling OR, unbalanced parentheses...) and says
// how in Query.Repairs; it returns a *search.ParamError for param "q"
// only for a query it cannot read sensibly: parentheses nested deeper than
// MaxDepth, more than MaxClauses words, or nothing but exclusions. An
// empty query is an empty Query (Root nil), not an error.
func Parse(q string) (*Query, error) {
	p := &parser{}
	p.lex([]rune(q))
	if err := p.balance(); err != nil {
		return nil, err
	}
	root := p.and(p.parseAnd())
	out := &Query{Root: root}
	sort.SliceStable(p.repairs, func(i, j int) bool { return p.repairs[i].pos < p.repairs[j].pos })
	for i, r := range p.repairs {
		if i == MaxRepairs {
			out.Repairs = append(out.Repairs, fmt.Sprintf("and %d more", len(p.repairs)-i))
			break
		}
		out.Repairs = append(out.Repairs, r.msg)
	}
	if root == nil {
		return out, nil
	}
	if _, negative := negated(root); negative {
		at := first(root).Pos
		for _, t := range p.toks {
			if t.kind == tNot {
				at = t.pos
				break
			}
		}
		return nil, qerr("only exclusions, nothing to search for, at position %d", at)
	}
	if cs := out.Clauses(); len(cs) > MaxClauses {
		return nil, qerr("more than %d words or phrases at position %d", MaxClauses, cs[MaxClauses].Pos)
	}
	return out, nil
}

func qerr(format string, args ...any) error {
	return &search.ParamError{Param: "q", Reason: fmt.Sprintf(format, args...)}
}

// first returns the first clause under n.
func first(n Node) Clause {
	for {
		switch m := n.(type) {
		case Clause:
			return m
		case And:
			n = m.Nodes[0]
		case Or:
			n = m.Nodes[0]
		case Not:
			n = m.Node
		default:
			return Clause{}
		}
	}
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '＂' }
func isOpen(r rune) bool  { return r == '(' || r == '（' }
func isClose(r rune) bool { return r == ')' || r == '）' }
func isBar(r rune) bool   { return r == '|' || r == '｜' }
func isMinus(r rune) bool { return r == '-' || r == '－' }
func isTilde(r rune) bool { return r == '~' || r == '～' }

// isDelim: what ends a word.
func isDelim(r rune) bool {
	return unicode.IsSpace(r) || isQuote(r) || isOpen(r) || isClose(r) || isBar(r)
}

// digit returns r's value as a decimal digit (ASCII or full-width), or -1.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}

// fieldPrefix returns the field rs starts with (title: or title：, any
// case) and how many runes the prefix takes; 0 if none.
func fieldPrefix(rs []rune) (string, int) {
	for _, f := range Fields {
		n := len(f) // ASCII
		if len(rs) > n && (rs[n] == ':' || rs[n] == '：') && strings.EqualFold(string(rs[:n]), f) {
			return f, n + 1
		}
	}
	return "", 0
}

// hasWordChar: a letter, digit or mark, something the index can match.
func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
	}) >= 0
}

// lex cuts the query into tokens. start is true where a clause may start:
// at the beginning, after white space, a parenthesis, an OR bar, a closing
// quote, a leading minus or a field prefix. Only there does - mean NOT and
// title: name a field.
func (p *parser) lex(rs []rune) {
	start := true
	for i := 0; i < len(rs); {
		r, pos := rs[i], i+1
		switch {
		case unicode.IsSpace(r):
			start = true
			i++
		case isOpen(r), isClose(r), isBar(r):
			k := tOpen
			if isClose(r) {
				k = tClose
			} else if isBar(r) {
				k = tOr
			}
			p.toks = append(p.toks, token{kind: k, text: string(r), pos: pos})
			start = true
			i++
		case isQuote(r):
			i = p.phrase(rs, i)
			start = true
		case start && isMinus(r):
			if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) {
				p.note(pos, "lone %c at %d ignored", r, pos)
			} else {
				p.toks = append(p.toks, token{kind: tNot, text: string(r), pos: pos})
			}
			i++
		default:
			if start {
				if f, n := fieldPrefix(rs[i:]); n > 0 {
					p.toks = append(p.toks, token{kind: tField, text: f, pos: pos})
					i += n
					continue
				}
			}
			j := i
			for j < len(rs) && !isDelim(rs[j]) {
				j++
			}
			switch w := string(rs[i:j]); {
			case w == "OR":
				p.toks = append(p.toks, token{kind: tOr, text: w, pos: pos})
			case !hasWordChar(w):
				p.note(pos, "%s at %d ignored: no letters or digits", w, pos)
			default:
				p.toks = append(p.toks, token{kind: tWord, text: w, pos: pos})
			}
			start = false
			i = j
		}
	}
}

// phrase reads the quoted phrase opening at rs[i], and a ~N after it,
// and returns where the next token starts. Any quote mark closes.
func (p *parser) phrase(rs []rune, i int) int {
	pos := i + 1
	j := i + 1
	for j < len(rs) && !isQuote(rs[j]) {
		j++
	}
	text := strings.TrimSpace(string(rs[i+1 : j]))
	if j == len(rs) {
		p.note(pos, "unclosed quote at %d closed at the end", pos)
	} else {
		j++
	}
	slop := 0
	if j < len(rs) && isTilde(rs[j]) {
		tilde := j + 1
		digits := 0
		for j++; j < len(rs) && digit(rs[j]) >= 0; j++ {
			if slop <= MaxSlop {
				slop = slop*10 + digit(rs[j])
			}
			digits++
		}
		switch {
		case digits == 0:
			p.note(tilde, "~ at %d without a number ignored", tilde)
		case slop > MaxSlop:
			p.note(tilde, "~ at %d more than %d: read as ~%d", tilde, MaxSlop, MaxSlop)
			slop = MaxSlop
		}
		if slop > 0 && len(strings.Fields(text)) < 2 {
			p.note(tilde, "~%d at %d on a single word ignored", slop, tilde)
			slop = 0
		}
	}
	if text == "" {
		p.note(pos, "empty quotes at %d ignored", pos)
		return j
	}
	p.toks = append(p.toks, token{kind: tPhrase, text: text, slop: slop, pos: pos})
	return j
}

// balance drops unmatched parentheses (any opening one matches any
// closing one) and refuses nesting deeper than MaxDepth.
func (p *parser) balance() error {
	var open []int
	drop := make([]bool, len(p.toks))
	for i, t := range p.toks {
		switch t.kind {
		case tOpen:
			open = append(open, i)
		case tClose:
			if len(open) == 0 {
				drop[i] = true
				p.note(t.pos, "unmatched %s at %d dropped", t.text, t.pos)
			} else {
				open = open[:len(open)-1]
			}
		}
	}
	for _, i := range open {
		drop[i] = true
		p.note(p.toks[i].pos, "unclosed %s at %d dropped", p.toks[i].text, p.toks[i].pos)
	}
	kept := p.toks[:0]
	depth := 0
	for i, t := range p.toks {
		if drop[i] {
			continue
		}
		switch t.kind {
		case tOpen:
			if depth++; depth > MaxDepth {
				return qerr("parentheses nested deeper than %d at position %d", MaxDepth, t.pos)
			}
		case tClose:
			depth--
		}
		kept = append(kept, t)
	}
	p.toks = kept
	return nil
}

func (p *parser) peek() *token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

// parseAnd reads OR-expressions up to a closing parenthesis or the end.
func (p *parser) parseAnd() []Node {
	var nodes []Node
	for {
		t := p.peek()
		switch {
		case t == nil || t.kind == tClose:
			return nodes
		case t.kind == tOr:
			p.note(t.pos, "%s at %d with nothing before it dropped", t.text, t.pos)
			p.i++
		default:
			if n := p.parseOr(); n != nil {
				nodes = append(nodes, n)
			}
		}
	}
}

// parseOr reads unary (OR unary)*.
func (p *parser) parseOr() Node {
	var nodes []Node
	if n := p.parseUnary(); n != nil {
		nodes = append(nodes, n)
	}
	for {
		t := p.peek()
		if t == nil || t.kind != tOr {
			break
		}
		p.i++
		for t2 := p.peek(); t2 != nil && t2.kind == tOr; t2 = p.peek() {
			p.note(t2.pos, "repeated %s at %d dropped", t2.text, t2.pos)
			p.i++
		}
		if t2 := p.peek(); t2 == nil || t2.kind == tClose {
			p.note(t.pos, "%s at %d with nothing after it dropped", t.text, t.pos)
			break
		}
		if n := p.parseUnary(); n != nil {
			nodes = append(nodes, n)
		}
	}
	return p.or(nodes)
}

// parseUnary reads (- | field:)* primary. Each prefix applies to all that
// follows it: the innermost field wins.
func (p *parser) parseUnary() Node {
	var pre []token
	for t := p.peek(); t != nil && (t.kind == tNot || t.kind == tField); t = p.peek() {
		pre = append(pre, *t)
		p.i++
	}
	n := p.parsePrimary()
	if n == nil {
		for _, t := range pre {
			if t.kind == tField {
				p.note(t.pos, "%s: at %d with nothing after it ignored", t.text, t.pos)
			} else {
				p.note(t.pos, "%s at %d with nothing after it ignored", t.text, t.pos)
			}
		}
		return nil
	}
	for k := len(pre) - 1; k >= 0; k-- {
		if pre[k].kind == tNot {
			n = negate(n)
		} else {
			n = withField(n, pre[k].text)
		}
	}
	return n
}

// parsePrimary reads a word, a phrase or a group; nil for anything else
// (consumed if a group).
func (p *parser) parsePrimary() Node {
	t := p.peek()
	if t == nil {
		return nil
	}
	switch t.kind {
	case tWord, tPhrase:
		p.i++
		return Clause{Text: t.text, Quoted: t.kind == tPhrase, Slop: t.slop, Pos: t.pos}
	case tOpen:
		p.i++
		n := p.and(p.parseAnd())
		if c := p.peek(); c != nil && c.kind == tClose { // balance made sure
			p.i++
		}
		if n == nil {
			p.note(t.pos, "empty parentheses at %d dropped", t.pos)
		}
		return n
	}
	return nil
}

// and joins nodes: nested Ands flatten, one node is itself, none is nil.
func (p *parser) and(nodes []Node) Node {
	var out []Node
	for _, n := range nodes {
		if a, ok := n.(And); ok {
			out = append(out, a.Nodes...)
		} else if n != nil {
			out = append(out, n)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return And{out}
}

// or joins nodes: nested Ors flatten. An exclusion cannot be one of the
// alternatives (A OR -B has no sensible reading in a search box): it is
// dropped with a note, unless all are exclusions: -A OR -B is -(A B).
func (p *parser) or(nodes []Node) Node {
	if len(nodes) == 1 {
		return nodes[0]
	}
	var pos, neg []Node
	for _, n := range nodes {
		if o, ok := n.(Or); ok {
			pos = append(pos, o.Nodes...)
		} else if inner, ok := negated(n); ok {
			neg = append(neg, inner)
		} else if n != nil {
			pos = append(pos, n)
		}
	}
	switch {
	case len(pos) == 0 && len(neg) == 0:
		return nil
	case len(pos) == 0:
		return Not{p.and(neg)}
	}
	for _, n := range neg {
		at := first(n).Pos
		p.note(at, "exclusion at %d inside OR ignored", at)
	}
	if len(pos) == 1 {
		return pos[0]
	}
	return Or{pos}
}

// negated reports whether n matches only by excluding, and what it
// excludes: Not(x) excludes x; an And of Nots only excludes any of theirs.
func negated(n Node) (Node, bool) {
	switch n := n.(type) {
	case Not:
		return n.Node, true
	case And:
		inner := make([]Node, 0, len(n.Nodes))
		for _, c := range n.Nodes {
			x, ok := c.(Not)
			if !ok {
				return nil, false
			}
			inner = append(inner, x.Node)
		}
		var p parser // inners are never exclusions: or notes nothing
		return p.or(inner), true
	}
	return nil, false
}

// negate returns Not(n): a Not of a Not cancels, and -(-A -B) is A OR B.
func negate(n Node) Node {
	if inner, ok := negated(n); ok {
		return inner
	}
	return Not{n}
}

// withField sets the field of the clauses under n that have none.
func withField(n Node, f string) Node {
	switch m := n.(type) {
	case Clause:
		if m.Field == "" {
			m.Field = f
		}
		return m
	case And:
		for i, c := range m.Nodes {
			m.Nodes[i] = withField(c, f)
		}
	case Or:
		for i, c := range m.Nodes {
			m.Nodes[i] = withField(c, f)
		}
	case Not:
		m.Node = withField(m.Node, f)
		return m
	}
	return n
}
