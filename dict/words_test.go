package dict

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWordListsWellFormed checks every line the segmenter will parse:
// "word [freq [pos]]", a positive frequency, no word listed twice (the
// second entry would be silently ignored).
func TestWordListsWellFormed(t *testing.T) {
	lists := WordLists()
	if len(lists) != 2 || lists[0].Name != "dict/user.txt" || lists[1].Name != "dict/news.txt" {
		t.Fatalf("WordLists order = %v, want user.txt then news.txt", names(lists))
	}
	seen := map[string]string{}
	for _, l := range lists {
		if !utf8.Valid(l.Data) {
			t.Errorf("%s: not valid UTF-8", l.Name)
		}
		words := 0
		for i, line := range strings.Split(string(l.Data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Fields(line)
			if len(f) > 3 {
				t.Errorf("%s line %d: %d fields, want word [freq [pos]]", l.Name, i+1, len(f))
				continue
			}
			if len(f) > 1 {
				if v, err := strconv.ParseFloat(f[1], 64); err != nil || v < 1 {
					t.Errorf("%s line %d: frequency %q is not a number >= 1", l.Name, i+1, f[1])
				}
			}
			key := strings.ToLower(f[0])
			if prev, dup := seen[key]; dup {
				t.Errorf("%s line %d: %q already listed in %s", l.Name, i+1, f[0], prev)
			}
			seen[key] = l.Name
			words++
		}
		if words == 0 {
			t.Errorf("%s: no words", l.Name)
		}
	}
	for _, w := range []string{"一带一路", "新冠肺炎", "接地气"} {
		if seen[w] != "dict/news.txt" {
			t.Errorf("news vocabulary lacks %s", w)
		}
	}
}

func TestWordListsAreCopies(t *testing.T) {
	a := WordLists()
	a[0].Data[0] ^= 0xff
	b := WordLists()
	if bytes.Equal(a[0].Data, b[0].Data) {
		t.Fatal("WordLists shares its bytes with callers")
	}
}

func names(l []NamedFile) []string {
	var out []string
	for _, f := range l {
		out = append(out, f.Name)
	}
	return out
}
