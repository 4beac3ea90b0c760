package baosou

import (
	"bytes"
	"io/fs"
	"os"
	"testing"
)

// TestSampleFS checks the bundled sample holds the 人民日报 records and the
// seed page, and that the seed page is the same as the copy epaper's golden
// tests parse.
func TestSampleFS(t *testing.T) {
	fsys := SampleFS()
	for _, name := range []string{"rmrb-sample.jsonl", "zgfnb-2017-09-15-zhzx.txt"} {
		if data, err := fs.ReadFile(fsys, name); err != nil || len(data) == 0 {
			t.Errorf("%s: %d bytes, %v", name, len(data), err)
		}
	}
	seed, _ := fs.ReadFile(fsys, "zgfnb-2017-09-15-zhzx.txt")
	golden, err := os.ReadFile("epaper/testdata/zgfnb-2017-09-15-zhzx.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(seed, golden) {
		t.Error("testdata/sample and epaper/testdata hold different seed pages")
	}
}
