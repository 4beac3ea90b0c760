package ingest

import (
	"context"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/epaper"
)

// Layout pages name the sections (版面) of an issue's pages: 01 → 要闻. The
// store keeps those names per issue, articles of that issue without a
// section get theirs from it, whichever of the two is ingested first.

// layout records what a layout page says and gives its section names to
// the stored articles of that issue that lack one.
func (in *Ingester) layout(ctx context.Context, l *epaper.Layout) error {
	sections := map[string]string{}
	for _, p := range l.Pages {
		if p.Section != "" {
			sections[article.PageKey(p.Page)] = p.Section
		}
	}
	if l.Section != "" {
		sections[article.PageKey(l.Page)] = l.Section
	}
	if len(sections) == 0 {
		return nil
	}
	if err := in.Store.AddSections(ctx, l.Newspaper, l.Date, sections); err != nil {
		return err
	}
	// Queued articles of this issue are stored first, so they are seen below.
	if err := in.flush(ctx); err != nil {
		return err
	}
	stored, err := in.Store.SameIssue(ctx, l.Newspaper, l.Date)
	if err != nil {
		return err
	}
	for _, a := range stored {
		if sec, ok := sections[article.PageKey(a.Page)]; ok && a.Section == "" {
			a.Section = sec
			in.queue = append(in.queue, &pending{a: a, sectioned: true})
		}
	}
	return in.flush(ctx)
}

// fillSection gives an article without a section the one its issue's
// layout pages named for its page.
func (in *Ingester) fillSection(ctx context.Context, a *article.Article) error {
	if a.Section != "" || a.Page == "" {
		return nil
	}
	sections, err := in.Store.Sections(ctx, a.Newspaper, a.Date)
	if err != nil {
		return err
	}
	a.Section = sections[article.PageKey(a.Page)]
	return nil
}
