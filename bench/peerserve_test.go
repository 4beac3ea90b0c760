package bench

import (
	"slices"
	"testing"
)

func TestSplitQuoted(t *testing.T) {
	for _, tc := range []struct {
		in      string
		phrases []string
		rest    string
	}{
		{"经济 发展", nil, "经济 发展"},
		{`"政府发布"`, []string{"政府发布"}, ""},
		{`“政府发布” 北京`, []string{"政府发布"}, "北京"},
		{`上海 "发展。本" 长春`, []string{"发展。本"}, "上海 长春"},
		{`"未闭合`, []string{"未闭合"}, ""},
		{`""`, nil, ""},
	} {
		phrases, rest := splitQuoted(tc.in)
		if !slices.Equal(phrases, tc.phrases) || rest != tc.rest {
			t.Errorf("splitQuoted(%q) = %q, %q; want %q, %q", tc.in, phrases, rest, tc.phrases, tc.rest)
		}
	}
}
