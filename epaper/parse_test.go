package epaper

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const seedName = "zgfnb-2017-09-15-zhzx.txt"

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSeedPage checks the page this project started from field by field.
func TestSeedPage(t *testing.T) {
	res, err := Parse(seedName, readTestdata(t, seedName))
	if err != nil {
		t.Fatal(err)
	}
	checkSeed(t, res)
	if res.Charset != CharsetUTF8 {
		t.Errorf("charset = %q, want UTF-8", res.Charset)
	}
}

func checkSeed(t *testing.T, res *Result) {
	t.Helper()
	if res.Kind != KindArticle || res.Article == nil || res.Layout != nil {
		t.Fatalf("kind = %q, article %v, layout %v; want one article", res.Kind, res.Article != nil, res.Layout != nil)
	}
	a := res.Article
	for _, f := range []struct{ field, got, want string }{
		{"newspaper", a.Newspaper, "中国妇女报"},
		{"date", a.Date, "2017-09-15"},
		{"section", a.Section, "综合新闻"},
		{"kicker", a.Kicker, "长春持续提升专兼职妇联干部专业水平"},
		{"title", a.Title, "“娘家人”的服务越来越靠谱儿"},
		{"subtitle", a.Subtitle, ""},
		{"source", a.Source, seedName},
	} {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.field, f.got, f.want)
		}
	}
	if want := []string{"徐旭", "李亚辉"}; !reflect.DeepEqual(a.Authors, want) {
		t.Errorf("authors = %q, want %q", a.Authors, want)
	}
	wantOthers := []string{"全国妇联举行党组理论学习中心组学哲学用哲学专题学习会", "不等靠要,脱贫增收门路多",
		"最高法:切实保障公民依法提起行政诉讼的权利", "武汉各界援手带孩子开出租的单亲妈妈"}
	if !reflect.DeepEqual(res.OtherTitles, wantOthers) {
		t.Errorf("other titles = %q, want %q", res.OtherTitles, wantOthers)
	}
	if len(a.Body) != 23 {
		t.Errorf("body has %d paragraphs, want 23", len(a.Body))
	}
	if len(a.Body) > 0 {
		if !strings.HasPrefix(a.Body[0], "入户调查、清理楼道、排查危房") {
			t.Errorf("body starts %q, want the first paragraph 入户调查…", a.Body[0])
		}
		if last := a.Body[len(a.Body)-1]; !strings.HasSuffix(last, "长春市妇联负责人肯定地说。") {
			t.Errorf("body ends %q, want the last paragraph …肯定地说。", last)
		}
	}
	for _, sub := range []string{"实训更接地气", "专业的人做专业的事", "广泛吸纳各界优秀女性"} {
		if !contains(a.Body, sub) {
			t.Errorf("subhead %q is not a paragraph of the body", sub)
		}
	}
	text := a.BodyText()
	for _, chrome := range []string{"按日期检索", "我给版面打分", "新闻排行榜", "版权声明", "放大", "缩小", "本版得分",
		"1分", "电子版)的一切内容", "正在加载广告", "关于我们", "主办单位", "备案号", "COPYRIGHT", "□", "徐旭", "刊号"} {
		if strings.Contains(text, chrome) {
			t.Errorf("body contains viewer chrome or footer %q", chrome)
		}
	}
	if a.ID == "" || len(a.ID) != 16 {
		t.Errorf("id = %q, want a derived 16-hex id", a.ID)
	}
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// TestSeedPageChineseEncodings: the seed page saved as GBK or GB18030 parses
// to the same article.
func TestSeedPageChineseEncodings(t *testing.T) {
	utf, err := Parse(seedName, readTestdata(t, seedName))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		enc     encoding.Encoding
		charset string
	}{
		// GBK has no U+00A0 (the rating widget's no-break spaces): a GBK
		// save has plain spaces there, and every byte pair then lies in the
		// GB2312 area, so the narrowest true label is GB2312.
		{simplifiedchinese.GBK, CharsetGB2312},
		// GB18030 encodes U+00A0 in four bytes.
		{simplifiedchinese.GB18030, CharsetGB18030},
	} {
		src := readTestdata(t, seedName)
		if tc.enc == simplifiedchinese.GBK {
			src = []byte(strings.ReplaceAll(string(src), "\u00a0", " "))
		}
		data, err := tc.enc.NewEncoder().Bytes(src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Parse(seedName, data)
		if err != nil {
			t.Fatalf("%v: %v", tc.enc, err)
		}
		checkSeed(t, res)
		if !reflect.DeepEqual(res.Article, utf.Article) || !reflect.DeepEqual(res.OtherTitles, utf.OtherTitles) {
			t.Errorf("%v: article differs from the UTF-8 parse:\n%+v\n%+v", tc.enc, res.Article, utf.Article)
		}
		if res.Charset != tc.charset {
			t.Errorf("%v: charset = %q, want %q", tc.enc, res.Charset, tc.charset)
		}
	}
}

