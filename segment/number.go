package segment

import (
	"strings"
	"unicode/utf8"
)

// numSpan is a number expression found by scanNumber: end is its length in
// bytes, core the length of its numeric part (before any unit).
type numSpan struct{ end, core int }

// Characters that may follow a number as part of the same word, the way
// 人民日报 text (and the PKU standard) writes them: magnitudes (50万,
// 1万亿), then one unit of time or a percent sign (1998年, 3月, 8时,
// 30分, 90%).
const (
	magnitudes  = "万亿千百"
	timeUnits   = "年月日时"
	arabicUnits = "年月日时分秒"
	cnDigits    = "〇○零一二三四五六七八九十百千万亿两"
	cnZeros     = "〇○零"
)

// isCNDigit reports whether r is one of cnDigits; a switch, because it
// runs on every character of the text.
func isCNDigit(r rune) bool {
	switch r {
	case '〇', '○', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '两':
		return true
	}
	return false
}

func isASCIIDigit(b byte) bool  { return '0' <= b && b <= '9' }
func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// scanNumber reports the number expression starting at text[i], if any.
// Numbers glued to Latin letters (5g, mp3) are left to the segmenter,
// which keeps such runs whole.
func scanNumber(text []byte, i int) numSpan {
	c := text[i]
	if isASCIIDigit(c) {
		return scanArabic(text, i)
	}
	if c >= utf8.RuneSelf {
		return scanChinese(text, i)
	}
	return numSpan{}
}

func scanArabic(text []byte, i int) numSpan {
	if i > 0 && (isASCIIDigit(text[i-1]) || isASCIILetter(text[i-1]) || text[i-1] == '.') {
		return numSpan{}
	}
	j := i
	for j < len(text) && isASCIIDigit(text[j]) {
		j++
	}
	// decimals and thousands separators: 3.5, 1,000
	for j+1 < len(text) && (text[j] == '.' || text[j] == ',') && isASCIIDigit(text[j+1]) {
		k := j + 1
		for k < len(text) && isASCIIDigit(text[k]) {
			k++
		}
		if text[j] == ',' && k-j-1 != 3 {
			break
		}
		j = k
	}
	if j < len(text) && (isASCIILetter(text[j]) || text[j] == '_') {
		return numSpan{}
	}
	core := j - i
	j = suffix(text, j, core == 4)
	return numSpan{end: j - i, core: core}
}

// suffix consumes the magnitudes and the one unit that may follow a
// number. 年 joins only a four-digit year (2019年); after other numbers it
// is a duration and stays apart (10 年), as in the PKU standard.
func suffix(text []byte, j int, year bool) int {
	if j < len(text) && text[j] == '%' {
		return j + 1
	}
	for j < len(text) {
		r, n := utf8.DecodeRune(text[j:])
		if !strings.ContainsRune(magnitudes, r) {
			break
		}
		j += n
	}
	if j < len(text) {
		if r, n := utf8.DecodeRune(text[j:]); strings.ContainsRune(arabicUnits, r) && (r != '年' || year) {
			j += n
		}
	}
	return j
}

// scanChinese accepts runs of Chinese numerals that are unambiguously
// numbers: with a zero (二○○一), three or more numerals (三十一, 一九九八),
// or two followed by a unit of time (十二月). Shorter runs (一个, 十分, 万一)
// are too often parts of ordinary words and are left to the dictionary.
func scanChinese(text []byte, i int) numSpan {
	r, _ := utf8.DecodeRune(text[i:])
	if !isCNDigit(r) || r == '万' || r == '亿' {
		return numSpan{}
	}
	if i > 0 {
		if p, _ := utf8.DecodeLastRune(text[:i]); isCNDigit(p) {
			return numSpan{}
		}
	}
	j, count, zero := i, 0, false
	for j < len(text) {
		r, n := utf8.DecodeRune(text[j:])
		if !isCNDigit(r) {
			break
		}
		zero = zero || strings.ContainsRune(cnZeros, r)
		count++
		j += n
	}
	unit := false
	if j < len(text) {
		if r, n := utf8.DecodeRune(text[j:]); strings.ContainsRune(timeUnits, r) {
			unit = true
			j += n
		}
	}
	core := j - i
	if unit {
		core -= len("年")
	}
	if count >= 3 || count >= 2 && (zero || unit) {
		return numSpan{end: j - i, core: core}
	}
	return numSpan{}
}
