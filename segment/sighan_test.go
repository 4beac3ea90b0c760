package segment

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// sharedDir is the team's read-only data folder, ../shared from the repo.
const sharedDir = "../../shared"

func sharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(sharedDir, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s absent: %v", p, err)
	}
	return p
}

func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}

// shippedSegmenter loads the dictionaries the product ships (read as
// files: segment must not import package dict).
func shippedSegmenter(tb testing.TB) *Segmenter {
	tb.Helper()
	var dicts []io.Reader
	var names []string
	for _, name := range []string{"../dict/user.txt", "../dict/news.txt"} {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		dicts = append(dicts, strings.NewReader(string(b)))
		names = append(names, name)
	}
	s, err := New(Config{Dicts: dicts, DictNames: names})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// span is a word as [start, end) rune offsets in the line without spaces.
type span struct{ s, e int }

// spansOfWords turns a list of words (spaces dropped) into spans.
func spansOfWords(words []string) []span {
	var out []span
	at := 0
	for _, w := range words {
		n := 0
		for _, r := range w {
			if !unicode.IsSpace(r) {
				n++
			}
		}
		if n > 0 {
			out = append(out, span{at, at + n})
			at += n
		}
	}
	return out
}

// tokenSpans turns our tokens into spans covering the whole line the way
// the SIGHAN scorer expects: the characters our tokenizer drops (spaces,
// punctuation) count as words of their own, a run of one repeated mark
// (——, ……) as one word.
func tokenSpans(line string, toks []Token) []span {
	var words []string
	at := 0
	gap := func(end int) {
		g := line[at:end]
		for len(g) > 0 {
			r, n := utf8.DecodeRuneInString(g)
			j := n
			for j < len(g) && strings.HasPrefix(g[j:], string(r)) {
				j += n
			}
			words = append(words, g[:j])
			g = g[j:]
		}
	}
	for _, t := range toks {
		gap(t.Start)
		words = append(words, line[t.Start:t.End])
		at = t.End
	}
	gap(len(line))
	return spansOfWords(words)
}

type prf struct{ gold, test, correct int }

func (p *prf) add(gold, test []span) {
	g := make(map[span]bool, len(gold))
	for _, s := range gold {
		g[s] = true
	}
	for _, s := range test {
		if g[s] {
			p.correct++
		}
	}
	p.gold += len(gold)
	p.test += len(test)
}

func (p prf) scores() (prec, rec, f1 float64) {
	prec = float64(p.correct) / float64(p.test)
	rec = float64(p.correct) / float64(p.gold)
	return prec, rec, 2 * prec * rec / (prec + rec)
}

// TestSIGHANPKU scores segmentation on the SIGHAN 2005 PKU test set over
// word spans, like the bakeoff's scorer, for ModeQuery and, in the same
// run, bare gse (Cut, the shortest path, and Cut(s, false), jieba-style
// DAG without HMM) on the unfolded text. The test data is evaluation-only:
// it is read from ../shared and never shipped or trained on.
func TestSIGHANPKU(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a measurement: loads two dictionaries; run without -short and -race")
	}
	raw := readLines(t, sharedFile(t, "sighan/pku_test.utf8"))
	gold := readLines(t, sharedFile(t, "sighan/pku_test_gold.utf8"))
	if len(raw) != len(gold) {
		t.Fatalf("%d raw lines, %d gold lines", len(raw), len(gold))
	}
	s := shippedSegmenter(t)
	bare, err := gse.NewEmbed("zh_s")
	if err != nil {
		t.Fatal(err)
	}
	var ours, cut, dag prf
	for i, line := range raw {
		g := spansOfWords(strings.Fields(gold[i]))
		ours.add(g, tokenSpans(line, s.Tokenize(line, ModeQuery)))
		cut.add(g, spansOfWords(bare.Cut(line)))
		dag.add(g, spansOfWords(bare.Cut(line, false)))
	}
	for _, r := range []struct {
		name string
		p    prf
	}{{"baosou ModeQuery", ours}, {"bare gse Cut", cut}, {"bare gse Cut(s, false)", dag}} {
		p, rc, f := r.p.scores()
		t.Logf("%-24s P %.4f  R %.4f  F1 %.4f  (gold %d, test %d, correct %d)", r.name, p, rc, f, r.p.gold, r.p.test, r.p.correct)
	}
	if _, _, f := ours.scores(); f < 0.87 {
		t.Errorf("F1 %.4f below the 0.87 target", f)
	}
}
