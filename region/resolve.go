package region

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknown is returned (wrapped) by Resolve for a name that is no
// division.
var ErrUnknown = errors.New("unknown region")

// AmbiguousError is returned by Resolve for a name that several divisions
// share at the same level (朝阳区 is in 北京市 and in 长春市).
type AmbiguousError struct {
	Name       string
	Candidates []string // full paths, in code order
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("region %q is ambiguous: %s", e.Name, strings.Join(e.Candidates, ", "))
}

// Resolve turns a user's filter value into the path to filter on. It
// accepts full names (长春市, 吉林省), short forms (长春, 吉林), chains from
// the province down (吉林省长春市, 北京朝阳区) and paths (吉林省/长春市).
// When a name has readings at different levels the most general wins (吉林
// is 吉林省, whose filter includes 吉林市); readings at the same level give
// an *AmbiguousError; anything else an error wrapping ErrUnknown.
func (g *Gazetteer) Resolve(name string) (string, error) {
	s := strings.TrimSpace(name)
	if s == "" {
		return "", fmt.Errorf("resolve region %q: %w", name, ErrUnknown)
	}
	if _, ok := g.byPath[s]; ok {
		return s, nil
	}
	if k, ok := g.byText[s]; ok && !g.aliases[k].town {
		return g.resolveCands(s, g.aliases[k].cands)
	}
	if n, ok := g.chain(s, -1); ok {
		return g.nodes[n].path, nil
	}
	return "", fmt.Errorf("resolve region %q: %w", name, ErrUnknown)
}

func (g *Gazetteer) resolveCands(name string, cs []cand) (string, error) {
	top := LevelCounty + 1
	for _, c := range cs {
		top = min(top, g.nodes[c.node].level)
	}
	var paths []string
	for _, c := range cs { // in file order
		if g.nodes[c.node].level == top {
			paths = append(paths, g.nodes[c.node].path)
		}
	}
	if len(paths) == 1 {
		return paths[0], nil
	}
	return "", &AmbiguousError{Name: name, Candidates: paths}
}

// chain parses s as names of nested divisions, each below the previous one
// (吉林省长春市宽城区), and returns the last. Prefixes are tried longest
// first; names are short, so the search stays small.
func (g *Gazetteer) chain(s string, under int) (int, bool) {
	if s == "" {
		return under, under >= 0
	}
	rs := []rune(s)
	for n := min(len(rs), g.maxRunes); n >= 2; n-- {
		k, ok := g.byText[string(rs[:n])]
		if !ok || g.aliases[k].town {
			continue
		}
		for _, c := range g.aliases[k].cands {
			if under >= 0 && !g.isAncestor(under, c.node) {
				continue
			}
			if under < 0 && n == len(rs) {
				continue // a single name was handled by the caller
			}
			if end, ok := g.chain(string(rs[n:]), c.node); ok {
				return end, true
			}
		}
	}
	return -1, false
}
