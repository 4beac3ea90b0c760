package region

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/baosou/baosou/dict"
)

// Levels of the administrative hierarchy, as in dict/regions.tsv.
const (
	LevelProvince   = 1
	LevelPrefecture = 2
	LevelCounty     = 3
)

// node is one administrative division.
type node struct {
	code   string
	name   string
	level  int
	parent int // index into Gazetteer.nodes, -1 for provinces
	path   string
}

// cand is one reading of a surface form: the division it names and whether
// the surface is the division's full name (吉林市) or a short form (吉林).
type cand struct {
	node int
	full bool
	town bool // the surface names a town or street of this county (towns.go)
}

// alias is a surface form with every division it can name.
type alias struct {
	text  string
	cands []cand
	// all marks a compound (京津冀) naming every candidate at once rather
	// than one of them.
	all bool
	// tag is false for forms that are also common words (和平, 新华); they
	// still resolve a user's filter but are never evidence in text.
	tag bool
	// town marks the names of towns and streets: evidence for their county
	// in text, but neither a filter value nor a dictionary word.
	town bool
}

// Gazetteer holds the divisions and the lookup structures for tagging and
// resolving. It is immutable after Load and safe for concurrent use.
type Gazetteer struct {
	nodes    []node
	byPath   map[string]int
	aliases  []alias
	byText   map[string]int // alias text -> index into aliases
	trie     trie           // over the aliases that may be evidence in text
	maxLen   int            // longest taggable alias, in runes
	maxRunes int            // longest alias of all, in runes
}

// Default returns the gazetteer compiled into package dict, with its towns.
// It is built once per process (about 0.15 s) and shared: a Gazetteer is
// read-only after loading, and both the tagger and the segmenter's place
// names need it at start-up.
func Default() (*Gazetteer, error) { return defaultGazetteer() }

var defaultGazetteer = sync.OnceValues(func() (*Gazetteer, error) {
	g, err := LoadWithTowns(dict.Regions(), dict.RegionTowns())
	if err != nil {
		return nil, fmt.Errorf("load embedded regions: %w", err)
	}
	return g, nil
})

// Load parses TSV lines code<TAB>name<TAB>level<TAB>parentCode (lines
// starting with # and blank lines are skipped). Every parent must be present
// and sit at a shallower level. Errors name the offending line.
func Load(tsv []byte) (*Gazetteer, error) {
	return LoadWithTowns(tsv, nil)
}

