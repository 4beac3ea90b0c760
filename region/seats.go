package region

import (
	"strings"
)

// capitals are the seats of the provincial governments, by province name.
// The municipalities (北京市 上海市 天津市 重庆市) are their own seat.
var capitals = map[string]string{
	"河北省": "石家庄市", "山西省": "太原市", "内蒙古自治区": "呼和浩特市", "辽宁省": "沈阳市",
	"吉林省": "长春市", "黑龙江省": "哈尔滨市", "江苏省": "南京市", "浙江省": "杭州市",
	"安徽省": "合肥市", "福建省": "福州市", "江西省": "南昌市", "山东省": "济南市",
	"河南省": "郑州市", "湖北省": "武汉市", "湖南省": "长沙市", "广东省": "广州市",
	"广西壮族自治区": "南宁市", "海南省": "海口市", "四川省": "成都市", "贵州省": "贵阳市",
	"云南省": "昆明市", "西藏自治区": "拉萨市", "陕西省": "西安市", "甘肃省": "兰州市",
	"青海省": "西宁市", "宁夏回族自治区": "银川市", "新疆维吾尔自治区": "乌鲁木齐市",
}

// organHeads are the bodies of a provincial government named right after
// the province (江西省委, 广西壮族自治区人民政府, 河北省高级人民法院).
var organHeads = []string{
	"委", "政府", "人民政府", "人大", "政协", "纪委", "监委", "高级人民法院", "高院",
	"人民检察院", "检察院", "扶贫办", "新闻办", "外办", "台办", "侨办", "办公厅",
}

// organStop are characters that end the search for 厅 or 局: a department
// name (人社厅, 林业和草原局) does not contain them.
const organStop = "的是了在从到对为向将与及，。、；：！？“”《》（）"

// organAfter reports whether rest, the text right after a province's name,
// names a body of its government: an organ head, or a department ending in
// 厅 or 局 within a few characters (人社厅, 生态环境厅, 市场监管局). A short
// form may be followed by 省 or 自治区 first.
func organAfter(rest []rune) bool {
	for _, s := range []string{"省", "自治区"} {
		if hasPrefix(rest, s) {
			rest = rest[len([]rune(s)):]
			break
		}
	}
	for _, h := range organHeads {
		if hasPrefix(rest, h) {
			return true
		}
	}
	for k := 1; k < len(rest) && k <= 10; k++ {
		r := rest[k]
		if !isHan(rest[k-1]) || strings.ContainsRune(organStop, rest[k-1]) {
			return false
		}
		if r == '厅' || r == '局' {
			return k >= 2 // 人社厅 yes, 大局 no
		}
	}
	return false
}

// addSeats appends the capital of every province whose government the
// article names (organ) when the province is tagged and nothing below it is.
func (g *Gazetteer) addSeats(tags []string, organ map[int]bool) []string {
	for p := range organ {
		prov := g.nodes[p].path
		cap, ok := capitals[prov]
		if !ok || !containsStr(tags, prov) {
			continue
		}
		below := false
		for _, t := range tags {
			if strings.HasPrefix(t, prov+"/") {
				below = true
				break
			}
		}
		if !below {
			if _, ok := g.byPath[prov+"/"+cap]; ok {
				tags = append(tags, prov+"/"+cap)
			}
		}
	}
	return tags
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
