package segment

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

type tokCase struct {
	name string
	text string
	mode Mode
	want []Token
}

func TestTokenize(t *testing.T) {
	s := seg(t)
	cases := []tokCase{
		{"empty", "", ModeQuery, nil},
		{"only punctuation", " ，。！\t", ModeQuery, nil},
		// ModeQuery cuts the compound 人民政府 like the PKU standard; the
		// index holds both the whole word and its pieces.
		{"phrase query", "长春市人民政府发布", ModeQuery, []Token{
			{"长春市", 0, 9, 1}, {"人民", 9, 15, 4}, {"政府", 15, 21, 6}, {"发布", 21, 27, 8}}},
		{"phrase index", "长春市人民政府发布", ModeIndex, []Token{
			{"长春市", 0, 9, 1}, {"长春", 0, 6, 1}, {"市", 6, 9, 3},
			{"人民政府", 9, 21, 4}, {"人民", 9, 15, 4}, {"政府", 15, 21, 6},
			{"发布", 21, 27, 8}}},
		{"query of a sub-phrase", "政府发布", ModeQuery, []Token{
			{"政府", 0, 6, 1}, {"发布", 6, 12, 3}}},
		{"repeated words", "长春和长春，长春", ModeQuery, []Token{
			{"长春", 0, 6, 1}, {"和", 6, 9, 3}, {"长春", 9, 15, 4}, {"长春", 18, 24, 7}}},
		{"repeated single character", "哈，哈", ModeQuery, []Token{
			{"哈", 0, 3, 1}, {"哈", 6, 9, 3}}},
		{"latin and digits", "iPhone15和5G", ModeQuery, []Token{
			{"iphone15", 0, 8, 1}, {"和", 8, 11, 9}, {"5g", 11, 13, 10}}},
		{"full-width latin and digits", "ＩＢＭ的２０２４", ModeQuery, []Token{
			{"ibm", 0, 9, 1}, {"的", 9, 12, 4}, {"2024", 12, 24, 5}}},
		{"latin words split at spaces", "Hello World", ModeQuery, []Token{
			{"hello", 0, 5, 1}, {"world", 6, 11, 7}}},
		{"traditional", "長春", ModeQuery, []Token{{"长春", 0, 6, 1}}},
		{"traditional phrase", "長春市人民政府發佈", ModeQuery, []Token{
			{"长春市", 0, 9, 1}, {"人民", 9, 15, 4}, {"政府", 15, 21, 6}, {"发布", 21, 27, 8}}},
		{"surname apart from given name", "江泽民说", ModeQuery, []Token{
			{"江", 0, 3, 1}, {"泽民", 3, 9, 2}, {"说", 9, 12, 4}}},
		{"name index keeps the whole name", "江泽民", ModeIndex, []Token{
			{"江泽民", 0, 9, 1}, {"江", 0, 3, 1}, {"泽民", 3, 9, 2}}},
		{"numeral apart from classifier", "三个代表", ModeQuery, []Token{
			{"三", 0, 3, 1}, {"个", 3, 6, 2}, {"代表", 6, 12, 3}}},
		{"cut word index", "三个代表", ModeIndex, []Token{
			{"三个代表", 0, 12, 1}, {"三个", 0, 6, 1}, {"三", 0, 3, 1}, {"个", 3, 6, 2}, {"代表", 6, 12, 3}}},
		{"duration stays apart", "10年", ModeQuery, []Token{
			{"10", 0, 2, 1}, {"年", 2, 5, 3}}},
		{"space and punctuation skipped", " 长春 ，\t发布！", ModeQuery, []Token{
			{"长春", 1, 7, 2}, {"发布", 12, 18, 7}}},
		{"year query", "2019年", ModeQuery, []Token{{"2019年", 0, 7, 1}}},
		{"year index", "2019年", ModeIndex, []Token{
			{"2019年", 0, 7, 1}, {"2019", 0, 4, 1}, {"年", 4, 7, 5}}},
		{"full-width year", "２０１９年", ModeQuery, []Token{{"2019年", 0, 15, 1}}},
		{"decimal percent", "增长3.5%", ModeIndex, []Token{
			{"增长", 0, 6, 1}, {"3.5%", 6, 10, 3}, {"3.5", 6, 9, 3}}},
		{"chinese numerals", "二○○一年十二月三十一日", ModeQuery, []Token{
			{"二○○一年", 0, 15, 1}, {"十二月", 15, 24, 6}, {"三十一日", 24, 36, 9}}},
		{"number glued to latin stays whole", "MP3和4S店", ModeQuery, []Token{
			{"mp3", 0, 3, 1}, {"和", 3, 6, 4}, {"4s店", 6, 11, 5}}},
		{"nested sub-words", "中华人民共和国", ModeIndex, []Token{
			{"中华人民共和国", 0, 21, 1}, {"中华", 0, 6, 1}, {"人民共和国", 6, 21, 3},
			{"人民", 6, 12, 3}, {"共和国", 12, 21, 5}, {"共和", 12, 18, 5}, {"国", 18, 21, 7}}},
		{"invalid utf-8 is skipped", "长春\xff发布", ModeQuery, []Token{
			{"长春", 0, 6, 1}, {"发布", 7, 13, 4}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := s.Tokenize(c.text, c.mode)
			if len(got) == 0 && len(c.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Tokenize(%q, %v)\n got %v\nwant %v", c.text, c.mode, got, c.want)
			}
		})
	}
}

