package segment

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"reflect"
	"unsafe"

	"github.com/go-ego/gse"
)

// A snapshot is a loaded Segmenter's dictionary in a compact binary form:
// gse's double-array trie and token list as they are in memory after New,
// so a later process rebuilds them by copying arrays instead of inserting
// 350,000 words one by one (most of start-up). It is only a cache: its
// header names the Segmenter's Version (a hash of the code version and of
// every dictionary byte), and a snapshot of another version, another
// format, another layout of gse's types or with a bad checksum is refused,
// so the caller loads the dictionaries as New does.
//
// gse keeps the trie and the tokens' fields unexported. The snapshot reads
// and writes them through mirror types of the same memory layout;
// snapshotLayoutOK checks, field by field, that gse's and cedar's types
// still have that layout, and snapshots are disabled when they do not
// (a go.mod upgrade that changes them costs start-up time, never
// correctness). TestSnapshotRoundTrip checks that a Segmenter loaded from
// a snapshot is deeply equal to the one New builds.

// snapshotMagic starts every snapshot; the digit is the format version.
const snapshotMagic = "baosou-segmenter-snapshot-1\n"

// ErrSnapshot means a snapshot cannot be used: written for another
// Version or format, damaged, or this build's gse types differ from the
// layout snapshots mirror. Load the dictionaries instead.
var ErrSnapshot = errors.New("segmenter snapshot not usable")

// Mirrors of gse.Dictionary, gse.Token and cedar.Cedar (vcaesar/cedar
// v0.20.2, as gse v0.80.3 uses it), field for field.
type (
	dictMirror struct {
		trie        unsafe.Pointer // *cedar.Cedar
		maxTokenLen int
		Tokens      []gse.Token
		totalFreq   float64
	}
	tokenMirror struct {
		text     []gse.Text
		freq     float64
		pos      string
		distance float32
		segments []*gse.Segment
	}
	cedarMirror struct {
		Reduced          bool
		array            []cedarNode
		nInfos           []cedarNInfo
		blocks           []cedarBlock
		reject           [257]int
		blocksHeadFull   int
		blocksHeadClosed int
		blocksHeadOpen   int
		capacity         int
		size             int
		ordered          bool
		maxTrial         int
	}
	cedarNode  struct{ baseV, check int }
	cedarNInfo struct{ sibling, child byte }
	cedarBlock struct{ prev, next, num, reject, trial, eHead int }
)

// cedarType is gse's trie type, found through the Dictionary field that
// points to it (cedar is gse's dependency, not ours).
func cedarType() reflect.Type {
	f, ok := reflect.TypeFor[gse.Dictionary]().FieldByName("trie")
	if !ok || f.Type.Kind() != reflect.Pointer {
		return nil
	}
	return f.Type.Elem()
}

// snapshotLayoutOK reports whether gse's and cedar's types have exactly
// the layout of the mirrors (microseconds; checked on every use).
func snapshotLayoutOK() bool {
	ct := cedarType()
	return ct != nil &&
		sameLayout(reflect.TypeFor[dictMirror](), reflect.TypeFor[gse.Dictionary](), ct) &&
		sameLayout(reflect.TypeFor[tokenMirror](), reflect.TypeFor[gse.Token](), nil) &&
		sameLayout(reflect.TypeFor[cedarMirror](), ct, nil)
}

