package epaper

import (
	"reflect"
	"testing"
)

func TestBylines(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		authors []string
		rest    []string
	}{
		{"seed page bylines", []string{"□ 中国妇女报·中国女网记者 徐旭", "", "□ 李亚辉", "入户调查、清理楼道……"},
			[]string{"徐旭", "李亚辉"}, []string{"", "入户调查、清理楼道……"}},
		{"reporter and correspondent", []string{"本报记者 张三 通讯员 李四"}, []string{"张三", "李四"}, nil},
		{"outlet without space", []string{"本报记者潘俊强"}, []string{"潘俊强"}, nil},
		{"padded two-character name, photo", []string{"本报记者  贺  勇摄"}, []string{"贺勇"}, nil},
		{"comma separated roles", []string{"本报记者 张三，通讯员 李四、王五"}, []string{"张三", "李四", "王五"}, nil},
		{"photo credit report", []string{"严贵旺摄影报道"}, []string{"严贵旺"}, nil},
		{"photo credit with agency", []string{"翟慧勇摄（影像中国）"}, []string{"翟慧勇"}, nil},
		{"dateline with bracketed reporter kept",
			[]string{"本报北京1月31日电 （记者杜一菲）国家主席习近平31日在人民大会堂同卡塔尔埃米尔塔米姆举行会谈。"},
			[]string{"杜一菲"},
			[]string{"本报北京1月31日电 （记者杜一菲）国家主席习近平31日在人民大会堂同卡塔尔埃米尔塔米姆举行会谈。"}},
		{"xinhua dateline in brackets", []string{"（据新华社2月5日电  记者汪奥娜、杨绍功、陶冶）"}, []string{"汪奥娜", "杨绍功", "陶冶"}, nil},
		{"bracket with non-byline segment", []string{"（见上图，新华社记者金立旺摄）"}, []string{"金立旺"}, nil},
		{"two outlets", []string{"（本报记者汪晓东、付文，健康时报记者赵安平）"}, []string{"汪晓东", "付文", "赵安平"}, nil},
		{"interview note", []string{"（作者为荷兰皇家帝斯曼集团全球首席执行官，本报记者牛瑞飞采访整理）"}, []string{"牛瑞飞"}, nil},
		{"text and picture credit at end of paragraph",
			[]string{"让金融的发展更好地满足人民日益增长的美好生活需要。(文/图 刘玺东 易赛楠)"},
			[]string{"刘玺东", "易赛楠"},
			[]string{"让金融的发展更好地满足人民日益增长的美好生活需要。(文/图 刘玺东 易赛楠)"}},
		{"caption with trailing credit", []string{"图为游客在景区游览。  本报记者  李  舸摄"}, []string{"李舸"}, []string{"图为游客在景区游览。  本报记者  李  舸摄"}},
		{"minority name", []string{"本报记者 琼达卓嘎"}, []string{"琼达卓嘎"}, nil},
		{"dedup", []string{"本报记者 张三", "他说（记者张三）"}, []string{"张三"}, []string{"他说（记者张三）"}},
		// Things that must stay text.
		{"heading 记者手记", []string{"■记者手记", "记者手记", "记者点评"}, nil, []string{"■记者手记", "记者手记", "记者点评"}},
		{"editor is not an author", []string{"(责编：汤诗瑶、丁涛)"}, nil, []string{"(责编：汤诗瑶、丁涛)"}},
		{"author note without name", []string{"（作者为本报云南分社记者）"}, nil, []string{"（作者为本报云南分社记者）"}},
		{"reporter learned", []string{"记者从市教育局获悉，今年将新建学校20所。"}, nil, []string{"记者从市教育局获悉，今年将新建学校20所。"}},
		{"subhead", []string{"实训更接地气", "专业的人做专业的事"}, nil, []string{"实训更接地气", "专业的人做专业的事"}},
		{"bare name needs bullet", []string{"李亚辉"}, nil, []string{"李亚辉"}},
		{"picture caption bracket", []string{"（图为活动现场）", "（文中人物均为化名）"}, nil, []string{"（图为活动现场）", "（文中人物均为化名）"}},
		{"prose mentioning photography", []string{"他爱好专业摄影。"}, nil, []string{"他爱好专业摄影。"}},
		{"empty", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			authors, rest := Bylines(tt.lines)
			if !reflect.DeepEqual(authors, tt.authors) {
				t.Errorf("authors = %q, want %q", authors, tt.authors)
			}
			if !reflect.DeepEqual(rest, tt.rest) {
				t.Errorf("rest = %q, want %q", rest, tt.rest)
			}
		})
	}
}
