package epaper

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current parser")

// golden is what a golden file records: the parse result or the error kind.
type golden struct {
	Result *Result `json:"result,omitempty"`
	Error  string  `json:"error,omitempty"`
}

// inputs lists the testdata pages (everything but goldens and our README).
func inputs(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || n == "README.md" || strings.HasSuffix(n, ".golden.json") {
			continue
		}
		out = append(out, n)
	}
	if len(out) < 9 {
		t.Fatalf("testdata holds %d pages, want the 7 shared files and 2 synthetic ones", len(out))
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, name := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			var g golden
			res, err := Parse(name, data)
			if err != nil {
				g.Error = err.Error()
			} else {
				g.Result = res
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./epaper -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse of %s differs from %s:\n got: %s\nwant: %s", name, path, got, want)
			}
		})
	}
}

// readmeErrors: the READMEs are prose, not pages, and must say so.
func TestReadmesAreNotArticles(t *testing.T) {
	for _, name := range []string{"epaper-README.md", "webpages-README.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(name, data)
		if err == nil {
			t.Errorf("Parse(%s) = %+v, want an error", name, res.Article)
			continue
		}
		if !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrNoDate) {
			t.Errorf("Parse(%s) error = %v, want ErrNoArticle or ErrNoDate", name, err)
		}
	}
}
