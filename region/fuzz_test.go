package region

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baosou/baosou/article"
)

func FuzzTag(f *testing.F) {
	for _, s := range []string{"", "本报长春9月14日电 （记者徐旭）", "吉林大学", "北京市场", "朝阳区", "京津冀", "长春市宽城区",
		"\xff\xfe吉林", "吉林省吉林市船营区", strings.Repeat("长", 100)} {
		f.Add(s, s)
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		a := &article.Article{Title: title, Kicker: body, Body: strings.Split(body, "\n")}
		tags := g.Tag(a)
		seen := map[string]bool{}
		for _, p := range tags {
			if _, ok := g.byPath[p]; !ok || seen[p] {
				t.Fatalf("tag %q unknown or repeated in %q", p, tags)
			}
			seen[p] = true
		}
		for _, p := range tags { // ancestors included
			if i := strings.LastIndexByte(p, '/'); i >= 0 && !seen[p[:i]] {
				t.Fatalf("tag %q without its parent in %q", p, tags)
			}
		}
		if p, err := g.Resolve(title); err == nil {
			if _, ok := g.byPath[p]; !ok {
				t.Fatalf("Resolve(%q) = unknown path %q", title, p)
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add("22\t吉林省\t1\t\n2201\t长春市\t2\t22\n220103\t宽城区\t3\t2201\n")
	f.Add("# c\n\n11\t北京市\t1\t\n110105\t朝阳区\t3\t11\n")
	f.Add("1\ta\t1\t\n2\tb\t2\t1\n3\tc\t3\t2\n4\td\t3\t3\n")
	f.Add("22\t吉林省\t1\t\r\n")
	f.Fuzz(func(t *testing.T, tsv string) {
		g, err := Load([]byte(tsv))
		if err != nil {
			if g != nil {
				t.Fatal("Load returned a gazetteer with an error")
			}
			return
		}
		for _, n := range g.Names() {
			if !utf8.ValidString(n) {
				t.Fatalf("invalid name %q", n)
			}
			_, _ = g.Resolve(n)
		}
		g.Tag(&article.Article{Title: tsv, Body: []string{tsv}})
	})
}
