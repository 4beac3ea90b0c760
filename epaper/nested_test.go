package epaper

import (
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
