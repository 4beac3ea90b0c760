package segment

import (
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The rules below refine gse's dictionary words towards the granularity of
// 人民日报 text as the Peking University standard segments it: surnames
// apart from given names, numerals apart from classifiers, compounds of
// two words apart. Finer query words lose nothing in phrase search,
// because positions are character-aligned, and ModeIndex still indexes the
// pieces' own sub-words.

// surnames are common single-character family names; a dictionary person
// name (pos nr) starting with one is cut after it: 江泽民 → 江 泽民.
const surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜" +
	"戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳鲍史唐费廉岑薛雷贺倪汤" +
	"滕殷罗毕郝邬安常乐于傅皮卞齐康伍余元顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计" +
	"伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林钟徐邱骆高" +
	"夏蔡田樊胡凌霍虞万支柯管卢莫房解应宗丁宣邓郁单杭洪包诸左石崔吉龚程嵇邢裴陆荣翁" +
	"荀羊甄曲家封储靳段焦巴牧山谷车侯全班仰秋仲伊宫宁仇栾暴甘厉戎祖武符刘景詹束龙叶" +
	"幸司黎薄印宿白怀蒲从鄂索咸赖卓蔺屠蒙池乔阴胥苍闻莘党翟谭贡劳姬申扶冉宰雍桑桂牛" +
	"寿通边燕冀浦尚农温庄晏柴瞿阎连习艾鱼容向古易慎廖终居衡步都耿满弘匡国文寇广禄阙" +
	"东欧沃利蔚越隆师巩聂晁勾敖融冷辛阚那简饶曾沙养鞠丰巢关蒯相查荆红游竺权盖益桓公"

// rareName is the frequency below which a two-character dictionary word
// tagged nr is taken for a person's name; gse tags many common words nr
// (公正, 文明, 钟声). Chosen on the PKU training word list: it best
// separates the tagged words PKU keeps whole from those it does not.
const rareName = 1200

// numerals that, before a classifier, form a numeral phrase rather than a
// word (三个, 两年, 十五届).
const numeralChars = "两二三四五六七八九十百千几"

// classifiers cut from a preceding numeral. After 一 only the ones in
// yiClassifiers, since 一个, 一些, 一样, 一家, 一道... are words of their own.
const (
	classifierChars = "个位种次条名天批项年件份家只张支座所场届辆台根股把片层门处句篇本架艘颗枚棵匹部轮段回遍趟步声封幅间套组类群周岁元倍户亩斤吨米期"
	yiClassifiers   = "位种次条名天批项年件份辆台篇架艘颗枚棵匹届座所场张岁元倍户亩期"
)

// classifierWords are two-character classifiers and time words treated
// like classifiers (二十世纪 → 二十 世纪).
func isClassifierWord(s string) bool {
	switch s {
	case "世纪", "年代", "公里", "公斤", "小时", "分钟":
		return true
	}
	return false
}

// refine appends w to out, cut by the rules above.
func (s *Segmenter) refine(out []word, text []byte, w word) []word {
	if w.tok == nil || s.noRules {
		return append(out, w)
	}
	b := text[w.fs:w.fe]
	n := utf8.RuneCount(b)
	if n < 2 {
		return append(out, w)
	}
	first, size := utf8.DecodeRune(b)
	if w.oe == 0 {
		w.os, w.oe, w.ors, w.otok = w.fs, w.fe, w.rs, w.tok
	}
	piece := func(fs, fe, rs int, tok *gse.Token) word {
		return word{fs: fs, fe: fe, rs: rs, tok: tok, os: w.os, oe: w.oe, ors: w.ors, otok: w.otok}
	}
	switch {
	// Words listed in our dictionaries (news, places, user) stay whole; the
	// map is consulted only when a rule would cut.
	case w.tok.Pos() == "nr" && (n == 3 || n == 2 && w.tok.Freq() < rareName) && strings.ContainsRune(surnames, first) && !s.ours[string(b)]:
		return append(out, piece(w.fs, w.fs+size, w.rs, nil), piece(w.fs+size, w.fe, w.rs+1, nil))
	case (isCNDigit(first) || first == '几') && numeralEnd(b) > 0 && !s.ours[string(b)]:
		cut := numeralEnd(b)
		nr := utf8.RuneCount(b[:cut])
		return append(out, piece(w.fs, w.fs+cut, w.rs, nil), piece(w.fs+cut, w.fe, w.rs+nr, nil))
	case n >= 4:
		if segs := s.paths.segmentsOf(w.tok); len(segs) == 2 && segs[0].end == segs[1].start && w.fs+segs[1].end == w.fe &&
			utf8.RuneCount(b[:segs[0].end]) >= 2 && utf8.RuneCount(b[segs[1].start:]) >= 2 && !s.ours[string(b)] {
			// a compound of two words: 检察机关 → 检察 机关
			for _, sg := range segs {
				out = s.refine(out, text, piece(w.fs+sg.start, w.fs+sg.end, w.rs+utf8.RuneCount(b[:sg.start]), sg.tok))
			}
			return out
		}
	}
	if w.oe == w.fe && w.os == w.fs {
		w.oe = 0 // not cut after all
	}
	return append(out, w)
}

// numeralEnd returns the byte length of the numeral prefix of b when the
// rest of b is a classifier, else 0.
func numeralEnd(b []byte) int {
	i := 0
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if !strings.ContainsRune(numeralChars, r) && r != '一' {
			break
		}
		i += n
	}
	if i == 0 || i == len(b) {
		return 0
	}
	rest := string(b[i:])
	allowed := classifierChars
	if i == len("一") && b[0] == "一"[0] && string(b[:i]) == "一" {
		allowed = yiClassifiers
	}
	if utf8.RuneCountInString(rest) == 1 && strings.Contains(allowed, rest) || isClassifierWord(rest) {
		return i
	}
	return 0
}
