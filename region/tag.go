package region

import (
	"sort"
	"unicode/utf8"

	"github.com/baosou/baosou/article"
)

// Weights of one mention by where it stands. A single passing mention in
// the body (1) stays below the threshold; a title, kicker, lead or dateline
// mention reaches it alone.
const (
	wDateline = 5
	wTitle    = 4
	wKicker   = 3
	wSubtitle = 2
	wLead     = 2
	wBody     = 1
	// threshold is the evidence a division needs, by itself and its
	// descendants, to be tagged.
	threshold = 2
	// countyShort scales mentions of a county by a short form (宽城 for
	// 宽城区): too many two-character words collide with them. Below 0.5,
	// one title mention (4 × 0.4) stays under the threshold: 玉山 in the
	// headline 玉山亘野 is not 玉山县. Title and lead together reach it.
	countyShort = 0.4
	// datelineSpan is how far into the first paragraph a dateline may stand
	// (本报长春9月14日电, 新华社北京1月31日电).
	datelineSpan = 24
	// leadMin is the length under which the first paragraph is taken to be
	// a byline and the next one counts as lead too.
	leadMin = 30
)

// Options adjusts Tag. The zero value is the default.
type Options struct {
	// Seats also tags a province's capital when the article names a body of
	// the provincial government (江西省人社厅, 省委) and no city of that
	// province: such news is mostly reported from, and decided in, the
	// capital, but it is about the whole province, so the default leaves
	// it out (as national bodies never tag 北京).
	Seats bool
}

// Tag returns the region tags of an article as full paths, ancestors
// included, best first, e.g. ["吉林省", "吉林省/长春市",
// "吉林省/长春市/宽城区"]. It returns nil when no place is evidenced well
// enough. Tag does not modify a.
func (g *Gazetteer) Tag(a *article.Article) []string {
	return g.TagWith(a, Options{})
}

// TagWith is Tag with options.
func (g *Gazetteer) TagWith(a *article.Article, o Options) []string {
	if a == nil {
		return nil
	}
	ms := g.mentions(a)
	if len(ms) == 0 {
		return nil
	}
	ev := g.evidence(ms)
	tags := g.choose(ev)
	if o.Seats {
		tags = g.addSeats(tags, g.organs(ms))
	}
	return tags
}

// organs returns the provinces whose government bodies are named.
func (g *Gazetteer) organs(ms []mention) map[int]bool {
	var out map[int]bool
	for _, m := range ms {
		if !m.organ {
			continue
		}
		for _, c := range g.aliases[m.alias].cands {
			if g.nodes[c.node].level == LevelProvince {
				if out == nil {
					out = map[int]bool{}
				}
				out[c.node] = true
			}
		}
	}
	return out
}

// mentions collects the accepted mentions of every field with its weight.
func (g *Gazetteer) mentions(a *article.Article) []mention {
	var ms []mention
	for _, f := range []struct {
		s string
		w float64
	}{{a.Title, wTitle}, {a.Kicker, wKicker}, {a.Subtitle, wSubtitle}} {
		rs := []rune(f.s)
		from := len(ms)
		ms = g.scan(rs, f.w, ms)
		g.markOrgans(rs, ms[from:])
	}
	for i, p := range a.Body {
		w := float64(wBody)
		if i == 0 || (i == 1 && utf8.RuneCountInString(a.Body[0]) < leadMin) {
			w = wLead
		}
		rs := []rune(p)
		from := len(ms)
		ms = g.scan(rs, w, ms)
		g.markOrgans(rs, ms[from:])
		if i == 0 {
			for j := from; j < len(ms); j++ {
				if ms[j].start < datelineSpan && isDateline(rs[ms[j].end:]) {
					ms[j].weight = wDateline
				}
			}
		}
	}
	return ms
}

// isDateline reports whether rest, the text right after a place name,
// continues a dateline: an optional date (9月14日) then 电, or 报道.
func isDateline(rest []rune) bool {
	i := 0
	for i < len(rest) && i < 12 && (rest[i] >= '0' && rest[i] <= '9' || rest[i] >= '０' && rest[i] <= '９' ||
		rest[i] == '月' || rest[i] == '日' || rest[i] == ' ' || rest[i] == '\u3000') {
		i++
	}
	return hasPrefix(rest[i:], "电") || hasPrefix(rest[i:], "报道")
}

// evidence decides which division each mention names and sums the
// weights per division. Mentions with a single reading go first; they are
// the context that settles the ambiguous ones (吉林, 朝阳区).
func (g *Gazetteer) evidence(ms []mention) map[int]float64 {
	ev := map[int]float64{}
	var amb []mention
	for i, m := range ms {
		a := &g.aliases[m.alias]
		if a.town && i > 0 && m.chained && g.namesAbove(&g.aliases[ms[i-1].alias], a) {
			continue // 双阳区齐家镇: one reference, already counted
		}
		if (len(a.cands) == 1 || a.all) && !(a.town && !isFull(a)) {
			for _, c := range a.cands {
				ev[c.node] += m.weight * g.factor(c)
			}
			continue
		}
		amb = append(amb, m)
	}
	ctx := make(map[int]float64, len(ev))
	for n, w := range ev {
		ctx[n] = w
	}
	for _, m := range amb {
		a := &g.aliases[m.alias]
		if c, ok := g.pick(a, ctx); ok && (!a.town || ctx[c.node] > 0 || g.supported(c.node, ctx)) {
			ev[c.node] += m.weight * g.factor(c)
		}
	}
	return ev
}

