package epaper

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// BenchmarkParse parses each testdata page; the htmlparse baseline is
// golang.org/x/net/html.Parse of the same bytes, the floor for any HTML
// extractor built on a real parser.
func BenchmarkParse(b *testing.B) {
	for _, name := range inputs(b) {
		data := readTestdata(b, name)
		b.Run(name+"/baseline-htmlparse", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := html.Parse(strings.NewReader(string(data))); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/epaper", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_, _ = Parse(name, data)
			}
		})
	}
}

// BenchmarkParseScaling parses people-1.html with its body repeated 1, 4 and
// 16 times: time per byte should stay flat (no super-linear path).
func BenchmarkParseScaling(b *testing.B) {
	data := string(readTestdata(b, "people-1.html"))
	start := strings.Index(data, `<div class="box_con" id="rwb_zw">`)
	end := strings.Index(data, `<div class="zdfy clearfix">`)
	if start < 0 || end < start {
		b.Fatal("people-1.html changed")
	}
	for _, k := range []int{1, 4, 16} {
		page := []byte(data[:end] + strings.Repeat(data[start:end], k-1) + data[end:])
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := Parse("people-1.html", page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
