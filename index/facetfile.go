package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/baosou/baosou/internal/durable"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A segment's facet column is also kept in a file beside the index
// (facetsDir/<segment file>.cols), so that a start reads it in one
// sequential read rather than walking the segment's facet and day
// dictionaries term by term: at a million articles that walk was most of
// the first search's second with facets. The files are a cache: one that
// is missing, damaged, of another version or of another segment (scorch
// may reuse a segment's number after a restart) is read from the segment
// again and written anew.

// facetsDir is the directory of the column files, inside an index's own.
const facetsDir = "baosou-facets"

// columnFileVersion changes whenever the file's layout does.
const columnFileVersion = 1

var columnFileMagic = [4]byte{'B', 'S', 'F', 'C'}

// errColumnFile marks a column file that cannot be used.
var errColumnFile = errors.New("facet column file unusable")

// persistedSegment is a segment in a file of its own (zap's), named by
// its path and told apart from an earlier file of that name by its CRC.
type persistedSegment interface {
	Path() string
	CRC() uint32
}

// columnFile is the column file of a segment, "" for one only in memory.
func (fc *facetColumns) columnFile(seg segment.Segment) (string, uint32, bool) {
	p, ok := seg.(persistedSegment)
	if !ok || fc.dir == "" {
		return "", 0, false
	}
	return filepath.Join(fc.dir, filepath.Base(p.Path())+".cols"), p.CRC(), true
}

// encodeColumn writes a column with its terms numbered locally (the
// table's ids belong to one process): a header, the terms, the four
// arrays, and a CRC of all that.
//
//	magic "BSFC" | version | segment CRC | documents n | terms t | ids m   (uint32 each)
//	t × (uvarint length, bytes)
//	start (n+1) | ids (m) | day (n, local id + 1, 0 none) | date (n, int32)   (uint32 each)
//	CRC-32 (Castagnoli) of everything before
func encodeColumn(col *facetColumn, table []facetTerm, segCRC uint32) []byte {
	local, terms := localIDs(col, table)
	n, m := len(col.day), len(col.ids)
	b := make([]byte, 0, 24+16*len(terms)+4*(3*n+m+2)+4)
	b = append(b, columnFileMagic[:]...)
	for _, v := range []uint32{columnFileVersion, segCRC, uint32(n), uint32(len(terms)), uint32(m)} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	for _, v := range col.start {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, id := range col.ids {
		b = binary.LittleEndian.AppendUint32(b, local[id])
	}
	for _, d := range col.day {
		if d > 0 {
			d = local[d-1] + 1
		}
		b = binary.LittleEndian.AppendUint32(b, d)
	}
	for _, d := range col.date {
		b = binary.LittleEndian.AppendUint32(b, uint32(d))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// localIDs numbers the table's ids a column uses in the order of their
// terms, and returns those terms.
func localIDs(col *facetColumn, table []facetTerm) (map[uint32]uint32, []string) {
	local := map[uint32]uint32{}
	for _, id := range col.ids {
		local[id] = 0
	}
	for _, d := range col.day {
		if d > 0 {
			local[d-1] = 0
		}
	}
	ids := make([]uint32, 0, len(local))
	for id := range local {
		ids = append(ids, id)
	}
	term := func(id uint32) string { return table[id].kind + table[id].value }
	slices.SortFunc(ids, func(a, b uint32) int { return strings.Compare(term(a), term(b)) })
	terms := make([]string, len(ids))
	for i, id := range ids {
		local[id], terms[i] = uint32(i), term(id)
	}
	return local, terms
}

// decodeColumn reads what encodeColumn wrote for a segment of n
// documents whose file has CRC segCRC; the column's ids are local, into
// the terms returned. Anything amiss is an errColumnFile, never a panic.
func decodeColumn(b []byte, n int, segCRC uint32) (*facetColumn, []string, error) {
	bad := func(why string, args ...any) error {
		return fmt.Errorf("%w: %s", errColumnFile, fmt.Sprintf(why, args...))
	}
	if len(b) < 28 || [4]byte(b[:4]) != columnFileMagic {
		return nil, nil, bad("not a column file")
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, nil, bad("checksum mismatch")
	}
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(body[4+4*i:]) }
	if v := u(0); v != columnFileVersion {
		return nil, nil, bad("version %d, want %d", v, columnFileVersion)
	}
	if u(1) != segCRC || int64(u(2)) != int64(n) {
		return nil, nil, bad("written for another segment")
	}
	nt, m := int(u(3)), int(u(4))
	rest := body[24:]
	terms := make([]string, 0, min(nt, len(rest)))
	for range nt {
		l, k := binary.Uvarint(rest)
		if k <= 0 || l > uint64(len(rest)-k) {
			return nil, nil, bad("term %d cut short", len(terms))
		}
		terms = append(terms, string(rest[k:k+int(l)]))
		rest = rest[k+int(l):]
	}
	if uint64(len(rest)) != 4*(3*uint64(n)+uint64(m)+1) {
		return nil, nil, bad("%d bytes of arrays, want %d", len(rest), 4*(3*n+m+1))
	}
	next := func(k int) []uint32 {
		out := make([]uint32, k)
		for i := range out {
			out[i] = binary.LittleEndian.Uint32(rest[4*i:])
		}
		rest = rest[4*k:]
		return out
	}
	col := &facetColumn{start: next(n + 1), ids: next(m), day: next(n)}
	col.date = make([]int32, n)
	for i, v := range next(n) {
		col.date[i] = int32(v)
	}
	if err := checkColumn(col, len(terms)); err != nil {
		return nil, nil, bad("%v", err)
	}
	return col, terms, nil
}

// checkColumn checks that a column read from a file indexes only within
// itself and its terms, so that counting never reads past an array.
func checkColumn(col *facetColumn, terms int) error {
	if col.start[0] != 0 || int(col.start[len(col.start)-1]) != len(col.ids) {
		return errors.New("document starts do not span the ids")
	}
	for d := 1; d < len(col.start); d++ {
		if col.start[d] < col.start[d-1] {
			return fmt.Errorf("document %d starts before the one before it", d-1)
		}
	}
	for _, id := range col.ids {
		if int(id) >= terms {
			return fmt.Errorf("term %d of %d", id, terms)
		}
	}
	for _, d := range col.day {
		if int(d) > terms {
			return fmt.Errorf("day term %d of %d", d, terms)
		}
	}
	return nil
}

// loadColumn reads a segment's column from its file, numbered in the
// table; ok is false when there is no usable file.
func (fc *facetColumns) loadColumn(seg segment.Segment) (*facetColumn, bool) {
	path, crc, ok := fc.columnFile(seg)
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			fc.log.Warn("read facet column file", "file", path, "err", err)
		}
		return nil, false
	}
	col, terms, err := decodeColumn(b, int(seg.Count()), crc)
	if err != nil {
		fc.log.Debug("facet column file read from its segment again", "file", path, "err", err)
		return nil, false
	}
	fc.globalize(col, terms)
	return col, true
}

