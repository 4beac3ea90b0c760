package qlang

import (
	"strconv"
	"strings"
)

// Node is And, Or, Not or Clause. The tree holds these as values, never
// as pointers, so a type switch reads `case And:`, `case Clause:` and so on.
//
// A tree from Parse is normalised: an And has two or more nodes, at least
// one of them not a Not, and no And among them; an Or has two or more
// nodes, none of them an Or or a Not; a Not never holds a Not. So a Not
// only ever stands directly inside an And (a must-not beside the musts),
// and the root is never a Not.
type Node interface{ node() }

// And matches what every one of its nodes matches.
type And struct{ Nodes []Node }

// Or matches what any one of its nodes matches.
type Or struct{ Nodes []Node }

// Not excludes what its node matches.
type Not struct{ Node Node }

// Clause is one leaf.
type Clause struct {
	Text   string // as typed, without quotes; for proximity, the quoted text
	Quoted bool   // "…": an exact substring, punctuation included
	Field  string // "" (all text), "title", "author", "section", "region", "newspaper"
	Slop   int    // proximity in characters ("…"~N); 0: none
	Pos    int    // 1-based rune offset of the clause in the query, for messages
}

func (And) node()    {}
func (Or) node()     {}
func (Not) node()    {}
func (Clause) node() {}

// Query is a parsed query.
type Query struct {
	Root    Node     // nil: no words (list by date)
	Repairs []string // how a malformed query was read
}

// Clauses returns the leaf clauses in order (positive and negative), for
// highlighting and bounds.
func (q *Query) Clauses() []Clause {
	var out []Clause
	walk(q.Root, true, &out)
	return out
}

// Positive returns the leaf clauses that are not under a Not (what to
// highlight).
func (q *Query) Positive() []Clause {
	var out []Clause
	walk(q.Root, false, &out)
	return out
}

// walk appends the clauses under n in order; all: those under a Not too.
func walk(n Node, all bool, out *[]Clause) {
	switch n := n.(type) {
	case Clause:
		*out = append(*out, n)
	case And:
		for _, c := range n.Nodes {
			walk(c, all, out)
		}
	case Or:
		for _, c := range n.Nodes {
			walk(c, all, out)
		}
	case Not:
		if all {
			walk(n.Node, all, out)
		}
	}
}

// String is the tree in a compact form, for tests and logs:
// AND(长春, OR(妇联, 妇女), NOT("发展"), title:长春, "长春 妇联"~10).
// An empty query is "".
func (q *Query) String() string {
	if q == nil || q.Root == nil {
		return ""
	}
	return NodeString(q.Root)
}

// NodeString is one node in the form of Query.String.
func NodeString(n Node) string {
	var b strings.Builder
	tree(&b, n)
	return b.String()
}

func (n And) String() string    { return NodeString(n) }
func (n Or) String() string     { return NodeString(n) }
func (n Not) String() string    { return NodeString(n) }
func (c Clause) String() string { return NodeString(c) }

func tree(b *strings.Builder, n Node) {
	list := func(name string, nodes []Node) {
		b.WriteString(name)
		b.WriteByte('(')
		for i, c := range nodes {
			if i > 0 {
				b.WriteString(", ")
			}
			tree(b, c)
		}
		b.WriteByte(')')
	}
	switch n := n.(type) {
	case Clause:
		clause(b, n)
	case And:
		list("AND", n.Nodes)
	case Or:
		list("OR", n.Nodes)
	case Not:
		list("NOT", []Node{n.Node})
	}
}

// clause writes c as the query language writes it: title:"长春 妇联"~10.
func clause(b *strings.Builder, c Clause) {
	if c.Field != "" {
		b.WriteString(c.Field)
		b.WriteByte(':')
	}
	if !c.Quoted {
		b.WriteString(c.Text)
		return
	}
	b.WriteByte('"')
	b.WriteString(c.Text)
	b.WriteByte('"')
	if c.Slop > 0 {
		b.WriteByte('~')
		b.WriteString(strconv.Itoa(c.Slop))
	}
}

// Canonical returns the query in the query language, written the one
// way Parse reads back to the same tree: `长春 妇联 OR 妇女 -"发展"`. An
// empty query is "".
func (q *Query) Canonical() string {
	if q == nil || q.Root == nil {
		return ""
	}
	var b strings.Builder
	canon(&b, q.Root)
	return b.String()
}

func canon(b *strings.Builder, n Node) {
	group := func(n Node) {
		b.WriteByte('(')
		canon(b, n)
		b.WriteByte(')')
	}
	switch n := n.(type) {
	case Clause:
		clause(b, n)
	case And:
		// OR binds tighter than the implicit AND: no parentheses needed.
		for i, c := range n.Nodes {
			if i > 0 {
				b.WriteByte(' ')
			}
			canon(b, c)
		}
	case Or:
		for i, c := range n.Nodes {
			if i > 0 {
				b.WriteString(" OR ")
			}
			if _, ok := c.(And); ok {
				group(c)
			} else {
				canon(b, c)
			}
		}
	case Not:
		b.WriteByte('-')
		if _, ok := n.Node.(Clause); ok {
			canon(b, n.Node)
		} else {
			group(n.Node)
		}
	}
}
