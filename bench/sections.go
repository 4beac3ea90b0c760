package bench

import "fmt"

// pageSections names the 版面 of each page of a synthetic issue, after the
// usual layout of 人民日报 (the real corpus kept page numbers but no page
// names). Several pages share a name, as in print, so a section filter
// selects anything from one page in twenty to four.
var pageSections = [...]string{
	"要闻", "要闻", "要闻", "要闻", // 01–04
	"评论",       // 05
	"政治",       // 06
	"理论",       // 07
	"社会",       // 08
	"经济", "经济", // 09–10
	"文化",       // 11
	"教育",       // 12
	"科技",       // 13
	"生态",       // 14
	"健康",       // 15
	"国际", "国际", // 16–17
	"体育",       // 18
	"副刊", "副刊", // 19–20
}

// Pages is how many pages a synthetic issue has.
const Pages = len(pageSections)

// PageSection returns the page label ("01") and section of page p (1-based).
func PageSection(p int) (page, section string) {
	return fmt.Sprintf("%02d", p), pageSections[p-1]
}

// Sections returns the distinct section names, in page order.
func Sections() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range pageSections {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
