package bench

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/ingest"
)

// readArticles calls fn for each valid article of a JSON Lines file in the
// README's schema (gzipped when the name ends in .gz), normalised as
// ingest normalises it (article.Normalize: trimmed fields, blank paragraphs
// dropped, id derived when missing), and bad, if not nil, for each line
// that is not one. It skips what ingest.Reader adds on top (bylines taken
// from the body, region tags): the scaler needs neither, and the peer tags
// regions itself; the bylines alone would cost more than the parsing.
func readArticles(ctx context.Context, path string, fn func(*article.Article) error, bad func(line int, err error)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), ingest.MaxLineBytes)
	for line := 1; sc.Scan(); line++ {
		if line%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		a, err := parseArticle(sc.Bytes())
		if err != nil {
			if bad != nil {
				bad(line, err)
			}
			continue
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// parseArticle decodes one record. body may be a string of paragraphs or
// an array of them, page a string or a number.
func parseArticle(line []byte) (*article.Article, error) {
	var rec struct {
		ID, Newspaper, Date, Section, Kicker, Title, Subtitle, URL, Source string
		Page                                                               flexString
		Body                                                               json.RawMessage
	}
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, err
	}
	a := &article.Article{
		ID: rec.ID, Newspaper: rec.Newspaper, Date: rec.Date, Section: rec.Section, Page: string(rec.Page),
		Kicker: rec.Kicker, Title: rec.Title, Subtitle: rec.Subtitle, URL: rec.URL, Source: rec.Source,
	}
	var body string
	if err := json.Unmarshal(rec.Body, &body); err == nil {
		a.Body = strings.Split(body, "\n")
	} else if len(rec.Body) > 0 && string(rec.Body) != "null" {
		if err := json.Unmarshal(rec.Body, &a.Body); err != nil {
			return nil, fmt.Errorf("body is neither a string nor an array of strings")
		}
	}
	if err := a.Normalize(); err != nil {
		return nil, err
	}
	return a, nil
}

// flexString takes a JSON string or number (page "03" or 3).
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("page is neither a string nor a number")
	}
	*f = flexString(n.String())
	return nil
}
