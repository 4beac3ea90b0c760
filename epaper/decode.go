package epaper

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Charset labels Decode reports.
const (
	CharsetUTF8    = "UTF-8"
	CharsetGBK     = "GBK"
	CharsetGB2312  = "GB2312"
	CharsetGB18030 = "GB18030"
)

// Decode turns page bytes into text. declared is the charset the page claims
// (from a meta tag or HTTP header; "" when none). The bytes win over the
// declaration: valid UTF-8 is UTF-8 whatever the page says (people-1.html
// declares GB2312 but is UTF-8), and bytes that are not UTF-8 but form valid
// GB18030 are decoded as GB18030, labelled with the narrowest of GB2312, GBK
// and GB18030 that holds them (or the declared one when it is wider and
// consistent). A declared non-Chinese charset (Big5, Shift_JIS, …) is honoured
// only when the bytes are neither UTF-8 nor GB18030. Anything else is
// ErrEncoding. A byte order mark decides outright. A multi-byte character cut
// off at the very end of the data is dropped rather than failing the file.
func Decode(data []byte, declared string) (text string, charset string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		declared = "utf-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, "UTF-16BE")
	}
	if utf8.Valid(data) {
		return string(data), CharsetUTF8, nil
	}
	if cut, ok := trimPartialUTF8(data); ok {
		return string(cut), CharsetUTF8, nil
	}
	decl := normalizeCharset(declared)
	if st := scanGB(data); st.invalid == 0 {
		gb := data[:len(data)-st.tail]
		text, _, err := decodeWith(simplifiedchinese.GB18030, gb, CharsetGB18030)
		if err == nil && strings.Count(text, "\uFFFD") == 0 {
			return text, st.label(decl), nil
		}
	}
	if decl != "" && decl != CharsetUTF8 && !isGB(decl) {
		if enc, err := htmlindex.Get(declared); err == nil {
			name, _ := htmlindex.Name(enc)
			text, cs, err := decodeWith(enc, data, strings.ToUpper(name))
			// Decoders replace bytes they cannot read with U+FFFD.
			if err == nil && strings.Count(text, "\uFFFD") == 0 {
				return text, cs, nil
			}
		}
	}
	return "", "", ErrEncoding
}

func decodeWith(enc encoding.Encoding, data []byte, label string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("%w: %s: %v", ErrEncoding, label, err)
	}
	return string(out), label, nil
}

// trimPartialUTF8 accepts data whose only flaw is a multi-byte UTF-8
// character cut off by truncation at the very end.
func trimPartialUTF8(data []byte) ([]byte, bool) {
	for k := 1; k <= 3 && k < len(data); k++ {
		head, tail := data[:len(data)-k], data[len(data)-k:]
		if tail[0] < 0xC0 || !utf8.Valid(head) {
			continue
		}
		if !utf8.FullRune(tail) {
			return head, true
		}
		return nil, false
	}
	return nil, false
}

func normalizeCharset(s string) string {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), `"'`))
	switch s {
	case "":
		return ""
	case "utf-8", "utf8", "unicode-1-1-utf-8":
		return CharsetUTF8
	case "gb2312", "gb_2312-80", "gb_2312", "euc-cn", "csgb2312", "x-euc-cn", "chinese", "iso-ir-58":
		return CharsetGB2312
	case "gbk", "x-gbk", "cp936", "ms936", "windows-936":
		return CharsetGBK
	case "gb18030":
		return CharsetGB18030
	}
	return s
}

func isGB(s string) bool { return s == CharsetGB2312 || s == CharsetGBK || s == CharsetGB18030 }

// gbStats describes a byte string read as GB18030: how many sequences of
// each width, how many two-byte ones fall outside the GB2312 (EUC-CN) area,
// how many bytes are invalid, and how many trailing bytes form a sequence cut
// off by the end of the data.
type gbStats struct{ invalid, two, gbkOnly, four, tail int }

func scanGB(b []byte) gbStats {
	var st gbStats
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if c == 0x80 || c == 0xFF {
			st.invalid++
			i++
			continue
		}
		if i+1 >= len(b) {
			st.tail = 1
			break
		}
		c1 := b[i+1]
		switch {
		case c1 >= 0x30 && c1 <= 0x39:
			if i+3 >= len(b) {
				st.tail = len(b) - i
				return st
			}
			if c2, c3 := b[i+2], b[i+3]; c2 >= 0x81 && c2 <= 0xFE && c3 >= 0x30 && c3 <= 0x39 {
				st.four++
				i += 4
				continue
			}
			st.invalid++
			i++
		case (c1 >= 0x40 && c1 <= 0x7E) || (c1 >= 0x80 && c1 <= 0xFE):
			st.two++
			if c < 0xA1 || c > 0xF7 || c1 < 0xA1 {
				st.gbkOnly++
			}
			i += 2
		default:
			st.invalid++
			i++
		}
	}
	return st
}

func (st gbStats) label(declared string) string {
	switch {
	case st.four > 0 || declared == CharsetGB18030:
		return CharsetGB18030
	case st.gbkOnly > 0 || declared == CharsetGBK:
		return CharsetGBK
	}
	return CharsetGB2312
}

// declaredCharset finds the charset an HTML page declares in its first 4 KiB
// (meta charset, meta http-equiv content-type, or an XML declaration), using
// the HTML tokenizer on the raw bytes: the declaration itself is ASCII in
// every charset we read.
func declaredCharset(data []byte) string {
	head := data[:min(len(data), 4096)]
	if bytes.HasPrefix(head, []byte("<?xml")) {
		if end := bytes.Index(head, []byte("?>")); end > 0 {
			if cs := attrValue(string(head[:end]), "encoding"); cs != "" {
				return cs
			}
		}
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for range 2000 {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var charset, content, equiv string
			for more := true; more; {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					charset = string(v)
				case "content":
					content = string(v)
				case "http-equiv":
					equiv = strings.ToLower(string(v))
				}
			}
			if charset != "" {
				return strings.TrimSpace(charset)
			}
			if equiv == "content-type" {
				if cs := attrValue(content, "charset"); cs != "" {
					return cs
				}
			}
		}
	}
	return ""
}

// attrValue finds key=value (value optionally quoted) in s, case-insensitively.
func attrValue(s, key string) string {
	i := strings.Index(asciiLower(s), key)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(s[i+len(key):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\"'")
	end := strings.IndexAny(rest, "\"'; \t>?")
	if end >= 0 {
		rest = rest[:end]
	}
	return strings.TrimSpace(rest)
}

// asciiLower lowercases A–Z only, keeping byte offsets valid (strings.ToLower
// rewrites invalid UTF-8 and so changes lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
