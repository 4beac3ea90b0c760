package highlight

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name    string
		fold    FoldFunc
		text    string
		needles []string
		want    []Span
	}{
		{"longest wins", nil, "长春市人民政府", []string{"长春", "长春市"}, []Span{{0, 9}}},
		{"longest wins, order of needles irrelevant", nil, "长春市人民政府", []string{"长春市", "长春"}, []Span{{0, 9}}},
		{"adjacent merge", nil, "长春市人民政府", []string{"长春", "市"}, []Span{{0, 9}}},
		{"overlapping merge", nil, "长春市人民政府", []string{"长春", "春市人"}, []Span{{0, 12}}},
		{"every occurrence", nil, "长春，长春，长春", []string{"长春"}, []Span{{0, 6}, {9, 15}, {18, 24}}},
		{"overlapping occurrences of one needle", nil, "哈哈哈。", []string{"哈哈"}, []Span{{0, 9}}},
		{"long needle overlapping itself", nil, "哈哈哈哈哈嘿哈哈哈", []string{"哈哈哈"}, []Span{{0, 15}, {18, 27}}},
		{"no match", nil, "长春市", []string{"吉林"}, nil},
		{"empty needles ignored", nil, "长春市", []string{"", "春"}, []Span{{3, 6}}},
		{"no needles", nil, "长春市", nil, nil},
		{"empty text", nil, "", []string{"长春"}, nil},
		{"ascii", nil, "a<b>c", []string{"<b>"}, []Span{{1, 4}}},
		{"full-width folded", testFold, "ＩＢＭ公司", []string{"ibm"}, []Span{{0, 9}}},
		{"needle folded too", testFold, "ＩＢＭ公司", []string{"ＩＢＭ"}, []Span{{0, 9}}},
		{"traditional folded", testFold, "吉林長春", []string{"长春"}, []Span{{6, 12}}},
		{"case folded", testFold, "iPhone上市", []string{"iphone"}, []Span{{0, 6}}},
		{"expansion, match inside the expanded rune", testFold, "ﬁne", []string{"ine"}, []Span{{0, 5}}},
		{"deleted rune inside a match", testFold, "长\u200b春", []string{"长春"}, []Span{{0, 9}}},
		{"needle that folds to nothing", testFold, "长\u200b春", []string{"\u200b"}, nil},
		{"bad fold falls back to identity", badFold, "长春市", []string{"春"}, []Span{{3, 6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(Options{Fold: tt.fold}).Spans(tt.text, tt.needles)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Spans(%q, %q) = %v, want %v", tt.text, tt.needles, got, tt.want)
			}
		})
	}
}

// badFold breaks the FoldFunc contract (offsets too short).
func badFold(s string) (string, []int) { return s, []int{0} }

func TestMark(t *testing.T) {
	tests := []struct {
		name    string
		fold    FoldFunc
		text    string
		needles []string
		want    string
	}{
		{"longest span", nil, "长春市人民政府", []string{"长春", "长春市"}, "<mark>长春市</mark>人民政府"},
		{"merge adjacent", nil, "长春市人民政府", []string{"长春", "市"}, "<mark>长春市</mark>人民政府"},
		{"repeated words", nil, "长春是长春，长春市。", []string{"长春"},
			"<mark>长春</mark>是<mark>长春</mark>，<mark>长春</mark>市。"},
		{"escaping outside and inside marks", nil, `<b>长春</b>&"'`, []string{"长春</b>&"},
			`&lt;b&gt;<mark>长春&lt;/b&gt;&amp;</mark>&#34;&#39;`},
		{"escaping around a mark", nil, "<b>长春</b>&", []string{"长春"},
			"&lt;b&gt;<mark>长春</mark>&lt;/b&gt;&amp;"},
		{"full-width marks the original", testFold, "ＩＢＭ与IBM", []string{"ibm"},
			"<mark>ＩＢＭ</mark>与<mark>IBM</mark>"},
		{"traditional marks the original", testFold, "長春和长春", []string{"长春"},
			"<mark>長春</mark>和<mark>长春</mark>"},
		{"no match is escaped text", nil, "a&b", []string{"c"}, "a&amp;b"},
		{"invalid UTF-8 becomes U+FFFD", nil, "长\xff春", []string{"春"}, "长\uFFFD<mark>春</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(Options{Fold: tt.fold}).Mark(tt.text, tt.needles)
			if got != tt.want {
				t.Errorf("Mark(%q, %q)\n got %s\nwant %s", tt.text, tt.needles, got, tt.want)
			}
			if strings.Contains(got, "</mark><mark>") {
				t.Errorf("adjacent marks in %s", got)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	h := New(Options{FragmentChars: -1})
	if h.fragChars != DefaultFragmentChars || h.maxFrags != DefaultMaxFragments {
		t.Errorf("defaults: got %d chars, %d fragments", h.fragChars, h.maxFrags)
	}
}
