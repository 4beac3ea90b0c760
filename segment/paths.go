package segment

import (
	"math"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-ego/gse"
)

// shortestPaths is gse's shortest-path segmentation (Segmenter.Segment
// without search mode) over gse's own loaded dictionary, computing exactly
// the same segments. It exists for speed: gse decodes and classifies every
// rune with unicode tables, allocates a pseudo-token per unknown character
// and fresh path arrays per call, which made it most of Tokenize's cost;
// here the scratch space is reused and the path cost of each dictionary
// token is cached next to the dictionary. TestShortestPathsMatchGse checks
// the equivalence on real text.
type shortestPaths struct {
	dict     *gse.Dictionary
	maxLen   int
	logTotal float32
	base     uintptr // address of dict.Tokens[0]
	// info[i] caches token i's path cost and length in units, filled on
	// first use (0 = not yet): computing it for all 350,000 tokens at New
	// would cost start-up time for tokens text never uses. Atomic, because
	// Tokenize runs concurrently; every writer stores the same value.
	info []atomic.Uint64
	// segs[i] caches token i's sub-segments (see segmentsOf), likewise
	// filled on first use.
	segs []atomic.Pointer[[]pathSeg]
}

// pseudoCost is what gse charges a character no dictionary word starts
// with (its pseudo-token's distance).
const pseudoCost = 32

func newShortestPaths(g *gse.Segmenter) *shortestPaths {
	d := g.Dict
	p := &shortestPaths{
		dict:     d,
		maxLen:   d.MaxTokenLen(),
		logTotal: float32(math.Log2(d.TotalFreq())),
		info:     make([]atomic.Uint64, len(d.Tokens)),
		segs:     make([]atomic.Pointer[[]pathSeg], len(d.Tokens)),
	}
	if len(d.Tokens) > 0 {
		p.base = uintptr(unsafe.Pointer(&d.Tokens[0]))
	}
	return p
}

// tokenInfo returns the path cost gse's CalcToken gives t and the number
// of units (see splitUnits) t spans.
func (p *shortestPaths) tokenInfo(t *gse.Token) (cost float32, units int) {
	i := p.index(t)
	if i < 0 {
		return p.computeInfo(t)
	}
	if v := p.info[i].Load(); v != 0 {
		return math.Float32frombits(uint32(v >> 32)), int(uint32(v))
	}
	cost, units = p.computeInfo(t)
	p.info[i].Store(uint64(math.Float32bits(cost))<<32 | uint64(units))
	return cost, units
}

// index returns t's index in dict.Tokens, or -1. LookupTokens returns
// pointers into dict.Tokens, so the index is the pointer's distance from
// the first token; checked, never trusted.
func (p *shortestPaths) index(t *gse.Token) int {
	i := int((uintptr(unsafe.Pointer(t)) - p.base) / unsafe.Sizeof(gse.Token{}))
	if i < 0 || i >= len(p.info) || &p.dict.Tokens[i] != t {
		return -1
	}
	return i
}

// segmentsOf returns the sub-segments of dictionary token t, in bytes of
// its text: what gse's CalcToken stores as t.Segments() (the shortest path
// through t's text that does not use t itself, without lone Japanese kana
// characters), computed on first use instead of for every token at load.
// A nil tok in a segment stands for a character not in the dictionary.
func (p *shortestPaths) segmentsOf(t *gse.Token) []pathSeg {
	if t == nil {
		return nil
	}
	i := p.index(t)
	if i >= 0 {
		if v := p.segs[i].Load(); v != nil {
			return *v
		}
	}
	var sc pathScratch
	text := []byte(t.Text())
	segs := p.segment(text, &sc, true)
	out := make([]pathSeg, 0, len(segs))
	for _, sg := range segs {
		// one unit of kana is dropped, as CalcToken does
		if sg.units == 1 && gse.IsJp(string(text[sg.start:sg.end])) {
			continue
		}
		out = append(out, sg)
	}
	if i >= 0 {
		p.segs[i].Store(&out)
	}
	return out
}

func (p *shortestPaths) computeInfo(t *gse.Token) (float32, int) {
	// The same float32 arithmetic as gse's CalcToken.
	cost := p.logTotal - float32(math.Log2(t.Freq()))
	var buf [16]gse.Text
	return cost, len(splitUnits([]byte(t.Text()), buf[:0]))
}

