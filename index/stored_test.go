package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestSearchStoredAsBleve checks that the stored fields read by document
// number are the ones Bleve itself loads by id, field for field, over
// several segments (batches of 3) and after a document was replaced (its
// old number deleted, so numbers and ids no longer line up).
func TestSearchStoredAsBleve(t *testing.T) {
	var docs []article.Article
	for i := range 10 {
		a := article.Article{
			ID: fmt.Sprintf("a%d", i), Newspaper: "人民日报", Title: fmt.Sprintf("长春新闻第%d号", i),
			Kicker: "引题", Body: []string{"长春市今天下雪。", "第二段，吉林省。"}, Section: "要闻", Page: "01",
			Date: fmt.Sprintf("2020-01-%02d", i+1),
		}
		if i%2 == 0 {
			a.Authors = []string{"张三", "李四"}
			a.Regions = []string{"吉林省", "吉林省/长春市"}
		} else {
			a.Authors = []string{"王五"}
		}
		docs = append(docs, a)
	}
	x := newTestIndex(t, nil)
	applyAll(t, x, docs, 3)
	again := docs[4]
	again.Title = "长春新闻改正"
	if err := x.Apply(context.Background(), []Change{{Seq: 11, ID: again.ID, Article: &again}}); err != nil {
		t.Fatal(err)
	}
	q := query.NewTermQuery("长春")
	q.SetField(FieldWords)
	// Sorted by id, so that both searches list the same hits in the same
	// order: scores tie here, and may shift when segments merge between
	// the two searches.
	request := func(size int) *bleve.SearchRequest {
		sr := bleve.NewSearchRequestOptions(q, size, 0, false)
		sr.SortBy([]string{"_id"})
		return sr
	}
	for _, size := range []int{1, 5, 20} {
		want := request(size)
		want.Fields = storedFields
		ref, err := x.bleve.Search(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.searchStored(context.Background(), request(size), storedFields)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) != len(ref.Hits) || len(got.Hits) != min(size, len(docs)) {
			t.Fatalf("size %d: %d hits, Bleve %d", size, len(got.Hits), len(ref.Hits))
		}
		for i, h := range got.Hits {
			if h.ID != ref.Hits[i].ID || !reflect.DeepEqual(h.Fields, ref.Hits[i].Fields) {
				t.Errorf("size %d, hit %d:\n got %s %v\nwant %s %v", size, i, h.ID, h.Fields, ref.Hits[i].ID, ref.Hits[i].Fields)
			}
		}
	}
}
