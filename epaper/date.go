package epaper

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/baosou/baosou/article"
)

var (
	// 2017年9月15星期五 (the seed page has no 日), 2017年10月16日, 2019年06月15日08:18.
	cnDateRe = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?:\s*日|[^\d]|$)`)
	// 2019-09-23, 2019/09/23, 2019.09.23 not inside a longer number.
	isoDateRe = regexp.MustCompile(`(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)`)
	// 20171016 inside Founder links (nw.D110000renmrb_20171016_1-01.htm).
	compactDateRe = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)`)
	// 2017-10/16 in Founder paths (../page/2017-10/16/01/…).
	pathDateRe = regexp.MustCompile(`((?:19|20)\d{2})-(\d{2})/(\d{2})/`)
)

// findDate returns the first valid date written out in s as YYYY-MM-DD.
func findDate(s string) string {
	for _, re := range []*regexp.Regexp{cnDateRe, isoDateRe} {
		for _, m := range re.FindAllStringSubmatch(s, 32) {
			if d := makeDate(m[1], m[2], m[3]); d != "" {
				return d
			}
		}
	}
	return ""
}

// findLinkDate returns the first valid date encoded in a Founder link or
// file name (20171016, 2017-10/16/, 2017-10-16).
func findLinkDate(s string) string {
	for _, re := range []*regexp.Regexp{pathDateRe, isoDateRe, compactDateRe} {
		for _, m := range re.FindAllStringSubmatch(s, 32) {
			if d := makeDate(m[1], m[2], m[3]); d != "" {
				return d
			}
		}
	}
	return ""
}

func makeDate(y, m, d string) string {
	yi, err1 := strconv.Atoi(y)
	mi, err2 := strconv.Atoi(m)
	di, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || yi < 1900 || yi > 2100 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Day() != di {
		return "" // 2月30日
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// finish normalizes an article and wraps any failure with the file name.
func finish(name string, a *article.Article) (*article.Article, error) {
	if a.Date == "" {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoDate)
	}
	if err := a.Normalize(); err != nil {
		return nil, fmt.Errorf("parse %s: %w: %w", name, ErrNoArticle, err)
	}
	return a, nil
}
