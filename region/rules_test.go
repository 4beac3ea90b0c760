package region

import (
	"reflect"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
)

// TestTagRules covers the town, full-name and seat rules, each with cases
// that must not tag.
func TestTagRules(t *testing.T) {
	g := gaz(t)
	filler := "会议强调，要坚持问题导向，推动工作落到实处，让群众有更多获得感。"
	tests := []struct {
		name  string
		title string
		body  []string
		opt   Options
		want  []string
	}{
		// one full name with its suffix in the title or lead is enough, in
		// the body it is not
		{name: "full name once in the lead", title: "妇联干部实训",
			body: []string{"近日，南昌市举办培训班。" + filler},
			want: []string{"江西省", "江西省/南昌市"}},
		{name: "full county name once in the title", title: "宽城区开展培训",
			body: []string{filler},
			want: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/宽城区"}},
		{name: "full name once in the body is not enough", title: "妇联干部实训",
			body: []string{filler, "她曾在南昌市工作。"},
			want: nil},
		// phrases with one-character abbreviations
		{name: "在京 after a date", title: "全国民委主任会议召开",
			body: []string{"全国民委主任会议9日在京召开。" + filler},
			want: []string{"北京市"}},
		{name: "在京剧 is no 在京", title: "他现在京剧团工作",
			body: []string{"他现在京剧团工作，也在汉语学校教书。" + filler},
			want: nil},
		// towns
		{name: "unique town full name places its county", title: "独龙江乡迎来新公路",
			body: []string{filler},
			want: []string{"云南省", "云南省/怒江傈僳族自治州", "云南省/怒江傈僳族自治州/贡山独龙族怒族自治县"}},
		{name: "town named twice in China needs its province", title: "齐家镇的春耕",
			body: []string{filler},
			want: nil},
		{name: "town named twice in China settled by its province", title: "齐家镇的春耕",
			body: []string{"吉林省农业农村厅介绍，" + filler},
			want: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/双阳区"}},
		{name: "town after its county is one reference", title: "双阳区齐家镇的春耕",
			body: []string{filler},
			want: []string{"吉林省", "吉林省/长春市", "吉林省/长春市/双阳区"}},
		{name: "town short form alone is not enough", title: "八达岭长城游人如织",
			body: []string{filler},
			want: nil},
		{name: "town short form under a tagged province", title: "八达岭长城游人如织",
			body: []string{"北京市文物局介绍，" + filler},
			want: []string{"北京市", "北京市/延庆区"}},
		{name: "town name inside 乡村 is no town", title: "推进建设乡村振兴",
			body: []string{"福建省" + filler},
			want: []string{"福建省"}},
		{name: "town name as the tail of other words is no town", title: "对于城镇化的思考",
			body: []string{filler},
			want: nil},
		{name: "common word among town short forms", title: "民族团结进步创建",
			body: []string{"内蒙古自治区" + filler},
			want: []string{"内蒙古自治区"}},
		// seats of provincial governments
		{name: "provincial department: province only by default", title: "江西提高技术工人待遇",
			body: []string{"记者近日从江西省人社厅获悉：" + filler},
			want: []string{"江西省"}},
		{name: "provincial department with Seats adds the capital", title: "江西提高技术工人待遇",
			body: []string{"记者近日从江西省人社厅获悉：" + filler}, opt: Options{Seats: true},
			want: []string{"江西省", "江西省/南昌市"}},
		{name: "autonomous region's department by short form", title: "宁夏成立审查委员会",
			body: []string{"宁夏生态环境厅决定成立委员会。" + filler}, opt: Options{Seats: true},
			want: []string{"宁夏回族自治区", "宁夏回族自治区/银川市"}},
		{name: "no seat when another city of the province is named", title: "江西赣州推进改革",
			body: []string{"江西省委组织部介绍，" + filler}, opt: Options{Seats: true},
			want: []string{"江西省", "江西省/赣州市"}},
		{name: "no seat without a government body", title: "江西提高技术工人待遇",
			body: []string{"江西大局稳定。" + filler}, opt: Options{Seats: true},
			want: []string{"江西省"}},
		{name: "national bodies never tag 北京, even with Seats", title: "国务院常务会议部署稳就业",
			body: []string{"国务院总理主持召开国务院常务会议，外交部发言人介绍，" + filler}, opt: Options{Seats: true},
			want: nil},
		{name: "municipality has no separate seat", title: "上海市政府出台意见",
			body: []string{filler}, opt: Options{Seats: true},
			want: []string{"上海市"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &article.Article{Title: tt.title, Body: tt.body}
			if got := g.TagWith(a, tt.opt); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("TagWith = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOrganAfter(t *testing.T) {
	tests := []struct {
		rest string
		want bool
	}{
		{"委书记", true}, {"人民政府办公厅", true}, {"省人社厅获悉", true}, {"自治区应急管理厅", true},
		{"生态环境厅决定", true}, {"林业和草原局", true}, {"高级人民法院", true}, {"扶贫办获悉", true},
		{"大局稳定", false}, {"的发展局面", false}, {"全省", false}, {"", false}, {"举办活动", false},
	}
	for _, tt := range tests {
		if got := organAfter([]rune(tt.rest)); got != tt.want {
			t.Errorf("organAfter(%q) = %v, want %v", tt.rest, got, tt.want)
		}
	}
}

func TestTownShort(t *testing.T) {
	for name, want := range map[string]string{
		"十八塘乡": "十八塘", "八达岭镇": "八达岭", "乌镇镇": "", "人民路街道": "", "东华门街道": "",
		"镇北堡镇": "镇北堡", "柯岩街道": "", "北京": "",
	} {
		if got := townShort(name); got != want {
			t.Errorf("townShort(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestTownsStayOutOfNamesAndResolve(t *testing.T) {
	g := gaz(t)
	for _, n := range g.Names() {
		if k := g.byText[n]; g.aliases[k].town {
			t.Fatalf("Names has town %q", n)
		}
	}
	for _, s := range []string{"独龙江乡", "八达岭", "齐家镇"} {
		if p, err := g.Resolve(s); err == nil {
			t.Errorf("Resolve(%q) = %q, want an error: towns are not filter values", s, p)
		}
	}
}

func TestLoadTownsErrors(t *testing.T) {
	div := "22\t吉林省\t1\t\n2201\t长春市\t2\t22\n220112\t双阳区\t3\t2201\n"
	g, err := LoadWithTowns([]byte(div), []byte("# c\n齐家镇\t220112\n"))
	if err != nil {
		t.Fatalf("LoadWithTowns: %v", err)
	}
	got := g.Tag(&article.Article{Title: "齐家镇春耕"})
	if want := []string{"吉林省", "吉林省/长春市", "吉林省/长春市/双阳区"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Tag with one town = %q, want %q", got, want)
	}
	for _, tt := range []struct{ towns, wantErr string }{
		{"齐家镇\n", "towns line 1: want 2"},
		{"# c\n齐家镇\t999\n", "towns line 2: parent code \"999\" not found"},
		{"\t220112\n", "towns line 1: empty name"},
		{"\xff\t220112\n", "towns line 1: invalid UTF-8"},
	} {
		_, err := LoadWithTowns([]byte(div), []byte(tt.towns))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("towns %q: error = %v, want containing %q", tt.towns, err, tt.wantErr)
		}
	}
}
