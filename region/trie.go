package region

// trie maps rune sequences to alias indices. Children of all nodes live in
// one map keyed by (node, rune), which keeps the structure small and a
// lookup one hash probe per rune.
type trie struct {
	next  map[trieKey]int32
	value []int32 // per trie node: alias index or -1; node 0 is the root
}

type trieKey struct {
	node int32
	r    rune
}

func (t *trie) insert(s string, v int) {
	if t.next == nil {
		t.next = map[trieKey]int32{}
		t.value = []int32{-1}
	}
	var n int32
	for _, r := range s {
		k := trieKey{n, r}
		c, ok := t.next[k]
		if !ok {
			c = int32(len(t.value))
			t.value = append(t.value, -1)
			t.next[k] = c
		}
		n = c
	}
	t.value[n] = int32(v)
}

// longest returns the alias index and rune length of the longest entry that
// is a prefix of rs, or -1, 0.
func (t *trie) longest(rs []rune) (int, int) {
	best, blen := -1, 0
	if t.next == nil {
		return best, blen
	}
	var n int32
	for i, r := range rs {
		c, ok := t.next[trieKey{n, r}]
		if !ok {
			break
		}
		n = c
		if v := t.value[n]; v >= 0 {
			best, blen = int(v), i+1
		}
	}
	return best, blen
}
