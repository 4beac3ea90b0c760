package qlang

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/baosou/baosou/search"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		q       string
		want    string   // Query.String
		repairs []string // Query.Repairs
	}{
		// empty
		{q: "", want: ""},
		{q: " \u3000\t ", want: ""},
		// words: AND; a run of Chinese is one clause
		{q: "长春", want: "长春"},
		{q: "长春妇联发展", want: "长春妇联发展"},
		{q: "长春 妇联", want: "AND(长春, 妇联)"},
		{q: "长春\u3000妇联", want: "AND(长春, 妇联)"},
		{q: "  长春   妇联  ", want: "AND(长春, 妇联)"},
		{q: "长春，妇联。", want: "长春，妇联。"},
		// phrases
		{q: `"长春 妇联"`, want: `"长春 妇联"`},
		{q: `“长春，妇联”`, want: `"长春，妇联"`},
		{q: `＂长春（一）＂`, want: `"长春（一）"`},
		{q: `"  长春  "`, want: `"长春"`},
		{q: `"a (b) | OR -c title:d"`, want: `"a (b) | OR -c title:d"`},
		{q: `他说“你好”吗`, want: `AND(他说, "你好", 吗)`},
		{q: `"a""b"`, want: `AND("a", "b")`},
		{q: `"长春"-吉林`, want: `AND("长春", NOT(吉林))`},
		// exclusions and the word-internal hyphen
		{q: "长春 -吉林", want: "AND(长春, NOT(吉林))"},
		{q: "长春 －吉林", want: "AND(长春, NOT(吉林))"},
		{q: `长春 -"吉林 冰雪"`, want: `AND(长春, NOT("吉林 冰雪"))`},
		{q: "COVID-19 2019-10", want: "AND(COVID-19, 2019-10)"},
		{q: "长春-吉林", want: "长春-吉林"},
		{q: "a--b c-", want: "AND(a--b, c-)"},
		{q: "长春 --吉林", want: "AND(长春, 吉林)"},
		{q: "长春 (-吉林)", want: "AND(长春, NOT(吉林))"},
		{q: "长春 (-吉林 -冰雪)", want: "AND(长春, NOT(吉林), NOT(冰雪))"},
		{q: "长春 -(吉林 OR 冰雪)", want: "AND(长春, NOT(OR(吉林, 冰雪)))"},
		{q: "长春 -(吉林 -冰雪)", want: "AND(长春, NOT(AND(吉林, NOT(冰雪))))"},
		{q: "-(-吉林 -冰雪)", want: "OR(吉林, 冰雪)"},
		{q: "长春 (-吉林 OR -冰雪)", want: "AND(长春, NOT(AND(吉林, 冰雪)))"},
		// OR binds tighter than AND
		{q: "长春 妇联 OR 妇女 发展", want: "AND(长春, OR(妇联, 妇女), 发展)"},
		{q: "a OR b OR c", want: "OR(a, b, c)"},
		{q: "a|b", want: "OR(a, b)"},
		{q: "a ｜ b", want: "OR(a, b)"},
		{q: "a OR (b OR c)", want: "OR(a, b, c)"},
		{q: "a OR (b c)", want: "OR(a, AND(b, c))"},
		{q: "a or b", want: "AND(a, or, b)"},
		{q: "长春或吉林", want: "长春或吉林"},
		{q: "长春 或 吉林", want: "AND(长春, 或, 吉林)"},
		{q: `"a"OR"b"`, want: `OR("a", "b")`},
		{q: "ORCHID OR", want: "ORCHID", repairs: []string{"OR at 8 with nothing after it dropped"}},
		// groups
		{q: "(长春 OR 吉林) 冰雪", want: "AND(OR(长春, 吉林), 冰雪)"},
		{q: "（长春 OR 吉林）冰雪", want: "AND(OR(长春, 吉林), 冰雪)"},
		{q: "(a b) c", want: "AND(a, b, c)"},
		{q: "((a))", want: "a"},
		{q: "(a）", want: "a"},
		{q: "f(x)", want: "AND(f, x)"},
		// fields
		{q: "title:长春", want: "title:长春"},
		{q: "title：长春", want: "title:长春"},
		{q: "TITLE:长春", want: "title:长春"},
		{q: `author:"徐旭"`, want: `author:"徐旭"`},
		{q: `author:“徐 旭”~3`, want: `author:"徐 旭"~3`},
		{q: "section:要闻 region:长春 newspaper:吉林日报", want: "AND(section:要闻, region:长春, newspaper:吉林日报)"},
		{q: "title:(长春 OR 吉林) 冰雪", want: "AND(OR(title:长春, title:吉林), 冰雪)"},
		{q: "title:(长春 author:徐旭)", want: "AND(title:长春, author:徐旭)"},
		{q: "title:author:徐旭", want: "author:徐旭"},
		{q: "-title:长春 吉林", want: "AND(NOT(title:长春), 吉林)"},
		{q: "title:-长春 吉林", want: "AND(NOT(title:长春), 吉林)"},
		{q: "title: 长春", want: "title:长春"},
		{q: "title:长春:吉林", want: "title:长春:吉林"},
		// not fields
		{q: "http://www.jl.gov.cn", want: "http://www.jl.gov.cn"},
		{q: "12:30 会议", want: "AND(12:30, 会议)"},
		{q: "标题:长春", want: "标题:长春"},
		{q: "subtitle:长春", want: "subtitle:长春"},
		{q: "长春title:吉林", want: "长春title:吉林"},
		// proximity
		{q: `"长春 妇联"~10`, want: `"长春 妇联"~10`},
		{q: `"长春 妇联"～１０`, want: `"长春 妇联"~10`},
		{q: `"长春 妇联"~0`, want: `"长春 妇联"`},
		{q: `"长春 妇联"~10 发展`, want: `AND("长春 妇联"~10, 发展)`},
		{q: `-"长春 妇联"~10 发展`, want: `AND(NOT("长春 妇联"~10), 发展)`},
		{q: `长春~10`, want: `长春~10`},
		// everything
		{q: `长春 妇联 OR 妇女 -"发展" title:长春 "长春 妇联"~10`,
			want: `AND(长春, OR(妇联, 妇女), NOT("发展"), title:长春, "长春 妇联"~10)`},
		// repairs
		{q: `长春 "妇联`, want: `AND(长春, "妇联")`, repairs: []string{"unclosed quote at 4 closed at the end"}},
		{q: `长春 "`, want: `长春`, repairs: []string{"unclosed quote at 4 closed at the end", "empty quotes at 4 ignored"}},
		{q: `长春 "" 吉林`, want: `AND(长春, 吉林)`, repairs: []string{"empty quotes at 4 ignored"}},
		{q: `长春 "　 "`, want: `长春`, repairs: []string{"empty quotes at 4 ignored"}},
		{q: "OR 长春", want: "长春", repairs: []string{"OR at 1 with nothing before it dropped"}},
		{q: "长春 OR", want: "长春", repairs: []string{"OR at 4 with nothing after it dropped"}},
		{q: "长春 OR OR 吉林", want: "OR(长春, 吉林)", repairs: []string{"repeated OR at 7 dropped"}},
		{q: "长春 || 吉林", want: "OR(长春, 吉林)", repairs: []string{"repeated | at 5 dropped"}},
		{q: "(长春 OR) 吉林", want: "AND(长春, 吉林)", repairs: []string{"OR at 5 with nothing after it dropped"}},
		{q: "() 长春", want: "长春", repairs: []string{"empty parentheses at 1 dropped"}},
		{q: "长春 （ ）", want: "长春", repairs: []string{"empty parentheses at 4 dropped"}},
		{q: "人民观察）", want: "人民观察", repairs: []string{"unmatched ） at 5 dropped"}},
		{q: "（人民观察", want: "人民观察", repairs: []string{"unclosed （ at 1 dropped"}},
		{q: "a) (b", want: "AND(a, b)", repairs: []string{"unmatched ) at 2 dropped", "unclosed ( at 4 dropped"}},
		{q: "((a OR b) c", want: "AND(OR(a, b), c)", repairs: []string{"unclosed ( at 1 dropped"}},
		{q: "长春 - 吉林", want: "AND(长春, 吉林)", repairs: []string{"lone - at 4 ignored"}},
		{q: "长春 －", want: "长春", repairs: []string{"lone － at 4 ignored"}},
		{q: "长春 -)", want: "长春", repairs: []string{"- at 4 with nothing after it ignored", "unmatched ) at 5 dropped"}},
		{q: "长春 (-)", want: "长春", repairs: []string{"empty parentheses at 4 dropped", "- at 5 with nothing after it ignored"}},
		{q: "长春 title:", want: "长春", repairs: []string{"title: at 4 with nothing after it ignored"}},
		{q: "长春 OR -吉林", want: "长春", repairs: []string{"exclusion at 8 inside OR ignored"}},
		{q: "长春 OR (-吉林 -冰雪) 雪", want: "AND(长春, 雪)", repairs: []string{"exclusion at 9 inside OR ignored"}},
		{q: `"长春"~ 吉林`, want: `AND("长春", 吉林)`, repairs: []string{"~ at 5 without a number ignored"}},
		{q: `"长春"~x`, want: `AND("长春", x)`, repairs: []string{"~ at 5 without a number ignored"}},
		{q: `"长春"~5`, want: `"长春"`, repairs: []string{"~5 at 5 on a single word ignored"}},
		{q: `"长春 妇联"~1000`, want: `"长春 妇联"~100`, repairs: []string{"~ at 8 more than 100: read as ~100"}},
		{q: `"长春 妇联"~99999999999999999999999`, want: `"长春 妇联"~100`, repairs: []string{"~ at 8 more than 100: read as ~100"}},
		{q: "长春 ， 吉林", want: "AND(长春, 吉林)", repairs: []string{"， at 4 ignored: no letters or digits"}},
		{q: "((((((((a))))))))", want: "a"},
		{q: `长春 "" "" "" "" "" "" "" "" "" ""`, want: "长春", repairs: []string{
			"empty quotes at 4 ignored", "empty quotes at 7 ignored", "empty quotes at 10 ignored", "empty quotes at 13 ignored",
			"empty quotes at 16 ignored", "empty quotes at 19 ignored", "empty quotes at 22 ignored", "empty quotes at 25 ignored",
			"and 2 more"}},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.q, err)
			continue
		}
		if got := q.String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.q, got, tc.want)
		}
		if !reflect.DeepEqual(q.Repairs, tc.repairs) {
			t.Errorf("Parse(%q) repairs %q, want %q", tc.q, q.Repairs, tc.repairs)
		}
		if q2, err := Parse(q.Canonical()); err != nil || q2.String() != q.String() || len(q2.Repairs) > 0 {
			t.Errorf("Parse(%q).Canonical() = %q reads as %v %v %q", tc.q, q.Canonical(), q2, err, q2.Repairs)
		}
	}
}

