package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"regexp"
	"slices"
	"strings"

	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/service"
)

func runSearch(ctx context.Context, cfg config, q string, out, errw io.Writer) error {
	f := cfg.Search
	if f.Size < 1 || f.Page < 1 {
		return usageErr("--size and --page must be 1 or more")
	}
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	sc.SeedSample = false
	res, err := service.Search(ctx, sc, search.Request{
		Query: q, From: f.From, To: f.To, Sort: f.Sort, Substr: f.Substr, Facets: f.Facets, CountSubstr: true,
		Sections: f.Sections, Regions: f.Regions, Newspapers: f.Newspapers, Authors: f.Authors,
		Page: f.Page, Size: f.Size,
	})
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
	for _, r := range res.Repairs {
		fmt.Fprintf(out, "note: %s\n", r)
	}
	if res.SubstrOnly > 0 {
		fmt.Fprintf(out, "also found only inside other words in %d articles (--substr counts them)\n", res.SubstrOnly)
	}
	printFacets(out, res.Facets)
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
		for _, a := range h.Also {
			fmt.Fprintf(out, "   also: %s %s %s版 id=%s\n", a.Newspaper, a.Date, a.Page, a.ID)
		}
	}
}

// printFacets prints each facet on a line: value (count), most first.
func printFacets(out io.Writer, f *search.Facets) {
	if f == nil {
		return
	}
	for _, row := range []struct {
		name string
		vals []search.FacetValue
	}{{"section", f.Section}, {"region", f.Region}, {"newspaper", f.Newspaper}, {"date (" + f.DateUnit + ")", f.Date}} {
		parts := make([]string, len(row.vals))
		for i, v := range row.vals {
			parts[i] = fmt.Sprintf("%s (%d)", v.Value, v.Count)
		}
		fmt.Fprintf(out, "%s: %s\n", row.name, strings.Join(parts, ", "))
	}
}
