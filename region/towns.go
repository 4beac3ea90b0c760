package region

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// town is one town or street (乡级) and the division it lies in.
type town struct {
	name string
	node int
}

// townSuffixes are the generic endings of town names; the short form
// drops them (十八塘乡 → 十八塘).
var townSuffixes = []string{"街道", "镇", "乡", "苏木"}

// townShortMin is the fewest runes a town's short form may have: two-rune
// forms (柯岩, 乌镇 from 乌镇镇) collide with ordinary words far too often.
const townShortMin = 3

// badTownShortEnd are last runes that make a short form read as a street,
// a building or a landmark rather than the town (人民路街道 → 人民路).
const badTownShortEnd = "路街道巷村区场站园口桥楼里坊门城湾港湖山河江"

// townCommon are unique town short forms that are, in news text, ordinary
// words or the names of larger things (塔里木 the basin, 民族团结 the
// slogan). Picked by reading the most frequent town forms matched in the
// 人民日报 2019–2020 corpus.
var townCommon = setOf(
	"民族团结", "共青团", "新房子", "体育中心", "大平台", "小城镇", "广阔天地", "火车头",
	"百尺竿", "菜园子", "梧桐树", "大峡谷", "金沙滩", "红土地", "磨刀石", "塔里木", "唐古拉",
	"罗布泊", "河南岸", "四十八", "八十八",
)

// townLeftStop are runes that, right before a town's full name, show it is
// the tail of other words (对于城镇, 推进新城镇化 have none of them, 在 does).
// A town's full name must start the text, follow a non-Han rune, one of
// leftOK, or another place name (永宁县闽宁镇).

// townRightStop maps a town name's last rune to the runes that, right
// after it, make it part of an ordinary word: 建设乡村, 新城镇化.
var townRightStop = map[rune]string{'乡': "村镇土亲音间下愁里情邻贤野", '镇': "化村"}

// parseTowns reads name<TAB>parentCode lines; blank lines and # comments
// are skipped.
func parseTowns(tsv []byte, byCode map[string]int) ([]town, error) {
	var out []town
	err := eachTSV(tsv, "towns", []string{"name", "parentCode"}, func(_ int, f []string) error {
		name, code := f[0], f[1]
		if name == "" || strings.ContainsAny(name, "/ ") {
			return fmt.Errorf("empty name or name containing '/' or space")
		}
		p, ok := byCode[code]
		if !ok {
			return fmt.Errorf("parent code %q not found", code)
		}
		out = append(out, town{name: name, node: p})
		return nil
	})
	return out, err
}

// addTowns makes towns evidence for the division they lie in. A division's
// own name or an extra alias always wins over a town's. A full name (十八塘乡)
// shared by towns in several provinces stays, to be settled by context like
// 朝阳区; a short form is kept only when it is long enough, does not read as
// a street or landmark, and names a single town in all of China.
func (g *Gazetteer) addTowns(towns []town) {
	taken := func(s string) bool { _, ok := g.byText[s]; return ok }
	addTown := func(text string, n int, full bool) {
		k, ok := g.byText[text]
		if !ok {
			k = len(g.aliases)
			g.byText[text] = k
			g.aliases = append(g.aliases, alias{text: text, tag: true, town: true})
		}
		if !g.aliases[k].town {
			return
		}
		for _, c := range g.aliases[k].cands {
			if c.node == n {
				return
			}
		}
		g.aliases[k].cands = append(g.aliases[k].cands, cand{node: n, full: full, town: true})
	}
	shorts := map[string][]int{}
	for _, t := range towns {
		if utf8.RuneCountInString(t.name) < 3 || taken(t.name) && !g.aliases[g.byText[t.name]].town {
			continue
		}
		addTown(t.name, t.node, true)
		if s := townShort(t.name); s != "" {
			shorts[s] = append(shorts[s], t.node)
		}
	}
	for s, nodes := range shorts {
		if _, common := townCommon[s]; len(nodes) == 1 && !taken(s) && !common {
			addTown(s, nodes[0], false)
		}
	}
}

// townShort returns the short form of a town's name, or "" when it has
// none worth using.
func townShort(name string) string {
	for _, suf := range townSuffixes {
		if s, ok := strings.CutSuffix(name, suf); ok {
			rs := []rune(s)
			if len(rs) < townShortMin || strings.ContainsRune(badTownShortEnd, rs[len(rs)-1]) {
				return ""
			}
			return s
		}
	}
	return ""
}

// acceptTown applies word-boundary evidence to a town's full name at
// text[s:e]; chained tells whether a place name ends right at s.
func acceptTown(text []rune, s, e int, chained bool) bool {
	if s > 0 && isHan(text[s-1]) && !chained && !strings.ContainsRune(leftOK, text[s-1]) {
		return false
	}
	if e < len(text) && strings.ContainsRune(townRightStop[text[e-1]], text[e]) {
		return false
	}
	return true
}
