package bench

import (
	"context"
	"slices"
	"testing"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/ingest"
)

func TestParseArticle(t *testing.T) {
	for _, tc := range []struct {
		line    string
		page    string
		body    []string
		invalid bool
	}{
		{`{"date":"2019-02-01","page":"01","title":"T","body":"a\n\n b \n"}`, "01", []string{"a", "b"}, false},
		{`{"date":"2019-02-01","page":3,"title":"T","body":["a"," ","c"]}`, "3", []string{"a", "c"}, false},
		{`{"date":"2019-02-01","title":"T"}`, "", nil, false},
		{`{"date":"2019-13-01","title":"T"}`, "", nil, true},
		{`{"date":"2019-02-01","title":"T","body":7}`, "", nil, true},
		{`{"date":"2019-02-01","title":"T","page":[1]}`, "", nil, true},
		{`not json`, "", nil, true},
	} {
		a, err := parseArticle([]byte(tc.line))
		if tc.invalid {
			if err == nil {
				t.Errorf("%s: accepted", tc.line)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		if a.Page != tc.page || !slices.Equal(a.Body, tc.body) || a.ID == "" {
			t.Errorf("%s: page %q body %q id %q", tc.line, a.Page, a.Body, a.ID)
		}
	}
}

// TestReadArticlesLikeIngest: the bench reader yields the articles ingest's
// reader yields, but for the fields ingest derives on top.
func TestReadArticlesLikeIngest(t *testing.T) {
	var ours, theirs []*article.Article
	err := readArticles(context.Background(), excerpt, func(a *article.Article) error {
		ours = append(ours, a)
		return nil
	}, func(line int, err error) { t.Errorf("line %d: %v", line, err) })
	if err != nil {
		t.Fatal(err)
	}
	rd := &ingest.Reader{Problem: func(p ingest.Problem) error { t.Error(p); return nil }}
	err = rd.Read(context.Background(), []string{excerpt}, func(it ingest.Item) error {
		theirs = append(theirs, it.Article)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ours) != len(theirs) {
		t.Fatalf("%d articles, ingest reads %d", len(ours), len(theirs))
	}
	for i, a := range ours {
		b := *theirs[i]
		b.Authors, b.Regions = nil, nil
		a.Authors = nil
		if !slices.Equal(a.Body, b.Body) || a.ID != b.ID || a.Title != b.Title || a.Date != b.Date || a.Page != b.Page || a.Subtitle != b.Subtitle {
			t.Errorf("article %d differs from ingest's:\n%+v\n%+v", i, *a, b)
		}
	}
}
