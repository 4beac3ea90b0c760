package region

import (
	"strings"
	"unicode"
)

// mention is one accepted occurrence of an alias in a piece of text.
type mention struct {
	alias  int
	start  int // rune offset in the text
	end    int
	weight float64
	organ  bool // followed by a body of its government (江西省人社厅)
	// chained is true when the mention starts where the previous one in
	// the same text ends (双阳区齐家镇, 吉林省长春市).
	chained bool
}

// notPlaceAfter are words that, right after a short form, make it part of
// the name of something else: 吉林大学, 北京路, 长春银行, 上海队.
var notPlaceAfter = []string{
	"大学", "学院", "银行", "大街", "大道", "街道", "花园", "小区", "公园", "广场", "大厦",
	"中学", "小学", "医院", "集团", "公司", "饭店", "宾馆", "酒店", "机场", "日报",
	"晚报", "电视台", "卫视", "商报", "证券", "东路", "西路", "南路", "北路", "中路",
	"路", "街", "巷", "胡同", "队", "号", "舰", "装",
}

// institutionWithin are institution words that may follow a short form
// after a few more characters (北京理工大学, 吉林农业大学, 武汉协和医院).
var institutionWithin = []string{"大学", "学院", "银行", "医院", "中学", "小学", "集团", "公司"}

// leftOK are characters after which a two-rune full name such as 忠县 or
// 蔚县 may start; after any other Han character it is likely the tail of a
// longer word.
const leftOK = "省市州盟区县在到赴于的从往去"

// scan finds the accepted place mentions in text, leftmost-longest, in one
// pass: each position costs at most maxLen trie probes.
func (g *Gazetteer) scan(text []rune, weight float64, out []mention) []mention {
	lastEnd := -1
	for i := 0; i < len(text); {
		k, n := g.trie.longest(text[i:])
		if k >= 0 && n > 2 && text[i+n-1] == '市' && i+n < len(text) && text[i+n] == '场' {
			// 北京市场 is 北京 + 市场, not 北京市 + 场.
			k, n = g.shorter(text[i:i+n-1]), n-1
		}
		if k >= 0 && !isFull(&g.aliases[k]) && g.fullOverlaps(text, i, i+n) {
			k = -1 // 从江西省 is 从 + 江西省, not 从江 (a county) + 西省
		}
		if k < 0 || !g.accept(text, i, i+n, &g.aliases[k], i == lastEnd) {
			i++
			continue
		}
		out = append(out, mention{alias: k, start: i, end: i + n, weight: weight, chained: i == lastEnd})
		i += n
		lastEnd = i
	}
	return out
}

// fullOverlaps reports whether a full name starts inside text[s:e] and
// ends after it: then the short form at s is more likely the tail of the
// word before the full name.
func (g *Gazetteer) fullOverlaps(text []rune, s, e int) bool {
	for j := s + 1; j < e; j++ {
		if k, n := g.trie.longest(text[j:]); k >= 0 && j+n > e && isFull(&g.aliases[k]) && !g.aliases[k].town {
			return true
		}
	}
	return false
}

// shorter returns the taggable alias spelled exactly rs, or -1.
func (g *Gazetteer) shorter(rs []rune) int {
	if k, ok := g.byText[string(rs)]; ok && g.aliases[k].tag {
		return k
	}
	return -1
}

// accept applies word-boundary evidence around text[s:e].
func (g *Gazetteer) accept(text []rune, s, e int, a *alias, chained bool) bool {
	if a.town && isFull(a) {
		return acceptTown(text, s, e, chained)
	}
	if isFull(a) {
		// A two-rune full name (忠县, 蔚县) after a Han character that does
		// not end a word is likely the tail of something longer. The
		// phrases of extraAliases (在京, 来沪) carry their own boundary:
		// 9日在京召开.
		if isExtra(a) {
			return e == len(text) || !strings.ContainsRune(extraRightStop[text[e-1]], text[e])
		}
		return e-s > 2 || s == 0 || !isHan(text[s-1]) || strings.ContainsRune(leftOK, text[s-1])
	}
	rest := text[e:]
	for _, w := range notPlaceAfter {
		if hasPrefix(rest, w) {
			return false
		}
	}
	for k := 1; k <= 4 && k < len(rest); k++ {
		if !isHan(rest[k-1]) || strings.ContainsRune("的和与及在是了从到", rest[k-1]) {
			break
		}
		for _, w := range institutionWithin {
			if hasPrefix(rest[k:], w) {
				return false
			}
		}
	}
	return true
}

// isFull reports whether the alias is the full name of any of its readings.
func isFull(a *alias) bool {
	for _, c := range a.cands {
		if c.full {
			return true
		}
	}
	return false
}

func hasPrefix(rs []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// extraRightStop maps the last rune of an extraAliases phrase to runes
// that, right after it, make the abbreviation start another word: 在京剧,
// 在京东, 在汉语, 来沪剧.
var extraRightStop = map[rune]string{'京': "剧腔味韵戏胡东华", '沪': "剧", '汉': "语字服族剧代朝"}

// isExtra reports whether the alias is one of extraAliases, not a
// division's name.
func isExtra(a *alias) bool {
	_, ok := extraAliases[a.text]
	return ok
}
