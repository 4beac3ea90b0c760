package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/baosou/baosou/search"
)

func runSearch(ctx context.Context, cfg config, q string, out io.Writer) error {
	if err := requireData(cfg.Data); err != nil {
		return err
	}
	a, err := openApp(ctx, cfg.Data, cfg.Snippet, newLogger(cfg, os.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	f := cfg.Search
	if f.Size < 1 || f.Page < 1 {
		return usageErr("--size and --page must be 1 or more")
	}
	res, err := a.index.Search(ctx, search.Request{Query: q, From: f.From, To: f.To, Section: f.Section, Region: f.Region, Page: f.Page, Size: f.Size})
	if err != nil {
		return err
	}
	if cfg.JSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printHits(out, res)
	return nil
}

var markTag = regexp.MustCompile(`</?mark>`)

// printHits renders results for a terminal: marks become 【】.
func printHits(out io.Writer, res *search.Result) {
	fmt.Fprintf(out, "%d articles (%d ms)\n", res.Total, res.TookMS)
	plain := func(s string) string {
		s = markTag.ReplaceAllStringFunc(s, func(t string) string {
			if t == "<mark>" {
				return "【"
			}
			return "】"
		})
		return html.UnescapeString(s)
	}
	for i, h := range res.Hits {
		title := h.Title
		if h.Highlights.Title != "" {
			title = plain(h.Highlights.Title)
		}
		meta := []string{h.Newspaper, h.Date}
		if h.Page != "" {
			meta = append(meta, h.Page+"版")
		}
		meta = append(meta, h.Section, strings.Join(h.Regions, " "), "id="+h.ID)
		fmt.Fprintf(out, "\n%d. %s\n   %s\n", i+1, title, strings.Join(slices.DeleteFunc(meta, func(s string) bool { return s == "" }), "  "))
		for _, s := range h.Highlights.Body {
			fmt.Fprintf(out, "   … %s\n", plain(s))
		}
	}
}
