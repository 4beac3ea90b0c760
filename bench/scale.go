package bench

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ScaleConfig is what `baosou-bench scale` is told.
type ScaleConfig struct {
	In      string  // real corpus (JSON Lines, optionally .gz)
	Out     string  // output file; .gz is gzipped; "-" is stdout
	N       int     // articles to write
	Seed    uint64  // picks everything but the held-out set
	Holdout Holdout // which real titles never reach the output
}

// Synthetic dates are drawn uniformly from this span.
var (
	firstDate = time.Date(1949, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
)

// record is one output line in the JSON Lines schema of the README.
type record struct {
	ID        string `json:"id"`
	Newspaper string `json:"newspaper"`
	Date      string `json:"date"`
	Section   string `json:"section"`
	Page      string `json:"page"`
	Kicker    string `json:"kicker,omitempty"`
	Title     string `json:"title"`
	Subtitle  string `json:"subtitle,omitempty"`
	Body      string `json:"body"`
	Source    string `json:"source"`
}

// Scale writes a synthetic archive of cfg.N articles to cfg.Out, saying on
// note (stderr) that it is derived.
func Scale(ctx context.Context, cfg ScaleConfig, note io.Writer) (err error) {
	if cfg.N <= 0 {
		return fmt.Errorf("scale: --n must be positive, got %d", cfg.N)
	}
	src, err := LoadSource(ctx, cfg.In, cfg.Holdout)
	if err != nil {
		return fmt.Errorf("scale: %w", err)
	}
	fmt.Fprintf(note, "baosou-bench scale: writing %d SYNTHETIC articles to %s, derived from %s (%d real articles): "+
		"real titles and paragraphs recombined under new ids (syn-%d-N), dates 1949–2024, pages and sections; "+
		"%d titles held out for queries (holdout seed %d, %.0f%%). These are not real articles.\n",
		cfg.N, cfg.Out, cfg.In, src.Articles, cfg.Seed, len(src.HeldOut), cfg.Holdout.Seed, cfg.Holdout.Fraction*100)
	w, closeOut, err := createOut(cfg.Out)
	if err != nil {
		return fmt.Errorf("scale: %w", err)
	}
	defer func() { err = errors.Join(err, closeOut()) }()
	if err := WriteSynthetic(ctx, src, cfg.N, cfg.Seed, w); err != nil {
		return fmt.Errorf("scale: write %s: %w", cfg.Out, err)
	}
	return nil
}

// WriteSynthetic streams n synthetic articles recombined from src to w,
// one JSON object a line. Only one article is built at a time.
func WriteSynthetic(ctx context.Context, src *Source, n int, seed uint64, w io.Writer) error {
	rng := rand.New(rand.NewPCG(seed, 0x5ca1e))
	days := int(lastDate.Sub(firstDate).Hours()/24) + 1
	provenance := fmt.Sprintf("synthetic: recombined from %s paragraphs, seed %d", src.Name, seed)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var body strings.Builder
	for i := 1; i <= n; i++ {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		h := src.Heads[rng.IntN(len(src.Heads))]
		date := firstDate.AddDate(0, 0, rng.IntN(days))
		page, section := PageSection(1 + rng.IntN(Pages))
		k := src.ParaCounts[rng.IntN(len(src.ParaCounts))]
		body.Reset()
		for j := range k {
			if j > 0 {
				body.WriteByte('\n')
			}
			body.WriteString(src.Paragraphs[rng.IntN(len(src.Paragraphs))])
		}
		rec := record{
			ID: fmt.Sprintf("syn-%d-%d", seed, i), Newspaper: "人民日报", Date: date.Format("2006-01-02"),
			Section: section, Page: page, Kicker: h.Kicker, Title: h.Title, Subtitle: h.Subtitle,
			Body: body.String(), Source: provenance,
		}
		if err := enc.Encode(&rec); err != nil {
			return err
		}
	}
	return nil
}

// createOut opens path for writing, gzipped when it ends in .gz; "-" is
// stdout. The returned close flushes everything.
func createOut(path string) (io.Writer, func() error, error) {
	var f io.WriteCloser = nopCloser{os.Stdout}
	if path != "-" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, nil, err
		}
		var err error
		if f, err = os.Create(path); err != nil {
			return nil, nil, err
		}
	}
	// BestSpeed: at 1M articles the default level costs minutes of one core
	// for files that are only scratch input.
	var gz *gzip.Writer
	var sink io.Writer = f
	if strings.HasSuffix(path, ".gz") {
		gz, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		sink = gz
	}
	bw := bufio.NewWriterSize(sink, 1<<20)
	return bw, func() error {
		err := bw.Flush()
		if gz != nil {
			err = errors.Join(err, gz.Close())
		}
		return errors.Join(err, f.Close())
	}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
