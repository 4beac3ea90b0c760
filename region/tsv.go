package region

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// eachTSV calls fn with the line number and the trimmed fields of every
// line of data that is neither blank nor a # comment, after checking that
// the line is UTF-8 with exactly len(names) tab-separated fields. what and
// names appear in error messages ("regions line 7: want 4 …").
func eachTSV(data []byte, what string, names []string, fn func(n int, f []string) error) error {
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 || line[0] == '#' {
			continue
		}
		if !utf8.Valid(line) {
			return fmt.Errorf("%s line %d: invalid UTF-8", what, n)
		}
		f := strings.Split(string(line), "\t")
		if len(f) != len(names) {
			return fmt.Errorf("%s line %d: want %d tab-separated fields (%s), got %d", what, n, len(names), strings.Join(names, ", "), len(f))
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if err := fn(n, f); err != nil {
			return fmt.Errorf("%s line %d: %w", what, n, err)
		}
	}
	return nil
}
