package epaper

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/baosou/baosou/article"
)

var (
	// pageRe reads a page label: 01版:要闻, 第A01版：头版, 第07版 : 国际.
	pageRe = regexp.MustCompile(`^第?\s*([A-Za-z]{0,2}\d{1,3})\s*版\s*[:：]\s*(.+)$`)
	// Viewer chrome of Founder e-paper readers, matched against whole lines.
	chromeRes = []*regexp.Regexp{
		regexp.MustCompile(`^(按日期检索|上个月|下个月|电子报刊阅读器|我给版面打分|新闻排行榜|版权声明|返回目录|返回主页|返回|上一篇|下一篇|上一版|下一版|上一期|下一期|版面导航|标题导航|本版标题导航|往期回顾|往期查询|打印|关闭|PDF版下载|PDF下载|查看PDF|版面概览|版面目录|本版文章|放大|缩小|默认|评论|收藏|分享|分享到)$`),
		regexp.MustCompile(`^(放大|缩小|默认|打印|关闭)(\s+(放大|缩小|默认|打印|关闭))+$`), // 放大 缩小 默认
		regexp.MustCompile(`^\d{1,2}\s+\d{4}$`), // calendar: 12 2013
		regexp.MustCompile(`^(\d\s*分\s*)+$`),    // rating: 1分 2分 …
		regexp.MustCompile(`^(本版得分|参与评分|正在加载|国内统一刊号|统一刊号|国际标准刊号|刊号|CN\s*\d)`),        // score, ad, 刊号
		regexp.MustCompile(`(\(|（)电子版(\)|）)的一切内容|未经.{0,40}(书面)?授权|不得.{0,10}(转载|复制)`), // copyright notice
	}
	// Footer lines; everything from the first one on is footer.
	footerRe = regexp.MustCompile(`^(关于我们|联系我们|主办单位|版权所有|备案号|京ICP|ICP|Copyright|COPYRIGHT|©)|(?i)icp备|copyright|版权所有[:：]`)
	zoomRe   = chromeRes[1]
	// Suffixes after the paper's name on the first line of a dump.
	paperSuffixRe = regexp.MustCompile(`(数字报纸|数字报刊|数字报|电子报纸|电子报刊|电子版|电子报|数字版|网络版|数字报刊平台)$`)
	// 《中国妇女报》(电子版) in the copyright notice.
	quotedPaperRe = regexp.MustCompile(`《([^《》]{2,20})》\s*[（(]电子版[)）]`)
)

// parseText parses a plain-text dump of a Founder e-paper article page.
func parseText(name, text string) (*Result, error) {
	lines := splitLines(text)
	paper := findPaper(lines)
	a := &article.Article{Newspaper: paper, Source: name}

	start, end := articleRegion(lines)
	var titles string // the space-separated list of titles on this page
	for i := 0; i < start && i < len(lines); i++ {
		if sec, page, rest, ok := sectionLine(lines[i], paper); ok && a.Section == "" {
			a.Section, a.Page, titles = sec, page, rest
		}
		if a.Date == "" {
			a.Date = findDate(lines[i])
		}
	}
	var content []string
	for _, l := range lines[start:end] {
		if l != "" && !isChrome(l) && l != paper {
			content = append(content, l)
		}
	}
	if len(content) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoArticle)
	}
	if a.Date == "" {
		a.Date = findDate(strings.Join(lines, "\n"))
	}
	head, bylines, body := splitArticle(content, titles)
	// A dump of an e-paper page names its paper, its page or its authors;
	// other prose (a README, a note) is not an article page.
	if paper == "" && a.Section == "" && len(bylines) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoArticle)
	}
	if len(body) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoArticle)
	}
	a.Kicker, a.Title, a.Subtitle = headline(head, titles)
	authors, _ := Bylines(bylines)
	more, rest := Bylines(body)
	a.Authors = appendNew(authors, more...)
	a.Body = rest
	out, err := finish(name, a)
	if err != nil {
		return nil, err
	}
	return &Result{Kind: KindArticle, Article: out, OtherTitles: otherTitles(titles, out)}, nil
}

func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = cleanSpace(l)
	}
	return lines
}

// findPaper names the newspaper: the first line without its 数字报 suffix,
// or the paper quoted in the copyright notice.
func findPaper(lines []string) string {
	for _, l := range lines {
		if m := quotedPaperRe.FindStringSubmatch(l); m != nil {
			return m[1]
		}
	}
	for _, l := range lines {
		if l == "" {
			continue
		}
		p := strings.TrimSpace(paperSuffixRe.ReplaceAllString(l, ""))
		if n := utf8.RuneCountInString(p); n >= 2 && n <= 12 && !strings.ContainsAny(p, " 　:：，。") && findDate(p) == "" {
			return p
		}
		break
	}
	return ""
}