func TestParseErrors(t *testing.T) {
	many := strings.Repeat("长春 ", MaxClauses)
	for _, tc := range []struct{ q, reason string }{
		{"-长春", "only exclusions, nothing to search for, at position 1"},
		{"  -长春 -吉林", "only exclusions, nothing to search for, at position 3"},
		{"-长春 OR -吉林", "only exclusions, nothing to search for, at position 1"},
		{"(-长春)", "only exclusions, nothing to search for, at position 2"},
		{"-title:长春", "only exclusions, nothing to search for, at position 1"},
		{"-(长春 OR 吉林)", "only exclusions, nothing to search for, at position 1"},
		{"(((((((((a)))))))))", "parentheses nested deeper than 8 at position 9"},
		{"a （（（（（（（（（b）））））））））", "parentheses nested deeper than 8 at position 11"},
		{many + "吉林", "more than 16 words or phrases at position 49"},
		{many + "-吉林", "more than 16 words or phrases at position 50"},
	} {
		q, err := Parse(tc.q)
		var pe *search.ParamError
		if !errors.As(err, &pe) || !errors.Is(err, search.ErrBadRequest) {
			t.Errorf("Parse(%q) = %v, %v: want a ParamError", tc.q, q, err)
			continue
		}
		if pe.Param != "q" || pe.Reason != tc.reason {
			t.Errorf("Parse(%q): %s: %s, want q: %s", tc.q, pe.Param, pe.Reason, tc.reason)
		}
	}
	// at the bounds: no error
	for _, q := range []string{many, strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth), "长春 -吉林"} {
		if _, err := Parse(q); err != nil {
			t.Errorf("Parse(%q): %v", q, err)
		}
	}
}