// sameLayout compares a mirror type with the real one: same size and
// kind, and for structs the same field names, offsets and field layouts.
// An unsafe.Pointer in the mirror stands for a pointer to ptrTo.
func sameLayout(mirror, real, ptrTo reflect.Type) bool {
	if mirror == real {
		return true
	}
	if mirror.Kind() == reflect.UnsafePointer {
		return real.Kind() == reflect.Pointer && real.Elem() == ptrTo
	}
	if mirror.Kind() != real.Kind() || mirror.Size() != real.Size() || mirror.Align() != real.Align() {
		return false
	}
	switch mirror.Kind() {
	case reflect.Struct:
		if mirror.NumField() != real.NumField() {
			return false
		}
		for i := range mirror.NumField() {
			m, r := mirror.Field(i), real.Field(i)
			if m.Name != r.Name || m.Offset != r.Offset || !sameLayout(m.Type, r.Type, ptrTo) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Pointer:
		return sameLayout(mirror.Elem(), real.Elem(), ptrTo)
	case reflect.Array:
		return mirror.Len() == real.Len() && sameLayout(mirror.Elem(), real.Elem(), ptrTo)
	case reflect.Bool, reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint8, reflect.Float32, reflect.Float64, reflect.String:
		return true
	}
	return false
}

// AppendSnapshot appends s's snapshot to buf. It fails when gse's types
// are not laid out as the snapshot expects.
func (s *Segmenter) AppendSnapshot(buf []byte) ([]byte, error) {
	if !snapshotLayoutOK() {
		return nil, fmt.Errorf("%w: gse's types changed", ErrSnapshot)
	}
	d := (*dictMirror)(unsafe.Pointer(s.gse.Dict))
	c := (*cedarMirror)(d.trie)
	w := snapWriter{buf: buf}
	w.buf = append(w.buf, snapshotMagic...)
	start := len(w.buf)
	w.str(s.version)
	words := make([]string, 0, len(s.ours))
	for word := range s.ours {
		words = append(words, word)
	}
	w.uint(uint64(len(words)))
	for _, word := range words {
		w.str(word)
	}

	w.uint(uint64(d.maxTokenLen))
	w.f64(d.totalFreq)
	w.uint(uint64(len(d.Tokens)))
	units := 0
	for i := range d.Tokens {
		units += len((*tokenMirror)(unsafe.Pointer(&d.Tokens[i])).text)
	}
	w.uint(uint64(units))
	posIndex := map[string]uint64{}
	var posNames []string
	for i := range d.Tokens {
		t := (*tokenMirror)(unsafe.Pointer(&d.Tokens[i]))
		if t.distance != 0 || t.segments != nil {
			return nil, fmt.Errorf("%w: token %d has path costs computed", ErrSnapshot, i)
		}
		p, ok := posIndex[t.pos]
		if !ok {
			p = uint64(len(posNames))
			posIndex[t.pos] = p
			posNames = append(posNames, t.pos)
		}
		w.f64(t.freq)
		w.uint(p)
		w.uint(uint64(len(t.text)))
		for _, u := range t.text {
			w.uint(uint64(len(u)))
		}
	}
	for i := range d.Tokens {
		for _, u := range (*tokenMirror)(unsafe.Pointer(&d.Tokens[i])).text {
			w.buf = append(w.buf, u...)
		}
	}
	w.uint(uint64(len(posNames)))
	for _, p := range posNames {
		w.str(p)
	}

	// The trie: its scalars, then the used part of each array (beyond
	// size the arrays are zero, as cedar leaves them after growing).
	if c.size < 0 || c.size > len(c.array) || c.size > len(c.nInfos) || c.size/256 > len(c.blocks) || len(c.array) != c.capacity || len(c.nInfos) != c.capacity {
		return nil, fmt.Errorf("%w: trie of size %d, capacity %d, arrays %d/%d/%d", ErrSnapshot, c.size, c.capacity, len(c.array), len(c.nInfos), len(c.blocks))
	}
	w.bool(c.Reduced)
	w.bool(c.ordered)
	for _, v := range []int{c.blocksHeadFull, c.blocksHeadClosed, c.blocksHeadOpen, c.capacity, c.size, c.maxTrial, len(c.blocks)} {
		w.int(v)
	}
	for _, v := range c.reject {
		w.int(v)
	}
	for _, n := range c.array[:c.size] {
		w.int(n.baseV)
		w.int(n.check)
	}
	for _, n := range c.nInfos[:c.size] {
		w.buf = append(w.buf, n.sibling, n.child)
	}
	for _, b := range c.blocks {
		for _, v := range []int{b.prev, b.next, b.num, b.reject, b.trial, b.eHead} {
			w.int(v)
		}
	}
	w.buf = binary.LittleEndian.AppendUint32(w.buf, crc32.Checksum(w.buf[start:], castagnoli))
	return w.buf, nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// VersionOf is the Version a Segmenter of cfg's dictionaries has, found
// by hashing them, without loading them.
func VersionOf(cfg Config) (string, error) {
	_, version, err := readDicts(cfg)
	return version, err
}

// FromSnapshot is New from a snapshot that AppendSnapshot wrote for the
// same dictionaries: cfg's dictionaries are read and hashed (not parsed),
// and a snapshot of another Version is refused with ErrSnapshot.
func FromSnapshot(cfg Config, snap []byte) (*Segmenter, error) {
	version, err := VersionOf(cfg)
	if err != nil {
		return nil, err
	}
	s, err := DecodeSnapshot(snap)
	if err != nil {
		return nil, err
	}
	if s.Version() != version {
		return nil, fmt.Errorf("%w: written for analyzer %s, the dictionaries give %s", ErrSnapshot, s.Version(), version)
	}
	return s, nil
}

// DecodeSnapshot returns the Segmenter a snapshot holds, with the Version
// it was written for. The caller must compare that with the Version of the
// dictionaries it means (VersionOf), as FromSnapshot does; decoding alone
// lets it overlap loading what those dictionaries are made of.
func DecodeSnapshot(snap []byte) (*Segmenter, error) {
	if !snapshotLayoutOK() {
		return nil, fmt.Errorf("%w: gse's types changed", ErrSnapshot)
	}
	if len(snap) < len(snapshotMagic)+4 || string(snap[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: not a snapshot of this format", ErrSnapshot)
	}
	body := snap[len(snapshotMagic) : len(snap)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(snap[len(snap)-4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrSnapshot)
	}
	r := snapReader{buf: body}
	version := r.str()
	if r.err != nil {
		return nil, r.err
	}
	s, err := decodeSnapshot(&r)
	if err != nil {
		return nil, err
	}
	if r.err != nil || len(r.buf) != 0 {
		return nil, fmt.Errorf("%w: malformed (%v, %d bytes left)", ErrSnapshot, r.err, len(r.buf))
	}
	s.version = version
	return s, nil
}

func decodeSnapshot(r *snapReader) (*Segmenter, error) {
	nWords := r.count(1)
	ours := make(map[string]bool, nWords)
	for range nWords {
		ours[r.str()] = true
	}

	g := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	g.Init()
	g.Dict = gse.NewDict()
	d := (*dictMirror)(unsafe.Pointer(g.Dict))
	d.maxTokenLen = int(r.uint())
	d.totalFreq = r.f64()
	nTokens := r.count(3)
	type tokenHead struct {
		freq  float64
		pos   int
		units int
	}
	heads := make([]tokenHead, nTokens)
	unitLens := make([]int, 0, r.count(1))
	textBytes := 0
	for i := range heads {
		heads[i] = tokenHead{freq: r.f64(), pos: int(r.uint()), units: r.count(1)}
		for range heads[i].units {
			n := r.count(0)
			unitLens = append(unitLens, n)
			textBytes += n
		}
	}
	// Copied: the tokens must not keep the whole snapshot alive.
	text := append([]byte(nil), r.bytes(textBytes)...)
	nPos := r.count(1)
	posNames := make([]string, nPos)
	for i := range posNames {
		posNames[i] = r.str()
	}
	if r.err != nil {
		return nil, r.err
	}
	// One backing array for every token's units, carved with full slice
	// expressions so no append can run into a neighbour.
	units := make([]gse.Text, len(unitLens))
	at := 0
	for i, n := range unitLens {
		units[i] = text[at : at+n : at+n]
		at += n
	}
	d.Tokens = make([]gse.Token, nTokens)
	u := 0
	for i, h := range heads {
		if h.pos >= len(posNames) {
			return nil, fmt.Errorf("%w: token %d: part of speech %d of %d", ErrSnapshot, i, h.pos, len(posNames))
		}
		t := (*tokenMirror)(unsafe.Pointer(&d.Tokens[i]))
		t.text = units[u : u+h.units : u+h.units]
		t.freq = h.freq
		t.pos = posNames[h.pos]
		u += h.units
	}

	c := (*cedarMirror)(reflect.New(cedarType()).UnsafePointer())
	c.Reduced = r.bool()
	c.ordered = r.bool()
	c.blocksHeadFull, c.blocksHeadClosed, c.blocksHeadOpen = r.int(), r.int(), r.int()
	c.capacity, c.size, c.maxTrial = r.int(), r.int(), r.int()
	nBlocks := r.int()
	for i := range c.reject {
		c.reject[i] = r.int()
	}
	if r.err != nil {
		return nil, r.err
	}
	// Each used node takes at least 2 bytes and each block 6, so sizes
	// beyond what is left are a damaged snapshot, not an allocation.
	// cedar doubles capacity when size reaches it, so capacity is at most
	// twice size (never less than its initial 256).
	if c.size < 256 || c.capacity < c.size || c.capacity > 2*c.size || nBlocks != c.capacity/256 || c.size > len(r.buf)/2 {
		return nil, fmt.Errorf("%w: trie of size %d, capacity %d, %d blocks", ErrSnapshot, c.size, c.capacity, nBlocks)
	}
	c.array = make([]cedarNode, c.capacity)
	for i := range c.array[:c.size] {
		c.array[i] = cedarNode{baseV: r.int(), check: r.int()}
	}
	c.nInfos = make([]cedarNInfo, c.capacity)
	ni := r.bytes(2 * c.size)
	if r.err != nil {
		return nil, r.err
	}
	for i := range c.nInfos[:c.size] {
		c.nInfos[i] = cedarNInfo{sibling: ni[2*i], child: ni[2*i+1]}
	}
	c.blocks = make([]cedarBlock, nBlocks)
	for i := range c.blocks {
		c.blocks[i] = cedarBlock{prev: r.int(), next: r.int(), num: r.int(), reject: r.int(), trial: r.int(), eHead: r.int()}
	}
	d.trie = unsafe.Pointer(c)
	return &Segmenter{gse: g, ours: ours, paths: newShortestPaths(g)}, nil
}

type snapWriter struct{ buf []byte }

func (w *snapWriter) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *snapWriter) int(v int)     { w.buf = binary.AppendVarint(w.buf, int64(v)) }
func (w *snapWriter) f64(v float64) {
	w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(v))
}
func (w *snapWriter) str(s string) { w.uint(uint64(len(s))); w.buf = append(w.buf, s...) }
func (w *snapWriter) bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// snapReader reads what snapWriter wrote. The first error sticks; reads
// after it return zero values, so a decoder checks once per section.
type snapReader struct {
	buf []byte
	err error
}

func (r *snapReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: truncated or malformed %s", ErrSnapshot, what)
	}
	r.buf = nil
}

func (r *snapReader) uint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

func (r *snapReader) int() int {
	v, n := binary.Varint(r.buf)
	if n <= 0 || v != int64(int(v)) {
		r.fail("number")
		return 0
	}
	r.buf = r.buf[n:]
	return int(v)
}

// count reads a length whose items take at least min bytes each, refusing
// one larger than the rest of the snapshot could hold.
func (r *snapReader) count(min int) int {
	v := r.uint()
	if v > uint64(len(r.buf)) || min > 0 && v > uint64(len(r.buf)/min) {
		r.fail("length")
		return 0
	}
	return int(v)
}

func (r *snapReader) f64() float64 {
	if len(r.buf) < 8 {
		r.fail("float")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.buf))
	r.buf = r.buf[8:]
	return v
}

func (r *snapReader) bytes(n int) []byte {
	if n < 0 || n > len(r.buf) {
		r.fail("bytes")
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func (r *snapReader) str() string { return string(r.bytes(r.count(0))) }

func (r *snapReader) bool() bool {
	b := r.bytes(1)
	return len(b) == 1 && b[0] != 0
}