// TestSeedPageVariants: other dumps of the same template differ in details;
// CRLF line ends and a dump without the zoom widget give the same article.
func TestSeedPageVariants(t *testing.T) {
	seed := string(readTestdata(t, seedName))
	want, err := Parse(seedName, []byte(seed))
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"crlf":         strings.ReplaceAll(seed, "\n", "\r\n"),
		"without zoom": strings.ReplaceAll(seed, "放大 缩小 默认\n", ""),
		"ideographic spaces": strings.ReplaceAll(strings.ReplaceAll(seed, "□ 李亚辉", "□　李亚辉"),
			"入户调查", "　　入户调查"),
	} {
		got, err := Parse(seedName, []byte(text))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got.Article, want.Article) {
			t.Errorf("%s: article differs:\n got %+v\nwant %+v", name, got.Article, want.Article)
		}
	}
}

// TestFounderArticleGB2312: a Founder article page served as GB2312 (its
// declaration true this time) parses like its UTF-8 copy.
func TestFounderArticleGB2312(t *testing.T) {
	const name = "founder-article-synthetic.html"
	src := readTestdata(t, name)
	want, err := Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	gb := strings.Replace(string(src), "charset=utf-8", "charset=gb2312", 1)
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(gb))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Charset != CharsetGB2312 {
		t.Errorf("charset = %q, want GB2312", got.Charset)
	}
	if !reflect.DeepEqual(got.Article, want.Article) {
		t.Errorf("article differs:\n got %+v\nwant %+v", got.Article, want.Article)
	}
}

