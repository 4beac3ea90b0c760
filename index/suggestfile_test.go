package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baosou/baosou/search"
)

// A start serves the words of the last build at once, the same
// suggestions; words it cannot read are built again, never served.
func TestSuggestionsKeptForTheNextStart(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	applyAll(t, x, loadRelevance(t).Docs, 50)
	if err := x.BuildSuggestions(ctx); err != nil {
		t.Fatal(err)
	}
	queries := []string{"长春", "春", "经济", "吉林"}
	var want [][]string
	for _, q := range queries {
		got, err := x.Suggest(ctx, q, MaxSuggestions)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, suggestionTexts(got))
	}
	wantWords, _ := x.SuggestionStats()
	if wantWords == 0 || len(want[0]) == 0 {
		t.Fatalf("nothing to suggest from the relevance documents: %d words, %v", wantWords, want)
	}
	x.Close()

	reopen := func() *Index {
		t.Helper()
		x, err := Open(dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Close() })
		return x
	}
	y := reopen()
	if words, _ := y.SuggestionStats(); words != wantWords {
		t.Fatalf("after a start, before any build: %d words, want the last build's %d", words, wantWords)
	}
	for i, q := range queries {
		got, err := y.Suggest(ctx, q, MaxSuggestions)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(suggestionTexts(got), want[i]) {
			t.Errorf("%s after a start: %v, want %v", q, suggestionTexts(got), want[i])
		}
	}
	y.Close()

	for _, bad := range []string{"{not json", `{"format":"baosou-suggest-0","words":["长春"],"counts":[1]}`, `{"format":"baosou-suggest-1","words":["长春"],"counts":[]}`} {
		if err := os.WriteFile(filepath.Join(dir, suggestFile), []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		z := reopen()
		if words, _ := z.SuggestionStats(); words != 0 {
			t.Errorf("words from %q: %d, want none until a build", bad, words)
		}
		if err := z.BuildSuggestions(ctx); err != nil {
			t.Fatal(err)
		}
		if words, _ := z.SuggestionStats(); words != wantWords {
			t.Errorf("rebuilt after %q: %d words, want %d", bad, words, wantWords)
		}
		z.Close()
	}
}

func suggestionTexts(ss []search.Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}
