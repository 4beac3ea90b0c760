package highlight

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// fragment is a candidate or chosen snippet: bytes [start, end) of the text,
// covering sentences first..last; cutStart/cutEnd say it was cut inside a
// sentence (shown with an ellipsis). distinct and count score it.
type fragment struct {
	start, end       int
	first, last      int
	cutStart, cutEnd bool
	distinct, count  int
}

// better orders fragments: more distinct needles, then more marks, then
// earlier in the text, so the choice never depends on anything but input.
func better(a, b fragment) bool {
	if a.distinct != b.distinct {
		return a.distinct > b.distinct
	}
	if a.count != b.count {
		return a.count > b.count
	}
	return a.start < b.start
}

// Snippets returns up to MaxFragments HTML-escaped fragments with
// <mark>…</mark>, each made of whole sentences of one paragraph around the
// densest matches and about FragmentChars runes long; a single over-long
// sentence is cut at rune boundaries around its matches, with "…" where it
// was cut. Fragments come in text order, never overlap and never repeat
// each other's text. When nothing
// matches, the lead of the text (its first sentences, FragmentChars runes at
// most) is returned instead. An empty or all-space text gives nil.
func (h *Highlighter) Snippets(text string, needles []string) []string {
	ms := h.match(text, needles)
	if newlinesOnly(text) {
		return h.snippets(text, ms, sentencesNear(text, ms), leadSentences)
	}
	all := splitSentences(text)
	return h.snippets(text, ms, all, func(string) []sentence { return all })
}