// TestIndexNeverInventsCrossWords: sub-words stay inside the word's own
// segmentation, so 民政 (across 人民|政府) is never indexed.
func TestIndexNeverInventsCrossWords(t *testing.T) {
	for _, tok := range seg(t).Tokenize("长春市人民政府发布通知", ModeIndex) {
		if tok.Term == "民政" || tok.Term == "春市" {
			t.Errorf("ModeIndex invented %v", tok)
		}
	}
}

func TestBigrams(t *testing.T) {
	cases := []struct {
		text       string
		index, qry []Token
	}{
		{"", nil, nil},
		{"市", []Token{{"市", 0, 3, 1}}, []Token{{"市", 0, 3, 1}}},
		{"长春市", []Token{{"长春", 0, 6, 1}, {"春市", 3, 9, 2}, {"市", 6, 9, 3}}, []Token{{"长春", 0, 6, 1}, {"春市", 3, 9, 2}}},
		{"長春，市 iP", []Token{
			{"长春", 0, 6, 1}, {"春,", 3, 9, 2}, {",市", 6, 12, 3}, {"市 ", 9, 13, 4}, {" i", 12, 14, 5}, {"ip", 13, 15, 6}, {"p", 14, 15, 7}}, nil},
		{"ＩＢＭ２０", []Token{
			{"ib", 0, 6, 1}, {"bm", 3, 9, 2}, {"m2", 6, 12, 3}, {"20", 9, 15, 4}, {"0", 12, 15, 5}}, nil},
		{"10月20日", []Token{
			{"10", 0, 2, 1}, {"0月", 1, 5, 2}, {"月2", 2, 6, 3}, {"20", 5, 7, 4}, {"0日", 6, 10, 5}, {"日", 7, 10, 6}}, nil},
		{"10月2", nil, []Token{{"10", 0, 2, 1}, {"0月", 1, 5, 2}, {"月2", 2, 6, 3}}},
		{"政府\n发布\u3000", []Token{
			{"政府", 0, 6, 1}, {"府 ", 3, 7, 2}, {" 发", 6, 10, 3}, {"发布", 7, 13, 4}, {"布 ", 10, 16, 5}, {" ", 13, 16, 6}}, nil},
	}
	for _, c := range cases {
		for _, side := range []struct {
			name string
			fn   func(string) []Token
			want []Token
		}{{"Bigrams", Bigrams, c.index}, {"QueryBigrams", QueryBigrams, c.qry}} {
			if side.want == nil && c.text != "" {
				continue
			}
			got := side.fn(c.text)
			if len(got) == 0 && len(side.want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, side.want) {
				t.Errorf("%s(%q)\n got %v\nwant %v", side.name, c.text, got, side.want)
			}
		}
	}
}

