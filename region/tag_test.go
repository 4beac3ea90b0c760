package region

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
)

func TestTag(t *testing.T) {
	g := gaz(t)
	filler := "会议强调，要坚持问题导向，推动工作落到实处，让群众有更多获得感。"
	tests := []struct {
		name                    string
		kicker, title, subtitle string
		body                    []string
		want                    []string
	}{
		{name: "short name in title", title: "长春：冰雪经济升温",
			body: []string{filler},
			want: []string{"吉林省", "吉林省/长春市"}},
		{name: "吉林 alone is the province", title: "吉林推进黑土地保护",
			body: []string{filler},
			want: []string{"吉林省"}},
		{name: "吉林 next to a district of 吉林市 is the city", title: "吉林打造雾凇旅游品牌",
			body: []string{"船营区的游客服务中心开门迎客。" + filler},
			want: []string{"吉林省", "吉林省/吉林市", "吉林省/吉林市/船营区"}},
		{name: "吉林 next to 长春 stays the province", title: "吉林长春新区建设提速",
			body: []string{filler},
			want: []string{"吉林省", "吉林省/长春市"}},
		{name: "municipality without 市辖区", title: "北京市朝阳区开展垃圾分类",
			body: []string{filler},
			want: []string{"北京市", "北京市/朝阳区"}},
		{name: "ambiguous district without context is skipped", title: "朝阳区开展垃圾分类",
			body: []string{filler, "朝阳区共有居民小区三百余个。"},
			want: nil},
		{name: "ambiguous district resolved by the city", kicker: "长春持续推进老旧小区改造", title: "朝阳区开展垃圾分类",
			body: []string{filler},
			want: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/朝阳区"}},
		{name: "ambiguous district resolved by the municipality", title: "朝阳区开展垃圾分类",
			body: []string{"北京市城市管理委员会介绍，" + filler},
			want: []string{"北京市", "北京市/朝阳区"}},
		{name: "university names are not places", title: "吉林大学长春大学联合培养研究生",
			body: []string{filler},
			want: nil},
		{name: "road and residential names are not places", title: "北京路上的长山花园小区",
			body: []string{filler},
			want: nil},
		{name: "one passing body mention is not enough",
			title: "妇联干部实训", body: []string{filler, "她大学毕业后到上海实习。"},
			want: nil},
		{name: "two passing body mentions are",
			title: "妇联干部实训", body: []string{filler, "她大学毕业后到上海实习。", "后来她离开上海回到家乡。"},
			want: []string{"上海市"}},
		{name: "lead paragraph weighs more", title: "妇联干部实训",
			body: []string{"近日，武汉市妇联举办培训班。" + filler, filler},
			want: []string{"湖北省", "湖北省/武汉市"}},
		{name: "dateline", title: "妇联干部实训",
			body: []string{"本报长春9月14日电 （记者徐旭）" + filler},
			want: []string{"吉林省", "吉林省/长春市"}},
		{name: "Xinhua dateline", title: "国务院常务会议部署稳就业",
			body: []string{"新华社北京1月31日电 " + filler},
			want: []string{"北京市"}},
		{name: "country level is no region", title: "中国经济稳中向好",
			body: []string{"全国各地" + filler},
			want: nil},
		{name: "compound naming three divisions", title: "京津冀协同发展迈出新步伐",
			body: []string{filler},
			want: []string{"北京市", "天津市", "河北省"}},
		{name: "北京市场 is 北京 plus 市场", title: "北京市场蔬菜供应充足",
			body: []string{filler},
			want: []string{"北京市"}},
		{name: "common words are not places", title: "和平发展合作共赢",
			body: []string{"新华社评论：友好合作、共同繁荣是大势所趋。"},
			want: nil},
		{name: "district mentioned once under a strongly tagged city", title: "长春：老旧小区焕新颜",
			body: []string{filler, "在宽城区，改造后的楼道干净明亮。"},
			want: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/宽城区"}},
		{name: "province of two weak cities", title: "春耕备耕忙",
			body: []string{filler, "在孝感，农民抢抓农时。", "在黄冈，机械化播种全面铺开。"},
			want: []string{"湖北省"}},
		{name: "short county form needs a tagged ancestor", title: "妇联干部实训",
			body: []string{filler, "宽城的干部来了。", "宽城的群众也来了。"},
			want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &article.Article{Kicker: tt.kicker, Title: tt.title, Subtitle: tt.subtitle, Body: tt.body}
			got := g.Tag(a)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tag = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTagNil(t *testing.T) {
	if got := gaz(t).Tag(nil); got != nil {
		t.Errorf("Tag(nil) = %q", got)
	}
	if got := gaz(t).Tag(&article.Article{}); got != nil {
		t.Errorf("Tag(empty) = %q", got)
	}
}

func TestNames(t *testing.T) {
	names := gaz(t).Names()
	set := map[string]bool{}
	for _, n := range names {
		set[n] = true
		if len([]rune(n)) < 2 {
			t.Errorf("Names has one-rune %q", n)
		}
	}
	for _, w := range []string{"长春市", "长春", "吉林省", "吉林", "宽城区", "宽城", "北京市", "北京", "内蒙古", "延边", "神农架"} {
		if !set[w] {
			t.Errorf("Names lacks %q", w)
		}
	}
	for _, w := range []string{"合作", "资源", "和平", "城区", "市辖区", "省直辖县级行政区划"} {
		if set[w] {
			t.Errorf("Names has %q, a common word or pseudo-division", w)
		}
	}
}

func TestShortForms(t *testing.T) {
	tests := []struct {
		name  string
		level int
		want  []string
	}{
		{"长春市", 2, []string{"长春"}},
		{"吉林省", 1, []string{"吉林"}},
		{"广西壮族自治区", 1, []string{"广西"}},
		{"延边朝鲜族自治州", 2, []string{"延边"}},
		{"恩施土家族苗族自治州", 2, []string{"恩施"}},
		{"博尔塔拉蒙古自治州", 2, []string{"博尔塔拉"}},
		{"阿克苏地区", 2, []string{"阿克苏"}},
		{"锡林郭勒盟", 2, []string{"锡林郭勒"}},
		{"神农架林区", 3, []string{"神农架"}},
		{"浦东新区", 3, []string{"浦东"}},
		{"石柱土家族自治县", 3, []string{"石柱"}},
		{"宽城区", 3, []string{"宽城"}},
		{"城区", 3, nil},
		{"忠县", 3, nil},
	}
	for _, tt := range tests {
		if got := shortForms(tt.name, tt.level); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shortForms(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := "# comment\n22\t吉林省\t1\t\n2201\t长春市\t2\t22\n220103\t宽城区\t3\t2201\n"
	if g, err := Load([]byte(good)); err != nil {
		t.Fatalf("Load(good): %v", err)
	} else if p, err := g.Resolve("宽城"); err != nil || p != "吉林省/长春市/宽城区" {
		t.Errorf("Resolve(宽城) on small gazetteer = %q, %v", p, err)
	}
	tests := []struct{ name, tsv, wantErr string }{
		{"empty", "", "no divisions"},
		{"fields", "22\t吉林省\t1\n", "line 1: want 4"},
		{"level", "# c\n22\t吉林省\t4\t\n", "line 2: level"},
		{"dup", "22\t吉林省\t1\t\n22\t吉林省\t1\t\n", "line 2: duplicate code"},
		{"parent missing", "22\t吉林省\t1\t\n2201\t长春市\t2\t99\n", "line 2: parent code 99 not found"},
		{"province with parent", "22\t吉林省\t1\t11\n", "line 1: level 1 with parent"},
		{"parent deeper", "22\t吉林省\t1\t\n2201\t长春市\t3\t22\n2202\t吉林市\t2\t2201\n", "line 3: parent 2201 is not at a shallower level"},
		{"slash in name", "22\t吉林/省\t1\t\n", "line 1: empty code or name"},
		{"bad utf8", "22\t\xff\t1\t\n", "line 1: invalid UTF-8"},
		{"same path", "22\t吉林省\t1\t\n23\t吉林省\t1\t\n", "line 2: path 吉林省 already defined on line 1"},
	}
	for _, tt := range tests {
		_, err := Load([]byte(tt.tsv))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: Load error = %v, want containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestDefaultShape(t *testing.T) {
	g := gaz(t)
	levels := map[int]int{}
	for _, n := range g.nodes {
		levels[n.level]++
		if strings.Contains(n.path, "市辖区") || strings.Contains(n.path, "直辖县级") || strings.HasSuffix(n.path, "/县") {
			t.Errorf("pseudo-division in path %q", n.path)
		}
	}
	if levels[1] != 31 || levels[2] < 330 || levels[3] < 2900 {
		t.Errorf("levels = %v, want 31 provinces, 330+ prefectures, 2900+ counties", levels)
	}
}

// A county's short form in a title is not enough by itself: two-character
// short forms are often ordinary words (玉山 "jade mountain" in a headline).
// With its full name, or with its city in evidence, it is.
func TestCountyShortFormNeedsSupport(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		title, body string
		want        string // a tag that must be present, or "" for none
		notWant     string
	}{
		{"玉山亘野 琼林分道", "1月4日，滑雪节在长春举行。", "吉林省/长春市", "江西省/上饶市/玉山县"},
		{"玉山县发展乡村旅游", "今年接待游客增长。", "江西省/上饶市/玉山县", ""},
		{"宽城社区新貌", "长春市宽城区社区服务提升。", "吉林省/长春市/宽城区", ""},
	}
	for _, c := range cases {
		tags := g.Tag(&article.Article{Title: c.title, Body: []string{c.body}})
		if c.want != "" && !slices.Contains(tags, c.want) {
			t.Errorf("%s: tags %v lack %s", c.title, tags, c.want)
		}
		if c.notWant != "" && slices.Contains(tags, c.notWant) {
			t.Errorf("%s: tags %v include %s", c.title, tags, c.notWant)
		}
	}
}
