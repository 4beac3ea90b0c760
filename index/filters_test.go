package index

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
)

// Filters alone (no words) list articles newest first; whatever the
// filters, every hit has a finite score, so the answer encodes as JSON.
func TestFilterOnlyListingsEncode(t *testing.T) {
	x := newTestIndex(t, []article.Article{
		{ID: "a", Newspaper: "人民日报", Date: "2020-01-01", Section: "要闻", Title: "长春", Regions: []string{"吉林省"}},
		{ID: "b", Newspaper: "中国妇女报", Date: "2019-10-01", Section: "综合", Title: "北京", Regions: []string{"北京市"}, Authors: []string{"徐旭"}},
	})
	for _, tc := range []struct {
		req  search.Request
		want []string
	}{
		{search.Request{Regions: []string{"吉林省"}}, []string{"a"}},
		{search.Request{Regions: []string{"吉林省", "北京市"}}, []string{"a", "b"}},
		{search.Request{From: "2019", To: "2019"}, []string{"b"}},
		{search.Request{From: "2019-10", Sections: []string{"综合", "要闻"}}, []string{"a", "b"}},
		{search.Request{Newspapers: []string{"中国妇女报"}}, []string{"b"}},
		{search.Request{Authors: []string{"徐旭"}, Newspapers: []string{"人民日报"}}, nil},
	} {
		res, err := x.Search(context.Background(), tc.req)
		if err != nil {
			t.Fatalf("%+v: %v", tc.req, err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Errorf("%+v: hit %s scores %v", tc.req, h.ID, h.Score)
			}
		}
		if len(ids) != len(tc.want) || (len(ids) > 0 && ids[0] != tc.want[0]) {
			t.Errorf("%+v: %v, want %v", tc.req, ids, tc.want)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%+v: %v", tc.req, err)
		}
	}
}