func TestPositions(t *testing.T) {
	q, err := Parse(`长春 -“吉林 冰雪” title:（妇联 OR 妇女）`)
	if err != nil {
		t.Fatal(err)
	}
	want := []Clause{
		{Text: "长春", Pos: 1},
		{Text: "吉林 冰雪", Quoted: true, Pos: 5},
		{Text: "妇联", Field: "title", Pos: 20},
		{Text: "妇女", Field: "title", Pos: 26},
	}
	if got := q.Clauses(); !reflect.DeepEqual(got, want) {
		t.Errorf("Clauses() = %+v, want %+v", got, want)
	}
	if got := q.Positive(); !reflect.DeepEqual(got, []Clause{want[0], want[2], want[3]}) {
		t.Errorf("Positive() = %+v", got)
	}
	if got := (&Query{}).Clauses(); got != nil {
		t.Errorf("empty Clauses() = %v", got)
	}
}

// TestShape checks the normal form the index relies on: a Not only
// directly inside an And, Ands and Ors of two or more, no Or in an Or, no
// And in an And, an And with something not excluded.
func TestShape(t *testing.T) {
	for _, q := range append(readQueries(t), fuzzSeeds...) {
		p, err := Parse(q)
		if err != nil || p.Root == nil {
			continue
		}
		if _, ok := p.Root.(Not); ok {
			t.Errorf("Parse(%q): root is a Not", q)
		}
		checkShape(t, q, p.Root)
	}
}

func checkShape(t *testing.T, q string, n Node) {
	t.Helper()
	switch n := n.(type) {
	case And:
		pos := 0
		for _, c := range n.Nodes {
			switch c.(type) {
			case And:
				t.Errorf("Parse(%q): And in And", q)
			case Not:
			default:
				pos++
			}
			checkShape(t, q, c)
		}
		if len(n.Nodes) < 2 || pos == 0 {
			t.Errorf("Parse(%q): %s", q, n)
		}
	case Or:
		for _, c := range n.Nodes {
			switch c.(type) {
			case Or, Not:
				t.Errorf("Parse(%q): %s in Or", q, c)
			}
			checkShape(t, q, c)
		}
		if len(n.Nodes) < 2 {
			t.Errorf("Parse(%q): %s", q, n)
		}
	case Not:
		if _, ok := n.Node.(Not); ok {
			t.Errorf("Parse(%q): Not in Not", q)
		}
		checkShape(t, q, n.Node)
	case Clause:
		if strings.TrimSpace(n.Text) == "" || n.Pos < 1 {
			t.Errorf("Parse(%q): clause %+v", q, n)
		}
	}
}
