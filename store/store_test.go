package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	badger "github.com/dgraph-io/badger/v4"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func art(id, title string) *article.Article {
	return &article.Article{ID: id, Newspaper: "人民日报", Date: "2019-02-01", Title: title, Body: []string{"正文" + title}}
}

func TestPutOutcomes(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	steps := []struct {
		arts []*article.Article
		want []Outcome
	}{
		{[]*article.Article{art("a", "一"), art("b", "二")}, []Outcome{Added, Added}},
		{[]*article.Article{art("a", "一"), art("b", "二改")}, []Outcome{Unchanged, Updated}},
		{[]*article.Article{art("c", "三"), art("a", "一")}, []Outcome{Added, Unchanged}},
	}
	for i, st := range steps {
		got, err := s.Put(ctx, st.arts)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(st.want) {
			t.Errorf("step %d: outcomes %v, want %v", i, got, st.want)
		}
	}
	if n, _ := s.Count(ctx); n != 3 {
		t.Errorf("count = %d, want 3", n)
	}
	b, err := s.Get(ctx, "b")
	if err != nil || b.Title != "二改" {
		t.Fatalf("get b = %+v, %v", b, err)
	}
	if _, err := s.Get(ctx, "zz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get unknown: %v, want ErrNotFound", err)
	}
}

func TestScanOrderAndDelete(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.Put(ctx, []*article.Article{art("c", "3"), art("a", "1"), art("b", "2")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "b"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	var ids []string
	if err := s.Scan(ctx, func(a *article.Article) error { ids = append(ids, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ids) != "[a c]" {
		t.Errorf("scan = %v, want [a c]", ids)
	}
}

func TestChangesReplayFromSeq(t *testing.T) {
	s, dir := openTemp(t)
	ctx := context.Background()
	s.Put(ctx, []*article.Article{art("a", "1"), art("b", "2")})
	mark, _ := s.LastSeq()
	s.Put(ctx, []*article.Article{art("c", "3"), art("a", "1改")})
	s.Put(ctx, []*article.Article{art("a", "1再改")})
	s.Delete(ctx, "b")
	s.Close()

	// Reopen: the log survives a restart.
	s2, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var got []string
	err = s2.Changes(ctx, mark, func(c Change) error {
		title := "<deleted>"
		if c.Article != nil {
			title = c.Article.Title
		}
		got = append(got, c.ID+"="+title)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// a changed twice: one entry, at its latest sequence, with its current text.
	want := "[c=3 a=1再改 b=<deleted>]"
	if fmt.Sprint(got) != want {
		t.Errorf("changes after %d = %v, want %s", mark, got, want)
	}
	last, _ := s2.LastSeq()
	if last != mark+4 {
		t.Errorf("last seq = %d, want %d", last, mark+4)
	}
}

func TestOpenLockedAndLayout(t *testing.T) {
	_, dir := openTemp(t)
	if _, err := Open(dir, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
}

func TestSameStoryLookup(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	a1, a2, b := art("p1", "同题"), art("p4", "同题"), art("x", "别的")
	s.Put(ctx, []*article.Article{a1, a2, b})
	got, err := s.SameStory(ctx, article.StoryKey(a1))
	if err != nil || len(got) != 2 || got[0].ID != "p1" || got[1].ID != "p4" {
		t.Fatalf("same story = %v, %v", got, err)
	}
	// A retitled article moves to its new key; a deleted one leaves.
	a2.Title = "改题"
	s.Put(ctx, []*article.Article{a2})
	s.Delete(ctx, "p1")
	if got, _ := s.SameStory(ctx, article.StoryKey(a1)); len(got) != 0 {
		t.Errorf("old key still lists %v", got)
	}
	if got, _ := s.SameStory(ctx, article.StoryKey(a2)); len(got) != 1 || got[0].ID != "p4" {
		t.Errorf("new key lists %v", got)
	}
}

func TestRefusesOtherLayout(t *testing.T) {
	s, dir := openTemp(t)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(keyLayout, []byte("baosou-store-0")) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(dir, nil)
	if err == nil || !strings.Contains(err.Error(), `store layout "baosou-store-0" cannot be read`) {
		t.Errorf("open store of another layout: %v", err)
	}
}

// A batch larger than one Badger transaction is stored in parts.
func TestPutLargeBatch(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var arts []*article.Article
	body := strings.Repeat("长春市人民政府发布通知。", 800) // about 29 KB
	for i := range 300 {
		a := art(fmt.Sprintf("big-%03d", i), "长文")
		a.Body = []string{body}
		arts = append(arts, a)
	}
	outs, err := s.Put(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 300 || outs[0] != Added || outs[299] != Added {
		t.Fatalf("outcomes %d %v", len(outs), outs[:3])
	}
	if n, _ := s.Count(ctx); n != 300 {
		t.Errorf("count %d, want 300", n)
	}
	var seen int
	s.Changes(ctx, 0, func(c Change) error { seen++; return nil })
	if seen != 300 {
		t.Errorf("change log has %d entries, want 300", seen)
	}
}
