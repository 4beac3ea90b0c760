package service

import (
	"context"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

// The server of a data directory browses, suggests and relates.
func TestServeBrowses(t *testing.T) {
	data := t.TempDir()
	cfg := Config{Data: data, Log: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	in := writeFile(t, "in.jsonl",
		`{"newspaper":"人民日报","date":"2019-10-02","page":"01","title":"长春冰雪旅游","body":"长春冰雪旅游火热，游客纷至沓来。"}`,
		`{"newspaper":"人民日报","date":"2019-10-03","page":"02","title":"吉林冰雪旅游","body":"吉林冰雪旅游火热。"}`)
	if _, err := Ingest(ctx, cfg, []string{in}, false); err != nil {
		t.Fatal(err)
	}
	startServe(t, data)
	info, err := readServeInfo(data)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(info)

	var papers struct{ Papers []search.Paper }
	if err := c.decode(ctx, "GET", "/api/papers", nil, "", &papers); err != nil ||
		len(papers.Papers) != 1 || papers.Papers[0] != (search.Paper{Newspaper: "人民日报", First: "2019-10-02", Last: "2019-10-03", Articles: 2}) {
		t.Fatalf("papers: %+v %v", papers, err)
	}
	var is search.Issue
	if err := c.decode(ctx, "GET", "/api/issue?"+url.Values{"newspaper": {"人民日报"}, "date": {"2019-10-02"}}.Encode(), nil, "", &is); err != nil ||
		len(is.Pages) != 1 || len(is.Pages[0].Articles) != 1 || is.Next != "2019-10-03" {
		t.Fatalf("issue: %+v %v", is, err)
	}
	var rel search.Result
	if err := c.decode(ctx, "GET", "/api/articles/"+is.Pages[0].Articles[0].ID+"/related", nil, "", &rel); err != nil ||
		len(rel.Hits) != 1 || rel.Hits[0].Title != "吉林冰雪旅游" {
		t.Fatalf("related: %+v %v", rel, err)
	}
	// The words are built in the background once the server starts.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var s struct{ Suggestions []search.Suggestion }
		if err := c.decode(ctx, "GET", "/api/suggest?q="+url.QueryEscape("冰"), nil, "", &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Suggestions) > 0 {
			if s.Suggestions[0] != (search.Suggestion{Text: "冰雪", Count: 2}) {
				t.Errorf("suggestions %+v", s.Suggestions)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no suggestions")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
