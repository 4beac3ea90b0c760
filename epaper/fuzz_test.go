package epaper

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// parseBound is how long one Parse of a fuzz input may take. Uninstrumented,
// the largest testdata page (52 KB) parses in under 25 ms and time grows
// linearly with size (see BenchmarkParseScaling); fuzzing instrumentation and
// two busy workers slow that by an order of magnitude, so the bound only
// catches hangs and super-linear blow-ups.
const parseBound = 10 * time.Second

func addSeeds(f *testing.F) {
	for _, name := range inputs(f) {
		data := readTestdata(f, name)
		f.Add(data)
		if gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data); err == nil {
			f.Add(gb)
		}
		f.Add(data[:len(data)/3])
	}
	f.Add([]byte{})
	f.Add([]byte("\xef\xbb\xbf<html><body><p>（记者杜一菲）</p></body></html>"))
	f.Add(deepPage("font", MaxDepth+1))
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		res, err := Parse("fuzz.page", data)
		if took := time.Since(start); took > parseBound {
			t.Fatalf("Parse took %v on %d bytes", took, len(data))
		}
		if err != nil {
			for _, kind := range allKinds {
				if errors.Is(err, kind) {
					return
				}
			}
			t.Fatalf("error %v is none of the error kinds", err)
		}
		switch res.Kind {
		case KindArticle:
			a := res.Article
			if a == nil || res.Layout != nil {
				t.Fatalf("article result without exactly one article")
			}
			if _, err := a.Time(); err != nil || a.ID == "" || (a.Title == "" && len(a.Body) == 0) {
				t.Fatalf("article not normalized: %+v", a)
			}
			for _, s := range append(append([]string{a.Title, a.Kicker, a.Newspaper}, a.Body...), a.Authors...) {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
		case KindLayout:
			if res.Layout == nil || res.Article != nil || res.Layout.Date == "" {
				t.Fatalf("layout result without a dated layout")
			}
		default:
			t.Fatalf("unknown kind %q", res.Kind)
		}
	})
}

func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, declared := range []string{"", "gb2312", "big5"} {
			text, cs, err := Decode(data, declared)
			if err != nil {
				if !errors.Is(err, ErrEncoding) {
					t.Fatalf("error %v is not ErrEncoding", err)
				}
				continue
			}
			if !utf8.ValidString(text) {
				t.Fatalf("Decode gave invalid UTF-8 (%s)", cs)
			}
			if utf8.Valid(data) && (cs != CharsetUTF8 || text != strings.TrimPrefix(string(data), "\ufeff")) {
				t.Fatalf("valid UTF-8 decoded as %s", cs)
			}
		}
	})
}

func FuzzBylines(f *testing.F) {
	for _, name := range inputs(f) {
		for _, l := range strings.Split(string(readTestdata(f, name)), "\n") {
			if strings.ContainsAny(l, "□记者摄（") && len(l) < 400 {
				f.Add(l)
			}
		}
	}
	for _, l := range []string{"本报记者  贺  勇摄", "（据新华社2月5日电  记者汪奥娜、杨绍功、陶冶）", "(文/图 刘玺东 易赛楠)", "记者手记"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Split(text, "\n")
		authors, rest := Bylines(lines)
		if len(rest) > len(lines) {
			t.Fatalf("rest has %d lines, input %d", len(rest), len(lines))
		}
		// rest is lines with some removed, in order.
		j := 0
		for _, r := range rest {
			for j < len(lines) && lines[j] != r {
				j++
			}
			if j == len(lines) {
				t.Fatalf("rest line %q is not an input line in order", r)
			}
			j++
		}
		seen := map[string]bool{}
		for _, a := range authors {
			if !isName(a) || seen[a] || !strings.Contains(hanOnly(text), hanOnly(a)) {
				t.Fatalf("author %q is not a name from the input (or repeated): %q", a, authors)
			}
			seen[a] = true
		}
	})
}

// hanOnly keeps the Han characters of s: names are compared without the
// padding and separators print puts inside them.
func hanOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// inlineBylinesUnfiltered is inlineBylines without the checks that skip
// its expressions: what it must equal on every line.
func inlineBylinesUnfiltered(line string) []string {
	return append(parenBylines(line), tailCredit(strings.TrimSpace(line))...)
}

func FuzzInlineBylinesSkipsExactly(f *testing.F) {
	for _, l := range []string{"本报记者  贺  勇摄", "…景区。 本报记者  贺  勇摄\u3000", "画面 严贵旺摄影报道 ", "（记者杜一菲）正文", "(文/图 刘玺东 易赛楠)", "记者手记", "张三摄影\t", "新华社记者金立旺摄影报道"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := inlineBylines(line), inlineBylinesUnfiltered(line); !slices.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", line, got, want)
		}
	})
}
