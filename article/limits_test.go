package article

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestCheckLimits(t *testing.T) {
	ok := func() *Article {
		return &Article{ID: "id", Newspaper: "人民日报", Date: "2020-01-01", Title: "标题", Body: []string{"正文。"}}
	}
	chars := func(n int) string { return strings.Repeat("长", n) }
	cases := []struct {
		name  string
		edit  func(a *Article, over int) // over 0: at the limit, 1: one past it
		field string
		size  int
		limit int
	}{
		{"id", func(a *Article, o int) { a.ID = strings.Repeat("x", MaxIDBytes+o) }, "id", MaxIDBytes + 1, MaxIDBytes},
		{"newspaper", func(a *Article, o int) { a.Newspaper = chars(MaxNewspaperChars + o) }, "newspaper", MaxNewspaperChars + 1, MaxNewspaperChars},
		{"title", func(a *Article, o int) { a.Title = chars(MaxTitleChars + o) }, "title", MaxTitleChars + 1, MaxTitleChars},
		{"kicker", func(a *Article, o int) { a.Kicker = chars(MaxKickerChars + o) }, "kicker", MaxKickerChars + 1, MaxKickerChars},
		{"subtitle", func(a *Article, o int) { a.Subtitle = chars(MaxSubtitleChars + o) }, "subtitle", MaxSubtitleChars + 1, MaxSubtitleChars},
		{"section", func(a *Article, o int) { a.Section = chars(MaxSectionChars + o) }, "section", MaxSectionChars + 1, MaxSectionChars},
		{"page", func(a *Article, o int) { a.Page = strings.Repeat("1", MaxPageChars+o) }, "page", MaxPageChars + 1, MaxPageChars},
		{"source", func(a *Article, o int) { a.Source = chars(MaxSourceChars + o) }, "source", MaxSourceChars + 1, MaxSourceChars},
		{"url", func(a *Article, o int) { a.URL = "http://x/" + strings.Repeat("a", MaxURLBytes-9+o) }, "url", MaxURLBytes + 1, MaxURLBytes},
		{"author name", func(a *Article, o int) { a.Authors = []string{"甲", chars(MaxAuthorChars + o)} }, "author 2", MaxAuthorChars + 1, MaxAuthorChars},
		{"authors", func(a *Article, o int) { a.Authors = make([]string, MaxAuthors+o) }, "authors", MaxAuthors + 1, MaxAuthors},
		{"paragraphs", func(a *Article, o int) { a.Body = make([]string, MaxParagraphs+o) }, "paragraphs", MaxParagraphs + 1, MaxParagraphs},
		{"text", func(a *Article, o int) { a.Title, a.Body = "", []string{strings.Repeat("x", MaxTextBytes+o)} }, "bytes of text", MaxTextBytes + 1, MaxTextBytes},
	}
	for _, c := range cases {
		at := ok()
		c.edit(at, 0)
		if err := CheckLimits(at); err != nil {
			t.Errorf("%s at the limit: %v", c.name, err)
		}
		past := ok()
		c.edit(past, 1)
		err := CheckLimits(past)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s past the limit: %v, want ErrInvalid", c.name, err)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.field) || !strings.Contains(msg, strconv.Itoa(c.size)) || !strings.Contains(msg, strconv.Itoa(c.limit)) || len(msg) > 120 {
			t.Errorf("%s: %q, want the field %q, its size %d and the limit %d, briefly", c.name, msg, c.field, c.size, c.limit)
		}
	}
	ctl := ok()
	ctl.ID = "a\x00b"
	if err := CheckLimits(ctl); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "control character") {
		t.Errorf("control character in id: %v", err)
	}
}

// Normalize quotes a bad id or date, but only the start of a long one.
func TestNormalizeErrorsStayShort(t *testing.T) {
	for _, a := range []Article{
		{ID: strings.Repeat("长 ", 50000), Date: "2020-01-01", Title: "t"},
		{Date: strings.Repeat("9", 70000), Title: "t"},
	} {
		if err := a.Normalize(); !errors.Is(err, ErrInvalid) || len(err.Error()) > 200 {
			t.Errorf("error of %d bytes: %.300v", len(err.Error()), err)
		}
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{{"abc", 3, "abc"}, {"abcd", 3, "abc…"}, {"中文字", 4, "中…"}, {"中文", 2, "…"}} {
		if got := Clip(c.in, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
