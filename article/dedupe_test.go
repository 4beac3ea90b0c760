package article

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestSameStory(t *testing.T) {
	base := Article{Newspaper: "人民日报", Date: "2019-02-01", Page: "01", Title: "推动生态文明建设", Body: []string{"生态文明建设是关系中华民族永续发展的根本大计。", "要加大力度推进生态文明建设。"}}
	cut := base
	cut.Page, cut.Body = "04", []string{"生态文明建设是关系中华民族永续发展的根本大计。", "要加大力度推进生态文明建设。", "编者按。"}
	other := base
	other.Page, other.Body = "05", []string{"临近春节，广东省湛江市徐闻县的菠萝园蔚为壮观。"}
	otherDay := base
	otherDay.Date = "2019-02-02"
	spaced := base
	spaced.Title = " 推动生态文明建设 "
	cases := []struct {
		name string
		a, b Article
		want bool
	}{
		{"identical body on two pages", base, func() Article { c := base; c.Page = "03"; return c }(), true},
		{"one copy slightly longer", base, cut, true},
		{"same title, different story", base, other, false},
		{"different date", base, otherDay, false},
		{"title spacing ignored", base, spaced, true},
	}
	for _, c := range cases {
		if got := SameStory(&c.a, &c.b); got != c.want {
			t.Errorf("%s: SameStory = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMergePrinting(t *testing.T) {
	short := Article{ID: "x", Page: "01", Title: "T", Source: "rmrb/01", Body: []string{"短的正文。"}, Regions: []string{"北京市"}}
	long := Article{ID: "y", Page: "05", Title: "T", Section: "要闻", Source: "rmrb/05", Body: []string{"短的正文。", "只在长的一版里的句子。"}, Regions: []string{"北京市", "吉林省"}}
	shortVariant := []Variant{{Page: "01", Source: "rmrb/01", Body: []string{"短的正文。"}}}
	sameText := long
	sameText.ID, sameText.Page, sameText.Source = "z", "07", ""
	cases := []struct {
		name   string
		a, dup Article
		want   Article
	}{
		{"short stored, long arrives: the long text is searched", short, long,
			Article{ID: "x", Page: "01", Pages: []string{"01", "05"}, Title: "T", Section: "要闻", Source: "rmrb/05", Body: long.Body, Regions: []string{"北京市", "吉林省"}, Variants: shortVariant}},
		{"long stored, short arrives: the same result under the other id", long, short,
			Article{ID: "y", Page: "01", Pages: []string{"01", "05"}, Title: "T", Section: "要闻", Source: "rmrb/05", Body: long.Body, Regions: []string{"北京市", "吉林省"}, Variants: shortVariant}},
		{"identical text: pages only, no variant", long, sameText,
			Article{ID: "y", Page: "05", Pages: []string{"05", "07"}, Title: "T", Section: "要闻", Source: "rmrb/05", Body: long.Body, Regions: []string{"北京市", "吉林省"}}},
		{"identical text without a source takes the other's", sameText, long,
			Article{ID: "z", Page: "05", Pages: []string{"05", "07"}, Title: "T", Section: "要闻", Source: "rmrb/05", Body: long.Body, Regions: []string{"北京市", "吉林省"}}},
	}
	for _, c := range cases {
		a, dup := clone(c.a), clone(c.dup)
		MergePrinting(&a, &dup)
		if !reflect.DeepEqual(a, c.want) {
			t.Errorf("%s: merged\n %+v\nwant\n %+v", c.name, a, c.want)
		}
		// Folding either printing in again changes nothing.
		for _, again := range []Article{c.a, c.dup} {
			b := clone(a)
			MergePrinting(&b, &again)
			if !reflect.DeepEqual(b, c.want) {
				t.Errorf("%s: merging %s again gave\n %+v", c.name, again.ID, b)
			}
		}
	}
}

// A third printing with yet another text is kept too, once.
func TestMergePrintingKeepsEveryText(t *testing.T) {
	a := Article{ID: "a", Page: "1", Title: "T", Body: []string{"甲乙丙"}}
	for _, p := range []Article{
		{ID: "b", Page: "2", Title: "T", Body: []string{"甲乙丙丁"}},
		{ID: "c", Page: "3", Title: "T", Body: []string{"甲乙丙戊"}},
		{ID: "c", Page: "3", Title: "T", Body: []string{"甲乙丙戊"}},
	} {
		MergePrinting(&a, &p)
	}
	got := []string{a.BodyText()}
	for _, v := range a.Variants {
		got = append(got, v.Page+":"+strings.Join(v.Body, ""))
	}
	// 甲乙丙丁 and 甲乙丙戊 are equally long: the first in string order wins.
	if want := []string{"甲乙丙丁", "1:甲乙丙", "3:甲乙丙戊"}; !reflect.DeepEqual(got, want) {
		t.Errorf("texts %q, want %q", got, want)
	}
}

// Merge is for a newer record under the same id: its text replaces the
// printing on its page; other printings stay.
func TestMergeCorrection(t *testing.T) {
	merged := Article{ID: "x", Page: "01", Pages: []string{"01", "05"}, Title: "T", Source: "rmrb/05", Body: []string{"长的正文，多几句话。"},
		Variants: []Variant{{Page: "01", Source: "rmrb/01", Body: []string{"短的正文。"}}}}
	cases := []struct {
		name     string
		a, dup   Article
		body     string
		variants []Variant
	}{
		{"single printing: the correction replaces the text",
			Article{ID: "x", Page: "10", Title: "T", Body: []string{"更正后的正文"}},
			Article{ID: "x", Page: "9", Pages: []string{"9", "10"}, Title: "T", Section: "要闻", Body: []string{"第一次印的正文"}},
			"更正后的正文", nil},
		{"no page on either: replaced",
			Article{ID: "x", Title: "T", Body: []string{"新"}}, Article{ID: "x", Title: "T", Body: []string{"原来较长的正文"}}, "新", nil},
		{"re-ingest of the short printing changes nothing",
			Article{ID: "x", Page: "01", Title: "T", Source: "rmrb/01", Body: []string{"短的正文。"}}, merged,
			"长的正文，多几句话。", merged.Variants},
		{"correction of the short printing replaces that variant",
			Article{ID: "x", Page: "01", Title: "T", Source: "rmrb/01", Body: []string{"短的正文，改。"}}, merged,
			"长的正文，多几句话。", []Variant{{Page: "01", Source: "rmrb/01", Body: []string{"短的正文，改。"}}}},
		{"the same id on another page is another printing",
			Article{ID: "x", Page: "02", Title: "T", Body: []string{"另一版"}},
			Article{ID: "x", Page: "01", Title: "T", Body: []string{"第一版的正文"}},
			"第一版的正文", []Variant{{Page: "02", Body: []string{"另一版"}}}},
	}
	for _, c := range cases {
		a, dup := clone(c.a), clone(c.dup)
		Merge(&a, &dup)
		if a.BodyText() != c.body || !reflect.DeepEqual(a.Variants, c.variants) || a.ID != c.a.ID {
			t.Errorf("%s: body %q variants %+v", c.name, a.BodyText(), a.Variants)
		}
	}
	fixed := Article{ID: "x", Page: "10", Title: "T", Body: []string{"更正后的正文"}}
	old := Article{ID: "x", Page: "9", Pages: []string{"9", "10"}, Title: "T", Section: "要闻", Source: "s", Body: []string{"第一次印的正文"}}
	Merge(&fixed, &old)
	if fixed.Section != "要闻" || fixed.Page != "9" || fixed.Source != "s" || strings.Join(fixed.Pages, ",") != "9,10" {
		t.Errorf("corrected re-ingest lost the stored fields: %+v", fixed)
	}
}

func clone(a Article) Article {
	a.Body, a.Pages, a.Regions, a.Authors = slices.Clone(a.Body), slices.Clone(a.Pages), slices.Clone(a.Regions), slices.Clone(a.Authors)
	a.Variants = slices.Clone(a.Variants)
	return a
}

func TestComparePages(t *testing.T) {
	pages := []string{"10", "A2", "9", "02", "B1", "A10", "1"}
	slices.SortFunc(pages, comparePages)
	if got := strings.Join(pages, " "); got != "1 02 9 10 A2 A10 B1" {
		t.Errorf("page order %s", got)
	}
}

func TestPageKey(t *testing.T) {
	for in, want := range map[string]string{"01": "1", "1": "1", "01版": "1", " 12 ": "12", "A01": "A1", "B10版": "B10", "00": "0", "": "", "头版": "头版"} {
		if got := PageKey(in); got != want {
			t.Errorf("PageKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeRejectsUnindexableYears(t *testing.T) {
	for _, d := range []string{"1600-01-01", "9999-12-31"} {
		a := Article{Date: d, Title: "t"}
		if err := a.Normalize(); err == nil || !strings.Contains(err.Error(), "outside") {
			t.Errorf("date %s: %v, want an out-of-range error", d, err)
		}
	}
	a := Article{Date: "1872-04-30", Title: "申报创刊"}
	if err := a.Normalize(); err != nil {
		t.Errorf("1872: %v", err)
	}
}
