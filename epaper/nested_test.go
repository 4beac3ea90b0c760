package epaper

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// A page of deeply nested author elements parses in bounded time.
func TestNestedAuthorElementsStayFast(t *testing.T) {
	body := strings.Repeat("<p>"+strings.Repeat("长春市人民政府发布通知，市民反映良好。", 40)+"</p>", 80)
	page := "<html><head><title>测试</title></head><body><h1>标题</h1><p>2019-06-15</p>" +
		strings.Repeat(`<div class="author">`, 500) + body + strings.Repeat("</div>", 500) + "</body></html>"
	start := time.Now()
	_, _ = Parse("nested.html", []byte(page))
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("parse took %v", d)
	}
}

// deepPage nests n elements of tag around an article's text.
func deepPage(tag string, n int) []byte {
	body := strings.Repeat("长春市人民政府发布通知，市民反映良好。", 20)
	return []byte("<html><head><title>测试</title></head><body><h1>标题</h1><p>2019-06-15</p>" +
		strings.Repeat("<"+tag+">", n) + "<p>" + body + "</p>" + strings.Repeat("</"+tag+">", n) + "</body></html>")
}

// A page nested deeper than MaxDepth is refused promptly, naming the file
// and the depth; a page just inside the limit parses.
func TestDeepNestingIsRefusedPromptly(t *testing.T) {
	for _, tag := range []string{"div", "font", "b"} {
		start := time.Now()
		_, err := Parse("deep.html", deepPage(tag, 200_000))
		took := time.Since(start)
		t.Logf("%s nested 200,000 deep: %v", tag, took)
		// The parser stops at MaxDepth: a few tens of milliseconds. The depth
		// counts html, body, the nest and the innermost p.
		if took > 2*time.Second {
			t.Errorf("%s: took %v", tag, took)
		}
		if !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "deep.html") || !strings.Contains(err.Error(), "200003 deep") {
			t.Errorf("%s: %v, want ErrTooDeep naming the file and the depth", tag, err)
		}
		if _, err := Parse("ok.html", deepPage(tag, MaxDepth-10)); err != nil {
			t.Errorf("%s nested %d deep: %v", tag, MaxDepth-10, err)
		}
	}
}