// snippets picks fragments among sents, the sentences that may hold a
// fragment (at least those of the paragraphs with a match), or shows the
// lead, the first sentences that lead returns.
func (h *Highlighter) snippets(text string, ms []match, sents []sentence, lead func(string) []sentence) []string {
	p := h.picker(text, ms, sents)
	frags := p.pick(h.maxFrags)
	if len(frags) == 0 {
		if sents = lead(text); len(sents) == 0 {
			return nil
		}
		p = h.picker(text, ms, sents)
		frags = []fragment{p.candidate(0)}
	}
	out := make([]string, 0, len(frags))
	for _, f := range frags {
		// Different places can read the same (a repeated sentence, or
		// invalid bytes shown as U+FFFD): show such a fragment once.
		if r := render(text, f, ms); !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func (h *Highlighter) picker(text string, ms []match, sents []sentence) *picker {
	p := &picker{text: text, sents: sents, ms: ms, chars: h.fragChars, used: make([]bool, len(sents))}
	for _, m := range ms {
		p.all |= m.needles
	}
	return p
}

func render(text string, f fragment, ms []match) string {
	var b strings.Builder
	b.Grow(f.end - f.start + 64)
	if f.cutStart {
		b.WriteString(ellipsis)
	}
	writeMarked(&b, text, f.start, f.end, ms)
	if f.cutEnd {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// picker chooses fragments; used marks sentences already in a chosen one.
type picker struct {
	text      string
	sents     []sentence
	ms        []match
	chars     int
	used      []bool
	all       uint64 // union of the needle sets of ms
	ids       []int  // sentence → text id, see numberTexts
	shownText []bool // text id → a chosen fragment shows a sentence with that text
}

// pick chooses up to n fragments greedily, best first. Each candidate is
// anchored on a sentence holding a match. After a choice, candidates whose
// anchor was taken are dropped, those that overlapped it are rebuilt around
// the taken sentences, and those whose text the chosen fragments already
// show (boilerplate repeated in an article) are dropped: showing it twice
// tells the reader nothing.
func (p *picker) pick(n int) []fragment {
	anchors := p.anchors()
	if len(anchors) == 0 {
		return nil
	}
	p.numberTexts()
	cands := make([]fragment, len(anchors))
	live := make([]bool, len(anchors))
	for k, a := range anchors {
		cands[k], live[k] = p.candidate(a), true
	}
	var chosen []fragment
	for len(chosen) < n {
		best := -1
		for k := range cands {
			if live[k] && (best < 0 || better(cands[k], cands[best])) {
				best = k
			}
		}
		if best < 0 {
			break
		}
		f := cands[best]
		chosen = append(chosen, f)
		for s := f.first; s <= f.last; s++ {
			p.used[s] = true
			if !f.cutStart && !f.cutEnd {
				p.shownText[p.ids[s]] = true
			}
		}
		for k, a := range anchors {
			switch {
			case !live[k]:
			case p.used[a]:
				live[k] = false
			case cands[k].last >= f.first && cands[k].first <= f.last:
				cands[k] = p.candidate(a)
				live[k] = !p.shown(chosen, cands[k])
			default:
				live[k] = !p.shown(chosen[len(chosen)-1:], cands[k])
			}
		}
	}
	slices.SortFunc(chosen, func(a, b fragment) int { return cmp.Compare(a.start, b.start) })
	return chosen
}

// shown reports whether f shows nothing new: every sentence of it is in a
// chosen fragment already (for a cut sentence: its text is).
func (p *picker) shown(chosen []fragment, f fragment) bool {
	if f.cutStart || f.cutEnd {
		return slices.ContainsFunc(chosen, func(c fragment) bool {
			return strings.Contains(p.text[c.start:c.end], p.text[f.start:f.end])
		})
	}
	for i := f.first; i <= f.last; i++ {
		if !p.shownText[p.ids[i]] {
			return false
		}
	}
	return true
}

// numberTexts numbers sentences by their text, equal texts equal numbers,
// so repeated sentences are recognised by a slice lookup.
func (p *picker) numberTexts() {
	p.ids = make([]int, len(p.sents))
	byText := make(map[string]int, len(p.sents)) // lookups only, never iterated
	for k, s := range p.sents {
		id, ok := byText[p.text[s.start:s.end]]
		if !ok {
			id = len(byText)
			byText[p.text[s.start:s.end]] = id
		}
		p.ids[k] = id
	}
	p.shownText = make([]bool, len(byText))
}

// anchors lists, in order, the sentences that intersect a match.
func (p *picker) anchors() []int {
	var out []int
	k := 0
	for i, s := range p.sents {
		for k < len(p.ms) && p.ms[k].End <= s.start {
			k++
		}
		if k < len(p.ms) && p.ms[k].Start < s.end {
			out = append(out, i)
		}
	}
	return out
}

// candidate builds the fragment anchored on sentence a: the sentences after
// it, then before it, in the same paragraph and not yet used, while the
// whole stays within the target length. An over-long sentence is cut.
func (p *picker) candidate(a int) fragment {
	ss := p.sents
	if ss[a].runes() > p.chars {
		return p.cutLong(a)
	}
	fits := func(i, j int) bool {
		return ss[j].runeEnd-ss[i].runeStart <= p.chars
	}
	joins := func(k int) bool { return !p.used[k] && ss[k].para == ss[a].para }
	i, j := a, a
	for j+1 < len(ss) && joins(j+1) && fits(i, j+1) {
		j++
	}
	for i > 0 && joins(i-1) && fits(i-1, j) {
		i--
	}
	return p.scored(fragment{start: ss[i].start, end: ss[j].end, first: i, last: j})
}

// cutLong picks, inside the over-long sentence a, the window of the target
// length holding the best matches: each match is tried as the first one of
// the window. The winner is then re-placed once (not per match: a sentence
// can hold thousands): the room left beside its matches is shared, up to a
// fifth of the window going before the first match as lead-in context, and
// the start moves to just after a clause break (，、：) if one is near.
func (p *picker) cutLong(a int) fragment {
	s := p.sents[a]
	starts := runeStarts(p.text[s.start:s.end], s.start) // byte offset of each rune, plus the end
	runes := len(starts) - 1
	window := func(from int) fragment {
		to := min(from+p.chars, runes)
		if to < runes {
			to = p.notInsideMatch(starts, from, to)
		}
		return p.scored(fragment{start: starts[from], end: starts[to], first: a, last: a,
			cutStart: from > 0, cutEnd: to < runes})
	}
	best := window(0)
	k := sort.Search(len(p.ms), func(i int) bool { return p.ms[i].End > s.start })
	for ; k < len(p.ms) && p.ms[k].Start < s.end; k++ {
		at, _ := slices.BinarySearch(starts, max(p.ms[k].Start, s.start))
		if f := window(max(0, min(at, runes-p.chars))); better(f, best) {
			best = f
		}
	}
	if !best.cutStart {
		return best
	}
	first := sort.Search(len(p.ms), func(i int) bool { return p.ms[i].End > best.start })
	last := sort.Search(len(p.ms), func(i int) bool { return p.ms[i].Start >= best.end }) - 1
	firstAt, _ := slices.BinarySearch(starts, max(p.ms[first].Start, best.start))
	lastEnd, _ := slices.BinarySearch(starts, min(p.ms[last].End, best.end))
	lead := min((p.chars-(lastEnd-firstAt))/2, p.chars/5)
	from := max(0, min(firstAt-lead, runes-p.chars))
	lo := max(0, firstAt-p.chars/5, lastEnd-p.chars) // keeps the last match in
	return window(p.clauseStart(starts, from, lo, firstAt))
}

// notInsideMatch moves a cut at rune to back to the start of a match that
// straddles it, so a cut fragment never ends in the middle of a mark
// (…推进“【一】… for 一带一路); it keeps the cut when that would leave
// nothing before the match.
func (p *picker) notInsideMatch(starts []int, from, to int) int {
	cut := starts[to]
	k := sort.Search(len(p.ms), func(i int) bool { return p.ms[i].End > cut })
	if k < len(p.ms) && p.ms[k].Start < cut {
		if at, _ := slices.BinarySearch(starts, p.ms[k].Start); at > from {
			return at
		}
	}
	return to
}

// clauseStart returns the start, in runes, nearest to from (the earlier on a
// tie) that follows a clause break and lies in [lo, anchor], so a cut
// fragment reads from the start of a clause; from itself if there is none.
func (p *picker) clauseStart(starts []int, from, lo, anchor int) int {
	best := from
	for q := max(lo, 1); q <= anchor; q++ {
		if isClauseBreak(p.runeAt(starts, q-1)) && (best == from || abs(q-from) < abs(best-from)) {
			best = q
		}
	}
	return best
}

func abs(x int) int { return max(x, -x) }

func (p *picker) runeAt(starts []int, i int) rune {
	r, _ := utf8.DecodeRuneInString(p.text[starts[i]:starts[i+1]])
	return r
}

func isClauseBreak(r rune) bool {
	switch r {
	case '，', ',', '、', '：', ':', ' ', '\u3000', '—', '…':
		return true
	}
	return false
}

// runeStarts returns base plus the byte offset of each rune of s, then
// base+len(s).
func runeStarts(s string, base int) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := 0; i < len(s); {
		out = append(out, base+i)
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return append(out, base+len(s))
}

// scored fills in f's score from the matches intersecting it. The needle
// set stops growing once it holds every needle of the text, which keeps
// dense texts (10,000 marks in one sentence) cheap.
func (p *picker) scored(f fragment) fragment {
	lo := sort.Search(len(p.ms), func(i int) bool { return p.ms[i].End > f.start })
	hi := lo + sort.Search(len(p.ms)-lo, func(i int) bool { return p.ms[lo+i].Start >= f.end })
	var set uint64
	for k := lo; k < hi && set != p.all; k++ {
		set |= p.ms[k].needles
	}
	f.count, f.distinct = hi-lo, bits.OnesCount64(set)
	return f
}
