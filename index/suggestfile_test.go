package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baosou/baosou/search"
)

// A start serves the words of the last build, the same suggestions,
// without building them again (read in the background when first asked,
// not in Open); words it cannot read are built again, never served.
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
	built := x.sugg.cur.Load().built
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
	y.refreshSuggestions(nil) // what the first Suggest, or a server's warm-up, does
	y.bg.Wait()
	if words, _ := y.SuggestionStats(); words != wantWords || !y.sugg.cur.Load().built.Equal(built) {
		t.Fatalf("after a start: %d words built %v, want the last build's %d, built %v", words, y.sugg.cur.Load().built, wantWords, built)
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
		z.refreshSuggestions(nil)
		z.bg.Wait()
		if words, _ := z.SuggestionStats(); words != wantWords || !z.sugg.cur.Load().built.After(built) {
			t.Errorf("after %q: %d words built %v, want %d built again (after %v)", bad, words, z.sugg.cur.Load().built, wantWords, built)
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
