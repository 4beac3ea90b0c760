package index

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
)

var phraseAny = flag.Bool("phrase-eval-any", false, "with -phrase-eval: sample strings of any characters but line breaks (punctuation and spaces included)")

var phraseUnquoted = flag.Bool("phrase-eval-unquoted", false, "with -phrase-eval: search each string unquoted, where an article must hold every word of it as a substring")

var phraseEval = flag.Int("phrase-eval", 0, "measure quoted-phrase exactness on this many articles of ../shared/corpus (0: skip; the whole corpus is 8347)")

const corpusPath = "../../shared/corpus/rmrb-2019-2020.jsonl.gz"

// TestPhraseExactness measures, for 200 random 2–6 character strings taken
// from article bodies, whether a quoted phrase search returns exactly the
// articles whose folded text contains the string. Strings are runs of
// letters, digits and Han characters, or with -phrase-eval-any of any
// characters but line breaks (a query is one line) and quotes (query
// syntax), not starting or ending with a space (clauses are trimmed).
//
//	go test ./index -run TestPhraseExactness -phrase-eval 8347 -v -timeout 30m
//	go test ./index -run TestPhraseExactness -phrase-eval 8347 -phrase-eval-any -v -timeout 30m
//	go test ./index -run TestPhraseExactness -phrase-eval 8347 -phrase-eval-unquoted -v -timeout 30m
func TestPhraseExactness(t *testing.T) {
	if *phraseEval == 0 {
		t.Skip("pass -phrase-eval N to run")
	}
	arts := loadCorpus(t, *phraseEval)
	x := newTestIndex(t, nil)
	applyAll(t, x, arts, 500)
	folded := make([][]string, len(arts))
	for i, a := range arts {
		for _, f := range []string{a.Title, a.Kicker, a.Subtitle, a.BodyText()} {
			s, _ := segment.Fold(f)
			folded[i] = append(folded[i], s)
		}
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	var tp, fp, fn, exact int
	for q := 0; q < 200; q++ {
		needle := sample(rng, arts)
		fneedle, _ := segment.Fold(needle)
		q := `"` + needle + `"`
		parts := []string{fneedle}
		if *phraseUnquoted {
			q, parts = needle, nil
			for _, w := range x.seg.Tokenize(needle, segment.ModeQuery) {
				parts = append(parts, w.Term)
			}
		}
		truth := map[string]bool{}
		for i, fs := range folded {
			all := true
			for _, part := range parts {
				in := false
				for _, f := range fs {
					in = in || strings.Contains(f, part)
				}
				all = all && in
			}
			if all && len(parts) > 0 {
				truth[arts[i].ID] = true
			}
		}
		res, err := x.Search(context.Background(), search.Request{Query: q, Size: MaxSize})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for page := 1; len(got) < int(res.Total); page++ {
			r, err := x.Search(context.Background(), search.Request{Query: q, Size: MaxSize, Page: page})
			if err != nil || len(r.Hits) == 0 {
				break
			}
			for _, h := range r.Hits {
				got[h.ID] = true
				for _, a := range h.Also { // near-identical articles collapsed into the hit
					got[a.ID] = true
				}
			}
		}
		qtp, qfp, qfn := 0, 0, 0
		for id := range got {
			if truth[id] {
				qtp++
			} else {
				qfp++
			}
		}
		for id := range truth {
			if !got[id] {
				qfn++
			}
		}
		if qfp == 0 && qfn == 0 {
			exact++
		} else {
			t.Logf("%q: %d found, %d true, %d false positives, %d missed", needle, len(got), len(truth), qfp, qfn)
		}
		tp, fp, fn = tp+qtp, fp+qfp, fn+qfn
	}
	t.Logf("articles %d, queries 200: exact result sets %d/200; micro precision %.4f recall %.4f (tp %d fp %d fn %d)",
		len(arts), exact, float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn)), tp, fp, fn)
}

func sample(rng *rand.Rand, arts []article.Article) string {
	for {
		a := arts[rng.IntN(len(arts))]
		body := []rune(a.BodyText())
		if len(body) < 10 {
			continue
		}
		n := 2 + rng.IntN(5)
		i := rng.IntN(len(body) - n)
		s := body[i : i+n]
		ok := true
		for _, r := range s {
			ok = ok && (unicode.IsLetter(r) || unicode.IsDigit(r) || (*phraseAny && !strings.ContainsRune("\n\"“”＂", r)))
		}
		// A quoted clause is trimmed, so it cannot start or end with a space.
		ok = ok && !unicode.IsSpace(s[0]) && !unicode.IsSpace(s[len(s)-1])
		if ok {
			return string(s)
		}
	}
}

// loadCorpus reads up to n articles of the shared corpus, skipping the
// benchmark when it is absent.
func loadCorpus(b testing.TB, n int) []article.Article {
	b.Helper()
	f, err := os.Open(corpusPath)
	if os.IsNotExist(err) {
		b.Skip("corpus not found at " + corpusPath)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(nil, 16<<20)
	var out []article.Article
	for sc.Scan() && len(out) < n {
		var rec struct {
			Newspaper, Date, Page, Kicker, Title, Subtitle, Body, Source string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		a := article.Article{Newspaper: rec.Newspaper, Date: rec.Date, Page: rec.Page, Section: sectionOfPage(rec.Page),
			Kicker: rec.Kicker, Title: rec.Title, Subtitle: rec.Subtitle, Body: strings.Split(rec.Body, "\n"), Source: rec.Source}
		if err := a.Normalize(); err != nil {
			b.Fatalf("corpus line %d: %v", len(out)+1, err)
		}
		a.ID = fmt.Sprintf("%s-%d", strings.ReplaceAll(rec.Source, "/", "_"), len(out)+1)
		out = append(out, a)
	}
	return out
}

// sectionOfPage gives the corpus, which has no section names, one per page
// so that section filters have something to select.
func sectionOfPage(page string) string {
	if page == "01" {
		return "要闻"
	}
	return "版" + page
}
