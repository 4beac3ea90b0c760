package segment

import (
	"strings"
	"testing"
	"unicode"
)

func TestCoverKeepsEveryCharacter(t *testing.T) {
	s := seg(t)
	for _, tc := range []struct {
		text string
		want []string // token texts
	}{
		{"长春市人民政府发布通知。", []string{"长春市", "人民", "政府", "发布", "通知", "。"}},
		{"“娘家人”的服务", []string{"“", "娘家人", "”", "的", "服务"}},
		{"（人民观察） 2019年", []string{"（", "人民", "观察", "）", "2019年"}},
		{"", nil},
		{"，，", []string{"，", "，"}},
	} {
		toks := Cover(tc.text, s.Tokenize(tc.text, ModeQuery))
		var got []string
		for i, tk := range toks {
			got = append(got, tc.text[tk.Start:tk.End])
			if i > 0 && (tk.Start < toks[i-1].End || tk.Position <= toks[i-1].Position) {
				t.Errorf("%q: token %d overlaps or goes back: %+v after %+v", tc.text, i, tk, toks[i-1])
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
		joined := strings.Join(got, "")
		if noSpace := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, tc.text); joined != noSpace {
			t.Errorf("%q: tokens join to %q, want every non-space character", tc.text, joined)
		}
	}
}

func FuzzCover(f *testing.F) {
	s := seg(f)
	for _, s := range []string{"长春市人民政府发布通知。", "“娘家人”", "a b\tc", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Cover(text, s.Tokenize(text, ModeQuery))
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
				t.Fatalf("%q: bad token %+v after offset %d", text, tk, prev)
			}
			for _, r := range text[prev:tk.Start] {
				if !unicode.IsSpace(r) {
					t.Fatalf("%q: skipped %q before %+v", text, text[prev:tk.Start], tk)
				}
			}
			prev = tk.End
		}
	})
}
