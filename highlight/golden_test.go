package highlight

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return string(b)
}

// TestGolden highlights a real 人民日报 article (testdata/chagan.txt, source
// rmrb/20190214-01-02) with several queries and compares the whole output.
func TestGolden(t *testing.T) {
	text := readTestdata(t, "chagan.txt")
	cases := []struct {
		needles []string
		opts    Options
	}{
		{[]string{"查干湖"}, Options{}},
		{[]string{"吉林", "西部", "吉林西部"}, Options{}},
		{[]string{"河湖连通", "湿地", "洪水"}, Options{FragmentChars: 60, MaxFragments: 4}},
		{[]string{"白鹤"}, Options{FragmentChars: 40, MaxFragments: 1}},
		{[]string{"长春"}, Options{FragmentChars: 80}},
		{[]string{"不存在的词"}, Options{}},
	}
	var b strings.Builder
	for _, c := range cases {
		h := New(c.opts)
		fmt.Fprintf(&b, "## needles %q chars %d max %d\n", c.needles, c.opts.FragmentChars, c.opts.MaxFragments)
		for _, s := range h.Snippets(text, c.needles) {
			fmt.Fprintf(&b, "- %s\n", s)
		}
		fmt.Fprintf(&b, "spans %v\n\n", h.Spans(text, c.needles))
	}
	fmt.Fprintf(&b, "## Mark %q\n%s", []string{"查干湖", "吉林"}, New(Options{}).Mark(text, []string{"查干湖", "吉林"}))
	got := b.String()
	path := filepath.Join("testdata", "chagan.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readTestdata(t, "chagan.golden")
	if got != want {
		t.Errorf("output differs from %s (run go test -update after checking):\n%s", path, got)
	}
}
