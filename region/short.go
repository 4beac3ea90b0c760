package region

import (
	"strings"
	"unicode/utf8"
)

// autonomousProvinces are the short forms everybody uses for the five
// autonomous regions; their full names do not reduce by rule.
var autonomousProvinces = map[string]string{
	"内蒙古自治区":   "内蒙古",
	"广西壮族自治区":  "广西",
	"西藏自治区":    "西藏",
	"宁夏回族自治区":  "宁夏",
	"新疆维吾尔自治区": "新疆",
}

// ethnicGroups are the names (without 族) that appear inside the names of
// autonomous prefectures, counties and banners, longest first so that
// stripping takes 柯尔克孜 before a shorter match.
var ethnicGroups = []string{
	"柯尔克孜", "维吾尔", "哈萨克", "塔吉克", "达斡尔", "鄂温克", "鄂伦春",
	"土家", "朝鲜", "布依", "哈尼", "景颇", "傈僳", "蒙古", "仡佬", "毛南",
	"仫佬", "纳西", "拉祜", "独龙", "普米", "撒拉", "保安", "东乡", "裕固",
	"锡伯", "各族", "满", "回", "藏", "苗", "彝", "壮", "侗", "瑶", "白",
	"傣", "黎", "羌", "佤", "畲", "水", "土", "怒",
}

// suffixes are the generic words closing a division's name, longest first.
var suffixes = []string{"自治州", "自治县", "自治旗", "自治区", "特区", "林区", "新区", "地区", "省", "市", "区", "县", "旗", "盟"}

// shortForms returns the forms a writer uses for a division besides its
// full name: 长春市 → 长春, 延边朝鲜族自治州 → 延边, 宽城区 → 宽城. A form
// must keep at least two runes (城区 gives nothing).
func shortForms(name string, level int) []string {
	if s, ok := autonomousProvinces[name]; ok {
		return []string{s}
	}
	base := name
	for _, suf := range suffixes {
		if strings.HasSuffix(base, suf) {
			base = strings.TrimSuffix(base, suf)
			break
		}
	}
	if base == name {
		return nil
	}
	base = stripEthnic(base)
	if utf8.RuneCountInString(base) < 2 || base == name {
		return nil
	}
	return []string{base}
}

// stripEthnic removes trailing ethnic-group names: 恩施土家族苗族 → 恩施,
// 博尔塔拉蒙古 → 博尔塔拉. It stops when what is left would be shorter
// than two runes (鄂伦春 stays).
func stripEthnic(s string) string {
	for {
		t := strings.TrimSuffix(s, "族")
		stripped := false
		for _, e := range ethnicGroups {
			if strings.HasSuffix(t, e) && utf8.RuneCountInString(t)-utf8.RuneCountInString(e) >= 2 {
				s, stripped = strings.TrimSuffix(t, e), true
				break
			}
		}
		if !stripped {
			return s
		}
	}
}