// LoadWithTowns is Load plus towns and streets as evidence for their
// county: TSV lines name<TAB>parentCode, parentCode a code of tsv (see
// dict.RegionTowns). Errors name the offending line of either input.
func LoadWithTowns(tsv, towns []byte) (*Gazetteer, error) {
	g := &Gazetteer{byPath: map[string]int{}, byText: map[string]int{}}
	byCode := map[string]int{}
	parentCode := []string{}
	lines := []int{}
	err := eachTSV(tsv, "regions", []string{"code", "name", "level", "parentCode"}, func(n int, f []string) error {
		code, name, pc := f[0], f[1], f[3]
		level, err := strconv.Atoi(f[2])
		if err != nil || level < LevelProvince || level > LevelCounty {
			return fmt.Errorf("level %q is not 1, 2 or 3", f[2])
		}
		if code == "" || name == "" || strings.ContainsAny(name, "/ ") {
			return fmt.Errorf("empty code or name, or name containing '/' or space")
		}
		if _, dup := byCode[code]; dup {
			return fmt.Errorf("duplicate code %s", code)
		}
		if (level == LevelProvince) != (pc == "") {
			return fmt.Errorf("level %d with parent code %q (provinces have none, others need one)", level, pc)
		}
		byCode[code] = len(g.nodes)
		g.nodes = append(g.nodes, node{code: code, name: name, level: level, parent: -1})
		parentCode = append(parentCode, pc)
		lines = append(lines, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(g.nodes) == 0 {
		return nil, fmt.Errorf("regions: no divisions found")
	}
	for i := range g.nodes {
		if parentCode[i] == "" {
			continue
		}
		p, ok := byCode[parentCode[i]]
		if !ok {
			return nil, fmt.Errorf("regions line %d: parent code %s not found", lines[i], parentCode[i])
		}
		if g.nodes[p].level >= g.nodes[i].level {
			return nil, fmt.Errorf("regions line %d: parent %s is not at a shallower level", lines[i], parentCode[i])
		}
		g.nodes[i].parent = p
	}
	for i := range g.nodes {
		g.nodes[i].path = g.buildPath(i)
		if j, dup := g.byPath[g.nodes[i].path]; dup {
			return nil, fmt.Errorf("regions line %d: path %s already defined on line %d", lines[i], g.nodes[i].path, lines[j])
		}
		g.byPath[g.nodes[i].path] = i
	}
	ts, err := parseTowns(towns, byCode)
	if err != nil {
		return nil, err
	}
	g.buildAliases(ts)
	return g, nil
}

// buildPath joins the names from the province down; levels are strictly
// increasing along parents, so this terminates.
func (g *Gazetteer) buildPath(i int) string {
	var parts []string
	for ; i >= 0; i = g.nodes[i].parent {
		parts = append(parts, g.nodes[i].name)
	}
	for l, r := 0, len(parts)-1; l < r; l, r = l+1, r-1 {
		parts[l], parts[r] = parts[r], parts[l]
	}
	return strings.Join(parts, "/")
}

func (g *Gazetteer) buildAliases(towns []town) {
	add := func(text string, n int, full bool) {
		k, ok := g.byText[text]
		if !ok {
			k = len(g.aliases)
			g.byText[text] = k
			g.aliases = append(g.aliases, alias{text: text, tag: true})
		}
		for _, c := range g.aliases[k].cands {
			if c.node == n {
				return
			}
		}
		g.aliases[k].cands = append(g.aliases[k].cands, cand{node: n, full: full})
	}
	for i, n := range g.nodes {
		add(n.name, i, true)
		for _, s := range shortForms(n.name, n.level) {
			add(s, i, false)
		}
	}
	for text, paths := range extraAliases {
		if _, taken := g.byText[text]; taken {
			continue // a division's own name wins
		}
		for _, p := range paths {
			if n, ok := g.byPath[p]; ok { // absent from a partial gazetteer
				add(text, n, true)
			}
		}
		if k, ok := g.byText[text]; ok {
			g.aliases[k].all = len(paths) > 1
		}
	}
	g.addTowns(towns)
	for k := range g.aliases {
		a := &g.aliases[k]
		if !a.town {
			g.maxRunes = max(g.maxRunes, utf8.RuneCountInString(a.text))
		}
		a.tag = !notEvidence(a)
		if a.tag {
			g.trie.insert(a.text, k)
			g.maxLen = max(g.maxLen, utf8.RuneCountInString(a.text))
		}
	}
	g.trie.freeze()
}

// notEvidence reports whether a surface form is too often an ordinary word
// to count as a mention of a place.
func notEvidence(a *alias) bool {
	if _, ok := commonWords[a.text]; ok {
		return true
	}
	return false
}

// Names returns every full name and short form usable as a dictionary word
// (长春市, 长春, 吉林省, 吉林, 宽城区, 宽城 ...), sorted, without one-rune
// forms, without short forms that are common words and without towns.
func (g *Gazetteer) Names() []string {
	out := make([]string, 0, len(g.aliases))
	for _, a := range g.aliases {
		if !a.tag || a.town || utf8.RuneCountInString(a.text) < 2 {
			continue
		}
		out = append(out, a.text)
	}
	sort.Strings(out)
	return out
}

// isAncestor reports whether a is a strict ancestor of d.
func (g *Gazetteer) isAncestor(a, d int) bool {
	for p := g.nodes[d].parent; p >= 0; p = g.nodes[p].parent {
		if p == a {
			return true
		}
	}
	return false
}
