package bench

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baosou/baosou/region"
	"github.com/baosou/baosou/segment"
)

// MakeQueries draws perGroup queries for each class × filter combination
// from titles, deterministically for a seed. Within a class a query text is
// not repeated while the titles allow it.
func MakeQueries(titles []string, seg *segment.Segmenter, gaz *region.Gazetteer, seed uint64, perGroup int) ([]Query, error) {
	if perGroup <= 0 {
		return nil, fmt.Errorf("queries per group must be positive, got %d", perGroup)
	}
	for _, name := range RegionNames {
		if _, err := gaz.Resolve(name); err != nil {
			return nil, fmt.Errorf("region filter value: %w", err)
		}
	}
	var ts []*title
	for _, t := range titles {
		ts = append(ts, analyzeTitle(t, seg))
	}
	if len(ts) == 0 {
		return nil, errors.New("no held-out titles to draw queries from")
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e4))
	sections := Sections()
	var out []Query
	for _, class := range Classes {
		used := map[string]bool{}
		for _, filter := range FilterKinds {
			for range perGroup {
				q, err := drawQuery(rng, ts, class, used)
				if err != nil {
					return nil, err
				}
				query := Query{Class: class, Filter: filter, Q: q}
				switch filter {
				case "date":
					query.From, query.To = drawDateRange(rng)
				case "region":
					query.Region = RegionNames[rng.IntN(len(RegionNames))]
				case "section":
					query.Section = sections[rng.IntN(len(sections))]
				}
				out = append(out, query)
			}
		}
	}
	return out, nil
}

// drawQuery draws a query text of a class, trying for one not used yet.
func drawQuery(rng *rand.Rand, ts []*title, class string, used map[string]bool) (string, error) {
	const tries = 200
	last := ""
	for range tries {
		t := ts[rng.IntN(len(ts))]
		var q string
		switch class {
		case "word":
			q = t.words(rng)
		case "substring":
			q = t.substrings(rng)
		case "phrase":
			q = t.phrase(rng)
		case "onechar":
			q = t.onechar(rng)
		default:
			return "", fmt.Errorf("unknown query class %q", class)
		}
		if q == "" {
			continue
		}
		last = q
		if !used[q] {
			used[q] = true
			return q, nil
		}
	}
	if last == "" {
		return "", fmt.Errorf("no held-out title yields a %s query", class)
	}
	return last, nil // the titles are too few for distinct queries: repeat one
}

// drawDateRange is a span of two to six years within the archive's dates.
func drawDateRange(rng *rand.Rand) (from, to string) {
	years := 2 + rng.IntN(5)
	latest := lastDate.AddDate(-years, 0, 0)
	days := int(latest.Sub(firstDate).Hours() / 24)
	start := firstDate.AddDate(0, 0, rng.IntN(days+1))
	end := start.AddDate(years, 0, -1)
	return start.Format(time.DateOnly), end.Format(time.DateOnly)
}

// title is a held-out title with what the query classes need: its
// characters, which of them are Han, the dictionary words the query side
// cuts it into, and the positions that fall inside a word.
type title struct {
	runes  []rune
	vocab  []string // words of ≥2 runes, all Han, in order
	inside []bool   // inside[p]: the boundary before rune p is inside a word
}

func analyzeTitle(text string, seg *segment.Segmenter) *title {
	t := &title{runes: []rune(text)}
	t.inside = make([]bool, len(t.runes)+1)
	for _, tok := range seg.Tokenize(text, segment.ModeQuery) {
		word := text[tok.Start:tok.End]
		start := tok.Position - 1
		n := utf8.RuneCountInString(word)
		for p := start + 1; p < start+n && p < len(t.inside); p++ {
			t.inside[p] = true
		}
		if n >= 2 && allHan(word) {
			t.vocab = append(t.vocab, word)
		}
	}
	return t
}

// words is 1–3 of the title's words, in title order.
func (t *title) words(rng *rand.Rand) string {
	if len(t.vocab) == 0 {
		return ""
	}
	n := min(1+rng.IntN(3), len(t.vocab))
	picks := rng.Perm(len(t.vocab))[:n]
	slices.Sort(picks)
	ws := make([]string, n)
	for i, p := range picks {
		ws[i] = t.vocab[p]
	}
	return strings.Join(ws, " ")
}

// substrings is one or two runs of 2–8 Han characters, each starting or
// ending inside a word, not overlapping.
func (t *title) substrings(rng *rand.Rand) string {
	cands := t.spans(func(s, e int) bool {
		return allHanRunes(t.runes[s:e]) && (t.inside[s] || t.inside[e])
	})
	if len(cands) == 0 {
		return ""
	}
	first := cands[rng.IntN(len(cands))]
	out := string(t.runes[first[0]:first[1]])
	if rng.IntN(2) == 0 {
		return out
	}
	var rest [][2]int
	for _, c := range cands {
		if c[1] <= first[0] || c[0] >= first[1] {
			rest = append(rest, c)
		}
	}
	if len(rest) == 0 {
		return out
	}
	second := rest[rng.IntN(len(rest))]
	if second[0] < first[0] {
		return string(t.runes[second[0]:second[1]]) + " " + out
	}
	return out + " " + string(t.runes[second[0]:second[1]])
}

// phrase is a quoted run of 2–8 characters that starts and ends with Han
// characters and holds no space or quote mark (punctuation between is
// kept: quoted clauses must match it exactly).
func (t *title) phrase(rng *rand.Rand) string {
	cands := t.spans(func(s, e int) bool {
		if !unicode.Is(unicode.Han, t.runes[s]) || !unicode.Is(unicode.Han, t.runes[e-1]) {
			return false
		}
		return !slices.ContainsFunc(t.runes[s:e], func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(`"“”`, r)
		})
	})
	if len(cands) == 0 {
		return ""
	}
	c := cands[rng.IntN(len(cands))]
	return `"` + string(t.runes[c[0]:c[1]]) + `"`
}

// onechar is one Han character of the title.
func (t *title) onechar(rng *rand.Rand) string {
	var han []rune
	for _, r := range t.runes {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
		}
	}
	if len(han) == 0 {
		return ""
	}
	return string(han[rng.IntN(len(han))])
}

// spans lists the rune spans [s, e) of 2–8 runes that ok accepts.
func (t *title) spans(ok func(s, e int) bool) [][2]int {
	var out [][2]int
	for s := range t.runes {
		for e := s + 2; e <= s+8 && e <= len(t.runes); e++ {
			if ok(s, e) {
				out = append(out, [2]int{s, e})
			}
		}
	}
	return out
}

func allHan(s string) bool { return allHanRunes([]rune(s)) }

func allHanRunes(rs []rune) bool {
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return len(rs) > 0
}
