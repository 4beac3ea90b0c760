package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
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
		fmt.Fprintf(out, "\n%d. %s\n   %s  %s  %s版  %s  id=%s\n", i+1, title, h.Newspaper, h.Date, h.Page, strings.Join(h.Regions, " "), h.ID)
		for _, s := range h.Highlights.Body {
			fmt.Fprintf(out, "   … %s\n", plain(s))
		}
	}
}
