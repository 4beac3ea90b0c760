package epaper

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/baosou/baosou/article"
)

// Kind tells what a parsed page holds.
type Kind string

const (
	KindArticle Kind = "article" // one article
	KindLayout  Kind = "layout"  // a layout page (版面): page list and headlines
)

// PageRef is one page of an issue as listed on a layout page: 01版 → 要闻.
type PageRef struct {
	Page    string `json:"page"`
	Section string `json:"section"`
	URL     string `json:"url,omitempty"`
}

// Headline is one article listed on a layout page.
type Headline struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Layout is a layout page (版面页) of an e-paper.
type Layout struct {
	Newspaper string     `json:"newspaper"`
	Date      string     `json:"date"`
	Page      string     `json:"page"`
	Section   string     `json:"section"`
	Pages     []PageRef  `json:"pages,omitempty"`     // every page of the issue listed on the page
	Headlines []Headline `json:"headlines,omitempty"` // the articles on this page
}

// Result is what Parse found in one file.
type Result struct {
	Kind        Kind             `json:"kind"`
	Article     *article.Article `json:"article,omitempty"` // KindArticle: Normalize()d, ID derived
	Layout      *Layout          `json:"layout,omitempty"`  // KindLayout
	OtherTitles []string         `json:"other_titles,omitempty"`
	Charset     string           `json:"charset"` // what the bytes were decoded as
}

// MaxSize is the largest file Parse reads; longer input is cut there and,
// for HTML, reported as ErrTruncated. It keeps every parse bounded.
const MaxSize = 8 << 20

// Parse parses one saved page. name identifies the file in errors and is
// kept as the article's Source. It sniffs the format: HTML (a Founder
// article page, a Founder layout page, or an ordinary news article page) or
// a plain-text dump of a Founder article page. Failures wrap one of the
// Err* kinds with the file name.
func Parse(name string, data []byte) (*Result, error) {
	if len(data) > MaxSize {
		data = data[:MaxSize]
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}))) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	}
	if isBinary(data) {
		return nil, fmt.Errorf("parse %s: %w", name, ErrBinary)
	}
	htmlish := looksHTML(data)
	declared := ""
	if htmlish {
		declared = declaredCharset(data)
	}
	text, charset, err := Decode(data, declared)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("parse %s: %w", name, ErrEmpty)
	}
	var res *Result
	if htmlish {
		res, err = parseHTML(name, text)
	} else {
		res, err = parseText(name, text)
	}
	if err != nil {
		return nil, err
	}
	res.Charset = charset
	return res, nil
}

// looksHTML sniffs HTML from the first bytes: a doctype or one of the
// document-level tags.
func looksHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 4096)])
	head = bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<?xml"} {
		if bytes.Contains(head, []byte(tag)) {
			return true
		}
	}
	return bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("</"))
}

// binarySignatures are file types people save next to pages by mistake.
var binarySignatures = [][]byte{
	[]byte("%PDF-"), []byte("\x89PNG"), []byte("\xff\xd8\xff"), []byte("GIF8"),
	[]byte("\x1f\x8b"), []byte("PK\x03\x04"), []byte("\x7fELF"),
}

// isBinary reports bytes that are not text: a known binary signature, a NUL
// byte, or many control bytes in the first 8 KiB. UTF-16 with a byte order
// mark is text.
func isBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return false
	}
	for _, sig := range binarySignatures {
		if bytes.HasPrefix(data, sig) {
			return true
		}
	}
	head := data[:min(len(data), 8192)]
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		}
	}
	return ctl*20 > len(head) // more than 5%
}
