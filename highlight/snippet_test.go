package highlight

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"甲乙。丙丁！戊？己；庚", []string{"甲乙。", "丙丁！", "戊？", "己；", "庚"}},
		{"他说：“长春好。”然后走了。", []string{"他说：“长春好。”", "然后走了。"}},
		{"真的吗？！是的。。", []string{"真的吗？！", "是的。。"}},
		{"增长3.5%。下降.上升", []string{"增长3.5%。", "下降.", "上升"}},
		{"Hello world. It works!Yes", []string{"Hello world.", "It works!", "Yes"}},
		{"见www.people.cn网站。", []string{"见www.people.cn网站。"}},
		{"  第一段\n\n\u3000\u3000第二段。 第三句 \r\n", []string{"第一段", "第二段。", "第三句"}},
		{"全角！ＡＢ；半角;", []string{"全角！", "ＡＢ；", "半角;"}},
		{"", nil},
		{" \n\t\u3000", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range splitSentences(tt.text) {
			got = append(got, tt.text[s.start:s.end])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSentenceParagraphsAndRunes(t *testing.T) {
	text := "甲。乙\n丙。"
	got := splitSentences(text)
	want := []sentence{
		{start: 0, end: 6, runeStart: 0, runeEnd: 2, para: 0},
		{start: 6, end: 9, runeStart: 2, runeEnd: 3, para: 0},
		{start: 10, end: 16, runeStart: 4, runeEnd: 6, para: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitSentences(%q) = %+v, want %+v", text, got, want)
	}
}

const longSentence = "这是一个很长的句子没有任何标点符号但是中间提到了长春这个城市然后继续说了很多别的事情直到结束。"

func TestSnippets(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		text    string
		needles []string
		want    []string
	}{
		{"densest sentence wins", Options{FragmentChars: 10, MaxFragments: 1},
			"甲乙丙丁。长春很好。长春市长春区。吉林省。", []string{"长春"},
			[]string{"<mark>长春</mark>市<mark>长春</mark>区。"}},
		{"fragments in text order, context sentences added", Options{FragmentChars: 10, MaxFragments: 2},
			"甲乙丙丁。长春很好。长春市长春区。吉林省。", []string{"长春"},
			[]string{"甲乙丙丁。<mark>长春</mark>很好。", "<mark>长春</mark>市<mark>长春</mark>区。"}},
		{"more distinct needles beat more occurrences", Options{FragmentChars: 9, MaxFragments: 1},
			"长春，长春，长春。吉林和长春。", []string{"长春", "吉林"},
			[]string{"<mark>吉林</mark>和<mark>长春</mark>。"}},
		{"whole sentences after the match first", Options{FragmentChars: 20, MaxFragments: 1},
			"开头。长春很好。后来的句子。再后来的一句话。", []string{"长春"},
			[]string{"<mark>长春</mark>很好。后来的句子。再后来的一句话。"}},
		{"then sentences before it", Options{FragmentChars: 20, MaxFragments: 1},
			"太长了放不下的开头句子。开头。后来的句子。长春很好。\n别的段落。", []string{"长春"},
			[]string{"开头。后来的句子。<mark>长春</mark>很好。"}},
		{"no crossing of paragraphs", Options{FragmentChars: 20},
			"长春。\n很好。", []string{"长春"},
			[]string{"<mark>长春</mark>。"}},
		{"over-long sentence cut with ellipsis", Options{FragmentChars: 10},
			longSentence, []string{"长春"},
			[]string{"…到了<mark>长春</mark>这个城市然后…"}},
		{"over-long sentence cut at its start", Options{FragmentChars: 10},
			longSentence, []string{"这是"},
			[]string{"<mark>这是</mark>一个很长的句子没…"}},
		{"over-long sentence cut at its end", Options{FragmentChars: 10},
			longSentence, []string{"结束"},
			[]string{"…多别的事情直到<mark>结束</mark>。"}},
		{"denser cluster in an over-long sentence", Options{FragmentChars: 10},
			"长春在前面然后有很多很多很多很多很多字后面长春长春春长春在这里", []string{"长春"},
			[]string{"…面<mark>长春长春</mark>春<mark>长春</mark>在这…"}},
		{"cut starts after a clause break", Options{FragmentChars: 15},
			"前面有一些字然后这里还有一些字，提到长春和别的很多很多很多很多很多字。", []string{"长春"},
			[]string{"…提到<mark>长春</mark>和别的很多很多很多很多…"}},
		{"cut fills the window at the sentence end", Options{FragmentChars: 10},
			"前面有一些字然后这里别的很多很多很多很多很多字提到长春。", []string{"长春"},
			[]string{"…很多很多字提到<mark>长春</mark>。"}},
		{"no match gives the lead", Options{FragmentChars: 10},
			"第一句话。第二句话。第三句话很长很长。", []string{"吉林"},
			[]string{"第一句话。第二句话。"}},
		{"no needles gives the lead", Options{FragmentChars: 10},
			"第一句话。第二句话。第三句话很长很长。", nil,
			[]string{"第一句话。第二句话。"}},
		{"lead stays in the first paragraph", Options{FragmentChars: 10},
			"短。\n第二段。", nil, []string{"短。"}},
		{"over-long lead is cut", Options{FragmentChars: 10},
			longSentence, nil, []string{"这是一个很长的句子没…"}},
		{"escaped, marks clipped to the fragment", Options{FragmentChars: 10},
			"a<b>&\"'长春。", []string{"长春"}, []string{"a&lt;b&gt;&amp;&#34;&#39;<mark>长春</mark>。"}},
		{"folded match marks the original", Options{Fold: testFold},
			"ＩＢＭ在長春设厂。别的。", []string{"ibm", "长春"},
			[]string{"<mark>ＩＢＭ</mark>在<mark>長春</mark>设厂。别的。"}},
		{"empty text", Options{}, "", []string{"长春"}, nil},
		{"space only", Options{}, " \n ", []string{"长春"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := New(tt.opts).Snippets(tt.text, tt.needles)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Snippets(%q, %q)\n got %q\nwant %q", tt.text, tt.needles, got, tt.want)
			}
		})
	}
}

func TestSnippetsNoOverlapAndOrder(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "长春第%d句。吉林也好。", i)
	}
	h := New(Options{FragmentChars: 12, MaxFragments: 4})
	got := h.Snippets(b.String(), []string{"长春", "吉林"})
	// All windows score the same (two needles, two marks), so the first four
	// in the text win, each two whole sentences, none sharing a sentence.
	want := []string{
		"<mark>长春</mark>第0句。<mark>吉林</mark>也好。",
		"<mark>长春</mark>第1句。<mark>吉林</mark>也好。",
		"<mark>长春</mark>第2句。<mark>吉林</mark>也好。",
		"<mark>长春</mark>第3句。<mark>吉林</mark>也好。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestSnippetsNoRepeatedText(t *testing.T) {
	text := strings.Repeat("长春很好。吉林也好。", 30) + "长春，吉林。"
	got := New(Options{FragmentChars: 12, MaxFragments: 3}).Snippets(text, []string{"长春", "吉林"})
	want := []string{
		"<mark>长春</mark>很好。<mark>吉林</mark>也好。",
		"<mark>吉林</mark>也好。<mark>长春</mark>，<mark>吉林</mark>。",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	text := readTestdata(t, "chagan.txt")
	needles := []string{"查干湖", "吉林", "河湖连通", "湿地", "水"}
	h := New(Options{})
	first := h.Snippets(text, needles)
	firstMark := h.Mark(text, needles)
	for i := range 20 {
		// Needle order must not matter either.
		perm := append([]string(nil), needles[i%len(needles):]...)
		perm = append(perm, needles[:i%len(needles)]...)
		if got := h.Snippets(text, perm); !reflect.DeepEqual(got, first) {
			t.Fatalf("run %d with needles %q: %q, first run %q", i, perm, got, first)
		}
		if got := h.Mark(text, perm); got != firstMark {
			t.Fatalf("run %d: Mark differs", i)
		}
	}
}

// A fragment cut out of an over-long sentence does not end inside a mark.
func TestCutLongDoesNotSplitAMark(t *testing.T) {
	h := New(Options{FragmentChars: 10, MaxFragments: 3})
	text := "甲乙丙丁戊己庚辛一带一路壬癸子丑寅卯辰巳午未申酉戌亥"
	for _, f := range h.Snippets(text, []string{"甲乙", "一带一路"}) {
		for _, part := range strings.Split(f, "<mark>")[1:] {
			if m := part[:strings.Index(part, "</mark>")]; m != "甲乙" && m != "一带一路" {
				t.Errorf("fragment %q marks a piece of a match: %q", f, m)
			}
		}
	}
}