func TestNGrams(t *testing.T) {
	cases := []struct {
		text string
		n    int
		want []Token
	}{
		{"", 2, nil},
		{"市", 2, nil},
		{"市", 1, []Token{{"市", 0, 3, 1}}},
		{"長春 市", 1, []Token{{"长", 0, 3, 1}, {"春", 3, 6, 2}, {"市", 7, 10, 4}}},
		{"長春，市", 2, []Token{{"长春", 0, 6, 1}, {"春,", 3, 9, 2}, {",市", 6, 12, 3}}},
		{"ＩＢＭ２０", 3, []Token{{"ibm", 0, 9, 1}, {"bm2", 3, 12, 2}, {"m20", 6, 15, 3}}},
		{"政府\n发布", 4, []Token{{"政府 发", 0, 10, 1}, {"府 发布", 3, 13, 2}}},
		{"人工智能", 4, []Token{{"人工智能", 0, 12, 1}}},
		{"人工智能", 5, nil},
	}
	for _, c := range cases {
		got := NGrams(c.text, c.n)
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("NGrams(%q, %d)\n got %v\nwant %v", c.text, c.n, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := []struct {
		in, want string
		offsets  []int
	}{
		{"", "", []int{0}},
		{"ＩＢＭ", "ibm", []int{0, 3, 6, 9}},
		{"長春A", "长春a", []int{0, 0, 0, 3, 3, 3, 6, 7}},
		{"２０２４", "2024", []int{0, 3, 6, 9, 12}},
		{"發展　Ok", "发展 ok", []int{0, 0, 0, 3, 3, 3, 6, 9, 10, 11}},
		{"a\xffb", "a\uFFFDb", []int{0, 1, 1, 1, 2, 3}},
	}
	for _, c := range cases {
		got, offs := Fold(c.in)
		if got != c.want || !reflect.DeepEqual(offs, c.offsets) {
			t.Errorf("Fold(%q) = %q, %v; want %q, %v", c.in, got, offs, c.want, c.offsets)
		}
	}
}

func TestFoldRune(t *testing.T) {
	for in, want := range map[rune]rune{
		'A': 'a', 'z': 'z', 'Ｚ': 'z', '９': '9', '　': ' ', '，': ',',
		'長': '长', '發': '发', '后': '后', '长': '长', 'Ä': 'ä', 'ｶ': 'カ',
	} {
		if got := FoldRune(in); got != want {
			t.Errorf("FoldRune(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldVariants(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want []rune
	}{
		{'a', []rune{'A', 'Ａ', 'ａ'}},
		{'长', []rune{'長'}},
		{'发', []rune{'發', '髮'}},
		{'後', nil}, // folds to 后 itself
		{'国', []rune{'國'}},
	} {
		got := slices.Sorted(slices.Values(FoldVariants(c.r)))
		want := slices.Sorted(slices.Values(c.want))
		for _, v := range want {
			if !slices.Contains(got, v) {
				t.Errorf("FoldVariants(%q) = %q, lacks %q", c.r, got, v)
			}
		}
		for _, v := range got {
			if v == c.r || FoldRune(v) != c.r {
				t.Errorf("FoldVariants(%q) holds %q, which folds to %q", c.r, v, FoldRune(v))
			}
		}
	}
}

// TestConcurrentTokenize shares one Segmenter between goroutines; run with
// -race it proves Tokenize only reads.
func TestConcurrentTokenize(t *testing.T) {
	s := seg(t)
	want := fmt.Sprint(s.Tokenize("长春市人民政府发布2019年通知", ModeIndex))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got := fmt.Sprint(s.Tokenize("长春市人民政府发布2019年通知", ModeIndex)); got != want {
					t.Errorf("concurrent Tokenize = %s, want %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestLinearOnRepeats(t *testing.T) {
	text := strings.Repeat("哈", 10000)
	toks := seg(t).Tokenize(text, ModeQuery)
	end, pos := 0, 0
	for _, tok := range toks {
		if tok.Start < end || tok.Position <= pos {
			t.Fatalf("token %v after end %d position %d", tok, end, pos)
		}
		end, pos = tok.End, tok.Position
	}
	if end != len(text) {
		t.Fatalf("tokens end at %d, want %d", end, len(text))
	}
}

func TestModeString(t *testing.T) {
	for _, m := range []Mode{ModeQuery, ModeIndex} {
		got, err := ParseMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseMode("search"); err == nil {
		t.Error("ParseMode(search) succeeded")
	}
}

// TestDictionaries loads a second Segmenter with a test dictionary: its
// words are kept whole (also when written in Traditional), and the
// analyzer version changes with the dictionary bytes.
func TestDictionaries(t *testing.T) {
	f, err := os.Open("testdata/test_dict.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s2, err := New(Config{Dicts: []io.Reader{f}, DictNames: []string{"test_dict.txt"}})
	if err != nil {
		t.Fatalf("New with test dictionary: %v", err)
	}
	got := s2.Tokenize("报搜引擎收录試驗詞彙和长春宽城", ModeQuery)
	want := []Token{{"报搜引擎", 0, 12, 1}, {"收录", 12, 18, 5}, {"试验词汇", 18, 30, 7},
		{"和", 30, 33, 11}, {"长春宽城", 33, 45, 12}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with test dictionary\n got %v\nwant %v", got, want)
	}
	if s2.Version() == seg(t).Version() {
		t.Errorf("Version %q does not change with the dictionaries", s2.Version())
	}
	if !strings.HasPrefix(s2.Version(), codeVersion+"-") {
		t.Errorf("Version %q lacks the code version", s2.Version())
	}
}

func TestDictionaryErrors(t *testing.T) {
	cases := []struct{ dict, want string }{
		{"长春 abc\n", "mine line 1: frequency \"abc\""},
		{"# c\n长春 10 ns extra\n", "mine line 2: want"},
		{"长春 0\n", "mine line 1: frequency \"0\""},
		{"\xff\n", "mine: not valid UTF-8"},
	}
	for _, c := range cases {
		_, err := New(Config{Dicts: []io.Reader{strings.NewReader(c.dict)}, DictNames: []string{"mine"}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New with %q: error %v, want it to contain %q", c.dict, err, c.want)
		}
	}
	if _, err := New(Config{Dicts: []io.Reader{nil}}); err == nil || !strings.Contains(err.Error(), "dictionary 0") {
		t.Errorf("New with nil reader: error %v", err)
	}
}

// TestLongTextChunks: long texts are segmented in sentence-sized chunks;
// the tokens must be those of each sentence alone, shifted.
func TestLongTextChunks(t *testing.T) {
	s := seg(t)
	const sentence = "长春市人民政府2019年发布三十一日通知，江泽民说3.5%！\n"
	text := strings.Repeat(sentence, 200)
	for _, m := range []Mode{ModeQuery, ModeIndex} {
		one := s.Tokenize(sentence, m)
		var want []Token
		runes := len([]rune(sentence))
		for i := range 200 {
			for _, tok := range one {
				tok.Start += i * len(sentence)
				tok.End += i * len(sentence)
				tok.Position += i * runes
				want = append(want, tok)
			}
		}
		if got := s.Tokenize(text, m); !reflect.DeepEqual(got, want) {
			t.Errorf("%v: long text tokens differ from the sentence's (%d vs %d tokens)", m, len(got), len(want))
		}
	}
}
