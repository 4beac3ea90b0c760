package highlight

import (
	"html"
	"strings"
	"testing"
)

var benchNeedles = []string{"查干湖", "吉林", "湿地"}

// benchText repeats the testdata article to at least n bytes.
func benchText(b *testing.B, n int) string {
	text := readTestdata(b, "chagan.txt")
	return strings.Repeat(text, n/len(text)+1)[:n]
}

// BenchmarkBaseline is the floor any highlighter pays on the same 30 KB
// text: escaping it once and one strings.Index scan per needle.
func BenchmarkBaseline(b *testing.B) {
	text := benchText(b, 30<<10)
	b.Run("escape", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			_ = html.EscapeString(text)
		}
	})
	b.Run("index3", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			for _, n := range benchNeedles {
				for i := 0; ; {
					j := strings.Index(text[i:], n)
					if j < 0 {
						break
					}
					i += j + len(n)
				}
			}
		}
	})
}

func BenchmarkSnippets(b *testing.B) {
	for _, c := range []struct {
		name string
		size int
		fold FoldFunc
	}{
		{"1KB", 1 << 10, nil},
		{"30KB", 30 << 10, nil},
		{"30KB-testfold", 30 << 10, testFold},
	} {
		text := benchText(b, c.size)
		h := New(Options{Fold: c.fold})
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				_ = h.Snippets(text, benchNeedles)
			}
		})
	}
}

func BenchmarkMark(b *testing.B) {
	text := benchText(b, 30<<10)
	h := New(Options{})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = h.Mark(text, benchNeedles)
	}
}

// BenchmarkSnippetsManyNeedles: 30 needles, many of them frequent (水, 湖).
func BenchmarkSnippetsManyNeedles(b *testing.B) {
	text := benchText(b, 30<<10)
	needles := strings.Fields("查干湖 吉林 湿地 水 湖 鱼 河湖连通 西部 洪水 张文 游客 平方公里 生态 " +
		"白鹤 候鸟 松原 镇赉县 莫莫格 农田 灌溉 旅游 收入 增长 春节 冬捕 渔工 水质 松花江 嫩江 霍林河")
	h := New(Options{})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = h.Snippets(text, needles)
	}
}

// BenchmarkPathological: inputs that would be quadratic in a naive
// highlighter: 10,000 repeated 哈 with overlapping needles, and 10,000 tiny
// sentences each holding a match.
func BenchmarkPathological(b *testing.B) {
	cases := []struct {
		name    string
		text    string
		needles []string
	}{
		{"ha10k", strings.Repeat("哈", 10000), []string{"哈", "哈哈", "哈哈哈哈哈哈哈哈"}},
		{"sentences10k", strings.Repeat("哈。", 10000), []string{"哈"}},
		{"sparse10k", strings.Repeat("哈嘿", 10000), []string{"哈"}},
	}
	for _, c := range cases {
		h := New(Options{})
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				_ = h.Snippets(c.text, c.needles)
			}
		})
	}
}
