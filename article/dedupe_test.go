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

func TestMerge(t *testing.T) {
	a := Article{ID: "x", Page: "10", Title: "T", Body: []string{"第一次印的正文"}, Regions: []string{"北京市"}}
	dup := Article{ID: "y", Page: "9", Title: "T", Section: "要闻", Body: []string{"第二次印的正文稍长一些"}, Regions: []string{"北京市", "吉林省"}}
	Merge(&a, &dup)
	want := Article{ID: "x", Page: "9", Pages: []string{"9", "10"}, Title: "T", Section: "要闻", Body: []string{"第一次印的正文"}, Regions: []string{"北京市", "吉林省"}}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("merged\n %+v\nwant\n %+v", a, want)
	}
	// Merging the same printing again changes nothing.
	again := a
	Merge(&again, &dup)
	if !reflect.DeepEqual(again, want) {
		t.Errorf("second merge changed the article: %+v", again)
	}
	// A corrected version of a stored article keeps its own text and
	// gains the pages and fields only the stored one had.
	fixed := Article{ID: "x", Page: "10", Title: "T", Body: []string{"更正后的正文"}}
	Merge(&fixed, &want)
	if fixed.BodyText() != "更正后的正文" || fixed.Section != "要闻" || fixed.Page != "9" {
		t.Errorf("corrected re-ingest: %+v", fixed)
	}
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
