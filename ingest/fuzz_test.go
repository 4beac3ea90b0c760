package ingest

import (
	"bytes"
	"os"
	"testing"

	"github.com/baosou/baosou/article"
)

// FuzzReadJSONL: any byte stream is read without panicking; every accepted
// record is a valid article, every rejected line is named by a line number
// inside the input, and lines are reported in order.
func FuzzReadJSONL(f *testing.F) {
	for _, name := range []string{"testdata/mixed.jsonl", "testdata/reprints.jsonl"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"date":"2020-01-01","title":"x","body":["a",""],"page":7}` + "\r\n\n{"))
	f.Add([]byte(`{"date":"2020-01-01","title":"x","authors":"甲\n乙","id":"a/b"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		err := readJSONL("fuzz.jsonl", bytes.NewReader(data), func(line int, a *article.Article) error {
			if line < 1 || line > lines {
				t.Errorf("record at line %d of %d", line, lines)
			}
			if a.ID == "" || a.Date == "" || (a.Title == "" && len(a.Body) == 0) {
				t.Errorf("accepted an invalid article: %+v", a)
			}
			if _, err := a.Time(); err != nil {
				t.Errorf("accepted a bad date: %q", a.Date)
			}
			return nil
		}, func(le *LineError) error {
			if le.Line < 1 || le.Line > lines || le.Line <= last || le.File != "fuzz.jsonl" {
				t.Errorf("line error %v: want a line in 1..%d after %d", le, lines, last)
			}
			last = le.Line
			return nil
		})
		if err != nil {
			t.Errorf("reading from memory failed: %v", err)
		}
	})
}