// TestLayoutPages checks the layout pages beyond their goldens: the page
// map, the script-written headlines and the hidden repeat not doubling them.
func TestLayoutPages(t *testing.T) {
	for _, tc := range []struct {
		file, date, page, section string
		headlines                 int
		firstTitle, firstURL      string
	}{
		{"rmrb_2017-10-16_nbs.D110000renmrb_01.html", "2017-10-16", "01", "要闻", 5,
			"《习近平关于社会主义文化建设论述摘编》出版发行", "nw.D110000renmrb_20171016_1-01.htm"},
		{"rmrb_2017-10-18_nbs.D110000renmrb_07.html", "2017-10-18", "07", "决胜全面小康 开启新的征程·党的十九大特别报道", 9,
			"回应人民新期待", "nw.D110000renmrb_20171018_1-07.htm"},
	} {
		res, err := Parse(tc.file, readTestdata(t, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		l := res.Layout
		if res.Kind != KindLayout || l == nil {
			t.Fatalf("%s: kind %q, want layout", tc.file, res.Kind)
		}
		if l.Newspaper != "人民日报" || l.Date != tc.date || l.Page != tc.page || l.Section != tc.section {
			t.Errorf("%s: %s %s %s:%s, want 人民日报 %s %s:%s", tc.file, l.Newspaper, l.Date, l.Page, l.Section, tc.date, tc.page, tc.section)
		}
		if len(l.Pages) != 24 || l.Pages[0] != (PageRef{Page: "01", Section: "要闻", URL: l.Pages[0].URL}) {
			t.Errorf("%s: %d pages, first %+v; want 24 from 01版 要闻", tc.file, len(l.Pages), l.Pages)
		}
		if len(l.Headlines) != tc.headlines || l.Headlines[0].Title != tc.firstTitle || l.Headlines[0].URL != tc.firstURL {
			t.Errorf("%s: headlines %+v, want %d starting %s", tc.file, l.Headlines, tc.headlines, tc.firstTitle)
		}
		for _, h := range l.Headlines {
			if strings.ContainsAny(h.Title, "<>\"") || strings.HasSuffix(h.Title, " ") {
				t.Errorf("%s: headline %q keeps markup or padding", tc.file, h.Title)
			}
		}
	}
}

// TestBadInput: each kind of bad file gets its own error, naming the file.
func TestBadInput(t *testing.T) {
	seed := string(readTestdata(t, seedName))
	people := readTestdata(t, "people-1.html")
	longBody := strings.Repeat("这是一段没有日期的新闻正文，用来检查找不到日期时的错误。", 3)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"whitespace", []byte(" \n\t\r\n"), ErrEmpty},
		{"bom only", []byte("\xef\xbb\xbf\n"), ErrEmpty},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"pdf", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrBinary},
		{"nul bytes", []byte("中国妇女报\x00\x00\x00\x01\x02"), ErrBinary},
		{"control bytes", []byte(strings.Repeat("\x01\x02\x03\x04abc", 50)), ErrBinary},
		{"truncated html", people[:len(people)/2], ErrTruncated},
		{"html cut inside a tag", []byte("<p>中文</p><p class=\"x"), ErrTruncated},
		{"html without end", []byte("<html><body><h1>标题</h1><p>" + longBody), ErrTruncated},
		{"html nested too deep", []byte("<html><body>" + strings.Repeat("<div>", MaxDepth) + longBody + strings.Repeat("</div>", MaxDepth) + "</body></html>"), ErrTooDeep},
		{"page without article", []byte(`<html><head><title>首页</title></head><body><div><a href="/">首页</a> <a href="/news">新闻</a></div></body></html>`), ErrNoArticle},
		{"dump with chrome only", []byte("中国妇女报数字报纸\n\n2017年9月15星期五\n\n按日期检索\n放大 缩小 默认\n\n放大 缩小 默认\n关于我们 | 联系我们\n"), ErrNoArticle},
		{"layout without date", []byte(strings.NewReplacer("2017年10月16日", "", "20171016", "x", "2017-10/16", "x", "2017-October-16", "").Replace(string(readTestdata(t, "rmrb_2017-10-16_nbs.D110000renmrb_01.html")))), ErrNoDate},
		{"dump without date", []byte(strings.Replace(seed, "2017年9月15星期五", "星期五", 1)), ErrNoDate},
		{"html article without date", []byte("<html><body><h1>标题</h1><div><p>" + longBody + "</p></div></body></html>"), ErrNoDate},
		{"invalid utf-8", []byte("中国妇女报\n\xff\xfe\xfd 2017年9月15日\n\xc3\x28 正文"), ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := strings.ReplaceAll(tt.name, " ", "-") + ".page"
			res, err := Parse(name, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %+v, %v; want %v", res, err, tt.want)
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file %s", err, name)
			}
			for _, other := range allKinds {
				if other != tt.want && errors.Is(err, other) {
					t.Errorf("error %v is also %v", err, other)
				}
			}
		})
	}
}

var allKinds = []error{ErrEmpty, ErrBinary, ErrTruncated, ErrTooDeep, ErrNoArticle, ErrNoDate, ErrEncoding}
