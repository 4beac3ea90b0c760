package region

import "sort"

// trie maps rune sequences to alias indices. It is built with insert and
// then frozen: the root's children sit in a small map (thousands of first
// runes), every other node's children in one sorted run of a shared edge
// array (rarely more than a few). This keeps a probe cache-friendly even
// with tens of thousands of town names, where one big (node, rune) map
// made every probe a cache miss.
type trie struct {
	build map[trieKey]int32 // only while inserting; nil once frozen
	value []int32           // per trie node: alias index or -1; node 0 is the root
	root  map[rune]int32    // children of the root outside hanLo..hanHi
	han   []int32           // children of the root in hanLo..hanHi, -1 if none
	first []int32           // per node: index of its first edge in edges
	count []int32           // per node: number of edges
	edges []trieEdge
}

// The root's children in the CJK Unified Ideographs block are found by
// index, without hashing: that is where every position of a text starts.
const hanLo, hanHi = 0x4E00, 0x9FFF

type trieKey struct {
	node int32
	r    rune
}

type trieEdge struct {
	r     rune
	child int32
}

func (t *trie) insert(s string, v int) {
	if t.build == nil {
		t.build = map[trieKey]int32{}
		t.value = []int32{-1}
	}
	var n int32
	for _, r := range s {
		k := trieKey{n, r}
		c, ok := t.build[k]
		if !ok {
			c = int32(len(t.value))
			t.value = append(t.value, -1)
			t.build[k] = c
		}
		n = c
	}
	t.value[n] = int32(v)
}

// freeze lays the edges out for lookup and drops the build map.
func (t *trie) freeze() {
	keys := make([]trieKey, 0, len(t.build))
	for k := range t.build {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].node != keys[j].node {
			return keys[i].node < keys[j].node
		}
		return keys[i].r < keys[j].r
	})
	t.root = map[rune]int32{}
	t.han = make([]int32, hanHi-hanLo+1)
	for i := range t.han {
		t.han[i] = -1
	}
	t.first = make([]int32, len(t.value))
	t.count = make([]int32, len(t.value))
	t.edges = make([]trieEdge, 0, len(keys))
	for _, k := range keys {
		c := t.build[k]
		if k.node == 0 {
			if k.r >= hanLo && k.r <= hanHi {
				t.han[k.r-hanLo] = c
			} else {
				t.root[k.r] = c
			}
			continue
		}
		if t.count[k.node] == 0 {
			t.first[k.node] = int32(len(t.edges))
		}
		t.edges = append(t.edges, trieEdge{k.r, c})
		t.count[k.node]++
	}
	t.build = nil
}

// child returns the child of node n on rune r, or -1.
func (t *trie) child(n int32, r rune) int32 {
	if n == 0 {
		if r >= hanLo && r <= hanHi {
			return t.han[r-hanLo]
		}
		if c, ok := t.root[r]; ok {
			return c
		}
		return -1
	}
	for _, e := range t.edges[t.first[n] : t.first[n]+t.count[n]] {
		if e.r == r {
			return e.child
		}
		if e.r > r {
			break
		}
	}
	return -1
}

// longest returns the alias index and rune length of the longest entry that
// is a prefix of rs, or -1, 0.
func (t *trie) longest(rs []rune) (int, int) {
	best, blen := -1, 0
	if t.root == nil {
		return best, blen
	}
	var n int32
	for i, r := range rs {
		c := t.child(n, r)
		if c < 0 {
			break
		}
		n = c
		if v := t.value[n]; v >= 0 {
			best, blen = int(v), i+1
		}
	}
	return best, blen
}
