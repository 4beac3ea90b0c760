package index

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/baosou/baosou/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/go-ego/gse"
)

var precisionEval = flag.Bool("precision-eval", false, "measure the precision of 20 place and person names on ../shared/corpus (default reading against substr=1)")

// precisionNames are places and people of the 人民日报 corpus, many of
// them easy to find inside other words (长春 in 延长春节, 海南 in 上海南,
// 江西 in 浙江西部, 大连 in 扩大连续). The first 20 that the judge knows as
// words are measured: a name it cuts apart it cannot judge.
var precisionNames = []string{
	"长春", "吉林", "海南", "江西", "大连", "西安", "南京", "武汉", "黄山", "太原",
	"安康", "长沙", "中山", "习近平", "李克强", "王毅", "钟南山", "张伯礼", "李兰娟", "王沪宁",
	"宜昌", "黄冈", "孝感", "温州", "上饶", "胡春华", "孙春兰", "王岐山", "栗战书", "韩正",
}

const precisionNameCount = 20

// TestNamePrecision measures how many hits of each name really mention it,
// with a judge independent of our dictionaries: gse's own dictionary, in
// its search mode (words and their sub-words). A hit is judged a mention
// when that cut of its text holds the name as a word. It reports, per
// name, the hits and the judged precision of the default reading and of
// substr=1, and asserts that the default is no less precise overall.
//
//	go test ./index -run TestNamePrecision -precision-eval -v -timeout 30m
func TestNamePrecision(t *testing.T) {
	if !*precisionEval {
		t.Skip("pass -precision-eval to run")
	}
	dir := os.Getenv("BAOSOU_BENCH_INDEX")
	if dir == "" {
		dir = filepath.Join(t.TempDir(), "index")
	}
	x := corpusIndex(t, dir)
	judge := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	if err := judge.LoadDictEmbed("zh_s"); err != nil {
		t.Fatal(err)
	}
	mentions := func(h search.Hit, body, name string) bool {
		for _, s := range []string{h.Title, h.Kicker, h.Subtitle, body} {
			if strings.Contains(s, name) && slices.Contains(judge.CutSearch(s), name) {
				return true
			}
		}
		return false
	}
	var rows []string
	var sums [2][2]int // [default, substr][hits, judged]
	var names, unjudged []string
	for _, name := range precisionNames {
		if len(names) == precisionNameCount {
			break
		}
		if slices.Contains(judge.CutSearch(name+"。"), name) {
			names = append(names, name)
		} else {
			unjudged = append(unjudged, name)
		}
	}
	t.Logf("names the judge cuts apart, so cannot judge (left out): %v", unjudged)
	for _, name := range names {
		var cells []string
		for i, substr := range []bool{false, true} {
			hits, judged := 0, 0
			for page := 1; page <= 20; page++ {
				res, err := x.Search(context.Background(), search.Request{Query: name, Substr: substr, Size: 100, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					for _, id := range append([]string{h.ID}, alsoIDs(h)...) {
						a, err := x.storedText(id)
						if err != nil {
							t.Fatal(err)
						}
						hits++
						if mentions(a.hit, a.body, name) {
							judged++
						}
					}
				}
				if len(res.Hits) < 100 {
					break
				}
			}
			sums[i][0] += hits
			sums[i][1] += judged
			cells = append(cells, fmt.Sprintf("%d | %.3f", hits, ratio(judged, hits)))
		}
		rows = append(rows, fmt.Sprintf("| %s | %s |", name, strings.Join(cells, " | ")))
	}
	t.Logf("\n| name | hits | precision | hits with substr=1 | precision |\n| --- | --- | --- | --- | --- |\n%s\n| all | %d | %.3f | %d | %.3f |",
		strings.Join(rows, "\n"), sums[0][0], ratio(sums[0][1], sums[0][0]), sums[1][0], ratio(sums[1][1], sums[1][0]))
	if ratio(sums[0][1], sums[0][0]) < ratio(sums[1][1], sums[1][0]) {
		t.Errorf("the default reading is less precise than substr=1")
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func alsoIDs(h search.Hit) []string {
	var out []string
	for _, a := range h.Also {
		out = append(out, a.ID)
	}
	return out
}

type storedDoc struct {
	hit  search.Hit
	body string
}

// storedText reads an article's stored text fields by id.
func (x *Index) storedText(id string) (storedDoc, error) {
	sr := bleve.NewSearchRequest(query.NewDocIDQuery([]string{id}))
	sr.Fields = storedFields
	res, err := x.bleve.Search(sr)
	if err != nil || len(res.Hits) != 1 {
		return storedDoc{}, fmt.Errorf("document %s: %v", id, err)
	}
	f := res.Hits[0].Fields
	body, _ := f[FieldBody].(string)
	return storedDoc{hit: hitFromFields(id, f), body: body}, nil
}
