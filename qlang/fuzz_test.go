package qlang

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/queries.golden from the current parser")

// readQueries returns the queries of testdata/queries.txt.
func readQueries(t testing.TB) []string {
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if line := s.Text(); line != "" && !strings.HasPrefix(line, "#") {
			qs = append(qs, line)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestGolden parses testdata/queries.txt and compares with
// testdata/queries.golden; -update rewrites the golden file.
func TestGolden(t *testing.T) {
	var b strings.Builder
	for _, q := range readQueries(t) {
		fmt.Fprintf(&b, "q:         %s\n", q)
		p, err := Parse(q)
		if err != nil {
			fmt.Fprintf(&b, "error:     %v\n\n", err)
			continue
		}
		fmt.Fprintf(&b, "tree:      %s\n", p)
		fmt.Fprintf(&b, "canonical: %s\n", p.Canonical())
		for _, r := range p.Repairs {
			fmt.Fprintf(&b, "repair:    %s\n", r)
		}
		b.WriteString("\n")
	}
	const golden = "testdata/queries.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./qlang -update writes it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("golden mismatch (go test ./qlang -update rewrites it):\n%s", diff(string(want), got))
	}
}

// diff names the first line that differs.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, wl, gl)
		}
	}
	return ""
}

var fuzzSeeds = []string{
	"",
	"长春 妇联 OR 妇女 发展",
	`长春 妇联 OR 妇女 -"发展" title:长春 "长春 妇联"~10`,
	`“长春，妇联”~5 －发展`,
	"（长春 OR 吉林）冰雪 人民观察）",
	"title:(长春 OR author:徐旭) -title:-吉林",
	"-(-a -b) (-c OR -d) x",
	"a OR -b OR (c -d) OR (-e -f)",
	`"unclosed ~ ( OR`,
	`"a b"~999999999999999999999 "c"~ "d"~x`,
	"http://x.cn/a?b=c 12:30 TITLE：x",
	"((((((((a))))))))",
	"(((((((((a)))))))))",
	"| OR || ｜ - － -- ( ) （ ） \" ＂ “ ”",
	"COVID-19 a-b- --a -",
	strings.Repeat("a ", 20),
	strings.Repeat("-a ", 20),
	"\xff\xfe 长\x00春",
}

// FuzzParse: Parse never panics; a query it reads is bounded and its
// canonical form reads back to the same tree without repairs.
func FuzzParse(f *testing.F) {
	for _, q := range fuzzSeeds {
		f.Add(q)
	}
	for _, q := range readQueries(f) {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := Parse(q)
		if err != nil {
			return
		}
		if n := len(p.Clauses()); n > MaxClauses {
			t.Fatalf("Parse(%q): %d clauses", q, n)
		}
		if len(p.Positive()) == 0 && p.Root != nil {
			t.Fatalf("Parse(%q) = %s: nothing positive", q, p)
		}
		c := p.Canonical()
		p2, err := Parse(c)
		if err != nil {
			t.Fatalf("Parse(%q).Canonical() = %q: %v", q, c, err)
		}
		if p2.String() != p.String() {
			t.Fatalf("Parse(%q) = %s; its canonical form %q reads as %s", q, p, c, p2)
		}
		if len(p2.Repairs) > 0 {
			t.Fatalf("Parse(%q).Canonical() = %q needs repairs %q", q, c, p2.Repairs)
		}
		if c2 := p2.Canonical(); c2 != c {
			t.Fatalf("Canonical() not stable: %q then %q", c, c2)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	qs := readQueries(b)
	long := strings.Repeat(`长春 "妇联 OR" (a | b) -c title:d `, 30)[:1000]
	qs = append(qs, long)
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			_, _ = Parse(q)
		}
	}
}
