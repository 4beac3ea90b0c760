package epaper

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	people := readTestdata(t, "people-1.html")
	tests := []struct {
		name     string
		data     []byte
		declared string
		text     string // "" means: do not compare
		charset  string
		err      error
	}{
		{"utf-8", []byte("中国妇女报"), "", "中国妇女报", CharsetUTF8, nil},
		{"ascii", []byte("plain"), "gb2312", "plain", CharsetUTF8, nil},
		{"lying declaration (people-1.html)", people, declaredCharset(people), string(people), CharsetUTF8, nil},
		{"gb2312 bytes, no declaration", encode(t, simplifiedchinese.GBK, "中国妇女报综合新闻"), "", "中国妇女报综合新闻", CharsetGB2312, nil},
		{"gb2312 bytes declared gbk", encode(t, simplifiedchinese.GBK, "中国妇女报"), "GBK", "中国妇女报", CharsetGBK, nil},
		{"gbk-only character", encode(t, simplifiedchinese.GBK, "朱镕基"), "gb2312", "朱镕基", CharsetGBK, nil},
		{"gb18030-only character", encode(t, simplifiedchinese.GB18030, "吉祥𠮷"), "", "吉祥𠮷", CharsetGB18030, nil},
		{"gb18030 declared utf-8", encode(t, simplifiedchinese.GB18030, "长春市𠮷"), "utf-8", "长春市𠮷", CharsetGB18030, nil},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "长春"...), "gbk", "长春", CharsetUTF8, nil},
		{"utf-16le bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "长春"), "", "长春", "UTF-16LE", nil},
		{"utf-8 cut inside the last character", []byte("中国人")[:8], "", "中国", CharsetUTF8, nil},
		{"gbk cut inside the last character", encode(t, simplifiedchinese.GBK, "中国人")[:5], "", "中国", CharsetGB2312, nil},
		{"invalid everywhere", []byte("abc\xff\xfe\xfddef"), "", "", "", ErrEncoding},
		{"invalid gb trail byte", []byte("\xd6\x20\xb9\xfa"), "gbk", "", "", ErrEncoding},
		{"declared big5, bytes neither utf-8 nor gb", []byte("\xa4\xa4\xff"), "big5", "", "", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, cs, err := Decode(tt.data, tt.declared)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Decode error = %v, want %v", err, tt.err)
			}
			if cs != tt.charset {
				t.Errorf("charset = %q, want %q", cs, tt.charset)
			}
			if tt.text != "" && text != tt.text {
				t.Errorf("text = %.60q, want %.60q", text, tt.text)
			}
		})
	}
}

func TestDeclaredCharset(t *testing.T) {
	for in, want := range map[string]string{
		`<meta http-equiv="content-type" content="text/html;charset=GB2312">`: "GB2312",
		`<html><head><meta charset="UTF-8"><title>x</title>`:                  "UTF-8",
		`<?xml version="1.0" encoding="gbk"?><html>`:                          "gbk",
		`<html><head><title>x</title></head><body><meta charset="big5">`:      "",
		`no markup at all`: "",
	} {
		if got := declaredCharset([]byte(in)); got != want {
			t.Errorf("declaredCharset(%q) = %q, want %q", in, got, want)
		}
	}
}