// splitUnits cuts text into gse's units (SplitTextToWords): a maximal run
// of one- and two-byte letters and digits is one unit, any other rune
// (each invalid byte counting as one) a unit of its own. Text is already
// folded, so gse's lower-casing of runs changes nothing.
func splitUnits(text []byte, out []gse.Text) []gse.Text {
	runStart := -1
	for i := 0; i < len(text); {
		c := text[i]
		var alnum bool
		size := 1
		if c < utf8.RuneSelf {
			alnum = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else if c < 0xE0 {
			var r rune
			r, size = utf8.DecodeRune(text[i:])
			alnum = size == 2 && (unicode.IsLetter(r) || unicode.IsNumber(r))
		} else {
			// three- and four-byte runes are never part of a run
			_, size = utf8.DecodeRune(text[i:])
		}
		if alnum {
			if runStart < 0 {
				runStart = i
			}
		} else {
			if runStart >= 0 {
				out = append(out, text[runStart:i])
				runStart = -1
			}
			out = append(out, text[i:i+size])
		}
		i += size
	}
	if runStart >= 0 {
		out = append(out, text[runStart:])
	}
	return out
}

// jumper is gse's: the cheapest path found so far to the end of a unit and
// the token that ends it (nil for a pseudo-token of one unit).
type jumper struct {
	cost  float32
	units int32
	tok   *gse.Token
}

// pathSeg is one segment of segmentInto's result, in bytes of its input.
type pathSeg struct {
	start, end int
	units      int
	tok        *gse.Token // nil for a character not in the dictionary
}

// pathScratch is segmentInto's reusable memory.
type pathScratch struct {
	units   []gse.Text
	starts  []int
	jumpers []jumper
	found   []*gse.Token
	spans   []pathSeg
}

// segmentInto returns the segments of text exactly as gse's Segment would,
// in sc.spans (valid until the next call with sc).
func (p *shortestPaths) segmentInto(text []byte, sc *pathScratch) []pathSeg {
	return p.segment(text, sc, false)
}

// segment is gse's segmentWords; in search mode (for a word's
// sub-segments) a path may not be the whole text in one token.
func (p *shortestPaths) segment(text []byte, sc *pathScratch, search bool) []pathSeg {
	sc.units = splitUnits(text, sc.units[:0])
	n := len(sc.units)
	sc.spans = sc.spans[:0]
	if n == 0 || search && n == 1 {
		return sc.spans
	}
	sc.starts = sc.starts[:0]
	at := 0
	for _, u := range sc.units {
		sc.starts = append(sc.starts, at)
		at += len(u)
	}
	sc.jumpers = append(sc.jumpers[:0], make([]jumper, n)...)
	if len(sc.found) < p.maxLen {
		sc.found = make([]*gse.Token, p.maxLen)
	}
	jumpers := sc.jumpers
	for cur := range n {
		var base float32
		if cur > 0 {
			base = jumpers[cur-1].cost
		}
		k := p.dict.LookupTokens(sc.units[cur:min(cur+p.maxLen, n)], sc.found)
		firstUnits := 0
		for i := range k {
			cost, units := p.tokenInfo(sc.found[i])
			if i == 0 {
				firstUnits = units
			}
			if !search || cur != 0 || units != n {
				update(&jumpers[cur+units-1], base+cost, int32(units), sc.found[i])
			}
		}
		if k == 0 || firstUnits > 1 {
			update(&jumpers[cur], base+pseudoCost, 1, nil)
		}
	}
	for end := n - 1; end >= 0; {
		from := end - int(jumpers[end].units) + 1
		sc.spans = append(sc.spans, pathSeg{start: sc.starts[from], end: sc.starts[end] + len(sc.units[end]),
			units: int(jumpers[end].units), tok: jumpers[end].tok})
		end = from - 1
	}
	// reverse into text order
	s := sc.spans
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
	return s
}

// update is gse's updateJumper, including its reading of cost 0 as "no
// path yet" and its keeping the first of equal costs.
func update(j *jumper, cost float32, units int32, tok *gse.Token) {
	if j.cost == 0 || j.cost > cost {
		j.cost, j.units, j.tok = cost, units, tok
	}
}