// articleRegion returns the lines [start, end) that hold the article: after
// the zoom widget (放大 缩小 默认) that ends the viewer chrome when there is
// one, else after the header; up to the next zoom widget or the footer.
func articleRegion(lines []string) (start, end int) {
	start = -1
	for i, l := range lines {
		if zoomRe.MatchString(l) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		start = headerEnd(lines)
	}
	end = len(lines)
	for i := start; i < len(lines); i++ {
		if zoomRe.MatchString(lines[i]) || footerRe.MatchString(lines[i]) {
			end = i
			break
		}
	}
	return start, end
}

// headerEnd finds the end of the header when there is no zoom widget: the
// line after the last header or chrome line among the leading short lines.
func headerEnd(lines []string) int {
	end := 0
	for i, l := range lines {
		if i > 40 {
			break
		}
		if l == "" {
			continue
		}
		if isChrome(l) || findDate(l) != "" && utf8.RuneCountInString(l) < 30 || i == 0 {
			end = i + 1
			continue
		}
		if _, _, _, ok := sectionLine(l, ""); ok {
			end = i + 1
		}
	}
	return end
}

func isChrome(l string) bool {
	for _, re := range chromeRes {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// sectionLine reads the line that names the page: "中国妇女报综合新闻 title1
// title2 …" (section run together with the paper's name, then the titles of
// the page) or a page label "第A01版：头版".
func sectionLine(l, paper string) (section, page, titles string, ok bool) {
	if m := pageRe.FindStringSubmatch(l); m != nil && utf8.RuneCountInString(m[2]) <= 30 {
		return strings.TrimSpace(m[2]), m[1], "", m[2] != ""
	}
	if paper == "" || !strings.HasPrefix(l, paper) {
		return "", "", "", false
	}
	rest := strings.TrimSpace(l[len(paper):])
	sec, titles, _ := strings.Cut(rest, " ")
	if sec == "" || utf8.RuneCountInString(sec) > 12 || titles == "" {
		return "", "", "", false
	}
	return sec, "", titles, true
}

// splitArticle splits the article lines into the headline block, the byline
// lines and the body. Bylines follow the headlines; without them the
// headlines are the leading short lines without sentence punctuation.
func splitArticle(content []string, titles string) (head, bylines, body []string) {
	first := -1
	for i := 0; i < len(content) && i < 6; i++ {
		if _, ok := bylineLine(content[i]); ok {
			first = i
			break
		}
	}
	if first >= 0 {
		j := first
		for j < len(content) {
			if _, ok := bylineLine(content[j]); !ok {
				break
			}
			j++
		}
		return content[:first], content[first:j], content[j:]
	}
	n := 0
	for n < len(content)-1 && n < 3 && looksLikeHeadline(content[n]) {
		n++
	}
	// A title found in the page's title list ends the headline block
	// unless a subtitle (——…) follows.
	for i := 0; i < n; i++ {
		if inTitles(content[i], titles) {
			n = i + 1
			if n < len(content)-1 && strings.HasPrefix(content[n], "—") {
				n++
			}
			break
		}
	}
	return content[:n], nil, content[n:]
}

func looksLikeHeadline(l string) bool {
	return utf8.RuneCountInString(l) <= 40 && !strings.ContainsAny(l, "。！？；")
}

// headline assigns kicker (引题), title and subtitle (副题) from the
// headline block: the line found in the page's title list is the title;
// otherwise Founder order is kicker, title, subtitle, and a line starting
// with —— is a subtitle.
func headline(head []string, titles string) (kicker, title, subtitle string) {
	switch {
	case len(head) == 0:
		return "", "", ""
	case len(head) == 1:
		return "", head[0], ""
	}
	for i, l := range head {
		if inTitles(l, titles) {
			return strings.Join(head[:i], " "), l, strings.Join(head[i+1:], " ")
		}
	}
	if len(head) == 2 {
		if strings.HasPrefix(head[1], "—") {
			return "", head[0], head[1]
		}
		return head[0], head[1], ""
	}
	return head[0], head[1], strings.Join(head[2:], " ")
}

func inTitles(l, titles string) bool {
	return titles != "" && l != "" && strings.Contains(" "+titles+" ", " "+l+" ")
}

// otherTitles lists the titles on the page other than the article's own.
func otherTitles(titles string, a *article.Article) []string {
	if titles == "" {
		return nil
	}
	rest := " " + titles + " "
	if a.Title != "" {
		rest = strings.Replace(rest, " "+a.Title+" ", " ", 1)
	}
	return strings.Fields(rest)
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		dup := false
		for _, l := range list {
			dup = dup || l == m
		}
		if !dup {
			list = append(list, m)
		}
	}
	return list
}
