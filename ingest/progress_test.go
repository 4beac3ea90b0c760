package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Progress counts bytes as they are read, inside a file as well as
// across files, and ends at the bytes of all files, whatever each held:
// a plain and a gzipped JSON Lines file, an e-paper page and a broken file.
func TestReaderProgressCountsBytes(t *testing.T) {
	dir := t.TempDir()
	plain, _ := os.ReadFile("testdata/rmrb-20.jsonl")
	// Large enough to be read in many pieces.
	big := bytes.Repeat(plain, 1+(1<<20)/len(plain))
	files := map[string][]byte{"a.jsonl": big, "broken.jsonl.gz": []byte("not gzip")}
	files["b.jsonl.gz"], _ = os.ReadFile("testdata/rmrb-20.jsonl.gz")
	files["c.html"], _ = os.ReadFile("../epaper/testdata/cjddsb-1.html")
	var total int64
	for name, data := range files {
		if len(data) == 0 {
			t.Fatalf("%s: no test data", name)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		total += int64(len(data))
	}
	var calls int
	var last int64
	r := &Reader{Progress: func(done, all int64) {
		calls++
		if all != total || done < last || done > all {
			t.Fatalf("progress %d of %d after %d; want of %d, never backwards", done, all, last, total)
		}
		last = done
	}}
	items := 0
	if err := r.Read(context.Background(), []string{dir}, func(Item) error { items++; return nil }); err != nil {
		t.Fatal(err)
	}
	if last != total {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	if calls < 8 || items == 0 {
		t.Errorf("%d progress reports for %d items over %d bytes; want reports inside the large file", calls, items, total)
	}
}