func (g *Gazetteer) factor(c cand) float64 {
	if !c.full && (c.town || g.nodes[c.node].level == LevelCounty) {
		return countyShort
	}
	return 1
}

// pick chooses the reading of an ambiguous alias best supported by the
// context: evidence on the candidate itself or below it counts fully, on
// its ancestors half (朝阳区 with 北京 nearby is 北京市/朝阳区). On a tie with
// support the more specific reading wins (吉林 next to 船营区 is 吉林市);
// with no support at all, a unique most general reading wins (吉林 alone is
// 吉林省) and otherwise the mention is skipped.
func (g *Gazetteer) pick(a *alias, ctx map[int]float64) (cand, bool) {
	best, bestS, tie := -1, 0.0, false
	for i, c := range a.cands {
		s := 0.0
		for n, w := range ctx {
			switch {
			case n == c.node || g.isAncestor(c.node, n):
				s += w
			case g.isAncestor(n, c.node):
				s += w / 2
			}
		}
		switch {
		case s > bestS:
			best, bestS, tie = i, s, false
		case s == bestS && s > 0:
			lb, lc := g.nodes[a.cands[best].node].level, g.nodes[c.node].level
			if lc > lb {
				best, tie = i, false
			} else if lc == lb {
				tie = true
			}
		}
	}
	if best >= 0 && !tie {
		return a.cands[best], true
	}
	if bestS > 0 {
		return cand{}, false
	}
	top, n := -1, 0
	for i, c := range a.cands {
		switch {
		case top < 0 || g.nodes[c.node].level < g.nodes[a.cands[top].node].level:
			top, n = i, 1
		case g.nodes[c.node].level == g.nodes[a.cands[top].node].level:
			n++
		}
	}
	if n != 1 {
		return cand{}, false
	}
	return a.cands[top], true
}

// choose turns evidence into tags. A division is tagged when it and its
// descendants gather the threshold, or when it is mentioned at all and an
// ancestor reached the threshold by its own mentions (宽城区 in an article
// about 长春). Ancestors of tagged divisions are tagged too; the order is
// by gathered evidence, ancestors before descendants on ties.
func (g *Gazetteer) choose(ev map[int]float64) []string {
	agg := map[int]float64{}
	for n, w := range ev {
		for p := n; p >= 0; p = g.nodes[p].parent {
			agg[p] += w
		}
	}
	sel := map[int]bool{}
	for n := range agg {
		if agg[n] >= threshold || (ev[n] > 0 && g.strongAncestor(n, ev)) {
			for p := n; p >= 0 && !sel[p]; p = g.nodes[p].parent {
				sel[p] = true
			}
		}
	}
	if len(sel) == 0 {
		return nil
	}
	ids := make([]int, 0, len(sel))
	for n := range sel {
		ids = append(ids, n)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ids[i], ids[j]
		if agg[a] != agg[b] {
			return agg[a] > agg[b]
		}
		if g.nodes[a].level != g.nodes[b].level {
			return g.nodes[a].level < g.nodes[b].level
		}
		return g.nodes[a].code < g.nodes[b].code
	})
	out := make([]string, len(ids))
	for i, n := range ids {
		out[i] = g.nodes[n].path
	}
	return out
}

func (g *Gazetteer) strongAncestor(n int, ev map[int]float64) bool {
	for p := g.nodes[n].parent; p >= 0; p = g.nodes[p].parent {
		if ev[p] >= threshold {
			return true
		}
	}
	return false
}

// markOrgans flags the mentions of a province followed by the name of one
// of its government bodies (江西省人社厅).
func (g *Gazetteer) markOrgans(text []rune, ms []mention) {
	for i := range ms {
		for _, c := range g.aliases[ms[i].alias].cands {
			if g.nodes[c.node].level == LevelProvince && organAfter(text[ms[i].end:]) {
				ms[i].organ = true
				break
			}
		}
	}
}

// namesAbove reports whether some reading of p, at prefecture level or
// below, is the division of some reading of town t or one of its ancestors.
func (g *Gazetteer) namesAbove(p, t *alias) bool {
	for _, pc := range p.cands {
		if g.nodes[pc.node].level == LevelProvince {
			continue
		}
		for _, tc := range t.cands {
			if pc.node == tc.node || g.isAncestor(pc.node, tc.node) {
				return true
			}
		}
	}
	return false
}

// supported reports whether some ancestor of n has evidence in ctx: a
// town's short form (八达岭) or a town name shared by several counties
// counts only in an article already placed in its province or city.
func (g *Gazetteer) supported(n int, ctx map[int]float64) bool {
	for p := g.nodes[n].parent; p >= 0; p = g.nodes[p].parent {
		if ctx[p] > 0 {
			return true
		}
	}
	return false
}
