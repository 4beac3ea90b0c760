package bench

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/ingest"
)

const excerpt = "testdata/rmrb-excerpt.jsonl"

// testHoldout holds out enough of the small excerpt to test with.
var testHoldout = Holdout{Seed: 7, Fraction: 0.2}

func loadExcerpt(t *testing.T) *Source {
	t.Helper()
	src, err := LoadSource(context.Background(), excerpt, testHoldout)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.HeldOut) == 0 || len(src.Heads) == 0 {
		t.Fatalf("excerpt split badly: %d held out, %d kept", len(src.HeldOut), len(src.Heads))
	}
	return src
}

func TestHoldoutIsByTitle(t *testing.T) {
	src := loadExcerpt(t)
	held := map[string]bool{}
	for _, h := range src.HeldOut {
		held[h] = true
	}
	for _, h := range src.Heads {
		if held[h.Title] {
			t.Errorf("title %q is both held out and kept", h.Title)
		}
	}
	// The same seed and fraction choose the same titles whatever else runs.
	again, err := LoadSource(context.Background(), excerpt, testHoldout)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again.HeldOut) != fmt.Sprint(src.HeldOut) {
		t.Errorf("held-out titles differ between two loads")
	}
	if n := len(src.HeldOut); n < 3 || n > 20 {
		t.Errorf("%d of about 42 titles held out at fraction 0.2", n)
	}
}

func TestWriteSyntheticDeterministic(t *testing.T) {
	src := loadExcerpt(t)
	var a, b, c bytes.Buffer
	for _, run := range []struct {
		buf  *bytes.Buffer
		seed uint64
	}{{&a, 1}, {&b, 1}, {&c, 2}} {
		if err := WriteSynthetic(context.Background(), src, 200, run.seed, run.buf); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed wrote different archives")
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("seeds 1 and 2 wrote the same archive")
	}
	if n := bytes.Count(a.Bytes(), []byte("\n")); n != 200 {
		t.Errorf("wrote %d lines, want 200", n)
	}
}

// TestScaleOutput writes a gzipped archive and reads it back through the
// project's own ingest reader: every record must be valid, synthetic, and
// free of held-out titles.
func TestScaleOutput(t *testing.T) {
	src := loadExcerpt(t)
	out := filepath.Join(t.TempDir(), "syn.jsonl.gz")
	var note bytes.Buffer
	cfg := ScaleConfig{In: excerpt, Out: out, N: 500, Seed: 3, Holdout: testHoldout}
	if err := Scale(context.Background(), cfg, &note); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note.String(), "SYNTHETIC") || !strings.Contains(note.String(), "not real articles") {
		t.Errorf("stderr note does not say the output is derived: %s", note.String())
	}
	held := map[string]bool{}
	for _, h := range src.HeldOut {
		held[h] = true
	}
	paragraphs := map[string]bool{}
	for _, p := range src.Paragraphs {
		paragraphs[p] = true
	}
	first, last := "1949-01-01", "2024-12-31"
	var problems []string
	n := 0
	rd := &ingest.Reader{Problem: func(p ingest.Problem) error { problems = append(problems, p.String()); return nil }}
	err := rd.Read(context.Background(), []string{out}, func(it ingest.Item) error {
		a := it.Article
		n++
		if want := fmt.Sprintf("syn-3-%d", n); a.ID != want {
			t.Errorf("record %d has id %q, want %q", n, a.ID, want)
		}
		if held[a.Title] {
			t.Errorf("%s: held-out title %q in the output", a.ID, a.Title)
		}
		if a.Date < first || a.Date > last {
			t.Errorf("%s: date %s outside %s..%s", a.ID, a.Date, first, last)
		}
		if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
			t.Errorf("%s: %v", a.ID, err)
		}
		var p int
		if _, err := fmt.Sscanf(a.Page, "%d", &p); err != nil || p < 1 || p > Pages || len(a.Page) != 2 {
			t.Errorf("%s: page %q", a.ID, a.Page)
		} else if _, sec := PageSection(p); a.Section != sec {
			t.Errorf("%s: page %s has section %q, want %q", a.ID, a.Page, a.Section, sec)
		}
		if a.Source != "synthetic: recombined from rmrb-excerpt paragraphs, seed 3" {
			t.Errorf("%s: source %q", a.ID, a.Source)
		}
		for _, para := range a.Body {
			if !paragraphs[para] {
				t.Errorf("%s: paragraph not from a kept article: %.40s", a.ID, para)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("the ingest reader rejected output: %v", problems)
	}
	if n != 500 {
		t.Errorf("read %d records, want 500", n)
	}
}

// TestWriteSyntheticStreams checks that the archive goes to the writer as
// it is made: memory must not grow with the number of articles.
func TestWriteSyntheticStreams(t *testing.T) {
	src := loadExcerpt(t)
	w := &countingWriter{}
	if err := WriteSynthetic(context.Background(), src, 3000, 1, w); err != nil {
		t.Fatal(err)
	}
	// encoding/json writes each record with one Write call.
	if w.writes != 3000 {
		t.Errorf("%d writes for 3000 records, want one each", w.writes)
	}
	if w.max > 64<<10 {
		t.Errorf("largest write %d bytes: records are being buffered", w.max)
	}
}

type countingWriter struct{ writes, max int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	w.max = max(w.max, len(p))
	return len(p), nil
}

func TestScaleCancel(t *testing.T) {
	src := loadExcerpt(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteSynthetic(ctx, src, 5000, 1, &countingWriter{}); err == nil {
		t.Error("a cancelled scale ran to the end")
	}
}

func TestCorpusName(t *testing.T) {
	for in, want := range map[string]string{
		"../shared/corpus/rmrb-2019-2020.jsonl.gz": "rmrb-2019-2020",
		"x.ndjson":  "x",
		"a/b.jsonl": "b",
	} {
		if got := corpusName(in); got != want {
			t.Errorf("corpusName(%q) = %q, want %q", in, got, want)
		}
	}
}