// globalize turns a column's local term numbers into ids of the table.
func (fc *facetColumns) globalize(col *facetColumn, terms []string) {
	ids := fc.number(terms)
	for i, l := range col.ids {
		col.ids[i] = ids[l]
	}
	for d, l := range col.day {
		if l > 0 {
			col.day[d] = ids[l-1] + 1
		}
	}
}

// saveColumn writes a segment's column to its file, whole or not at all,
// into fc.dir, which exists; the caller syncs the directory.
func (fc *facetColumns) saveColumn(seg segment.Segment, col *facetColumn) error {
	path, crc, ok := fc.columnFile(seg)
	if !ok {
		return nil
	}
	fc.mu.Lock()
	table := fc.terms
	fc.mu.Unlock()
	if err := durable.Replace(path, encodeColumn(col, table, crc), 0o644); err != nil {
		return fmt.Errorf("save facet column: %w", err)
	}
	return nil
}

// pruneColumnFiles removes the column files of segment files that are
// gone (merged away), found in segDir.
func (fc *facetColumns) pruneColumnFiles(segDir string) error {
	names, err := os.ReadDir(fc.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("prune facet column files: %w", err)
	}
	var errs error
	for _, e := range names {
		base, ok := strings.CutSuffix(e.Name(), ".cols")
		if !ok {
			continue // a temporary file of a write in progress, or not ours
		}
		if _, err := os.Stat(filepath.Join(segDir, base)); errors.Is(err, os.ErrNotExist) {
			if err := os.Remove(filepath.Join(fc.dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = errors.Join(errs, fmt.Errorf("prune facet column files: %w", err))
			}
		}
	}
	return errs
}
