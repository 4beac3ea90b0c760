package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/baosou/baosou/internal/durable"
)

// The data directory may hold several index directories: the current one,
// named in the file INDEX (plain "index" when there is no such file), and
// one being built by a rebuild. A rebuild writes a new directory marked as
// unfinished, clears the mark when it is complete, points INDEX at it, then
// removes the directory it replaced. A crash at any point leaves a
// current, complete index; a directory still marked unfinished is a
// leftover that may be removed. Directories an operator copied or named
// (index-backup, say) are never removed by baosou.
const (
	indexPointer = "INDEX"
	indexDir     = "index" // the index directory of a data directory that has no INDEX file
	buildingMark = "BUILDING"
	newDirPrefix = indexDir + "-" // directories NewDir names
)

// ErrNoIndex means the data directory holds no complete index.
var ErrNoIndex = errors.New("no complete index")

// CurrentDir returns the current index directory of a data directory: the
// one INDEX names. When INDEX is missing the answer is the plain "index"
// directory. When INDEX is unreadable (empty or truncated by a power loss,
// or naming a directory that is gone or unfinished), it falls back to the
// newest complete index directory, reporting repaired; ErrNoIndex when
// there is none.
func CurrentDir(data string) (dir string, repaired bool, err error) {
	raw, err := os.ReadFile(filepath.Join(data, indexPointer))
	if os.IsNotExist(err) {
		return filepath.Join(data, indexDir), false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read %s: %w", indexPointer, err)
	}
	name := strings.TrimSpace(string(raw))
	if validName(name) && complete(filepath.Join(data, name)) {
		return filepath.Join(data, name), false, nil
	}
	newest, err := newestComplete(data)
	if err != nil {
		return "", false, fmt.Errorf("%s in %s names %q, which is not a complete index: %w", indexPointer, data, name, err)
	}
	return newest, true, nil
}

func validName(name string) bool {
	return strings.HasPrefix(name, indexDir) && !strings.ContainsAny(name, `/\`) && name != "." && name != ".."
}

// complete reports whether dir is an index this code finished writing.
func complete(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err != nil {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, buildingMark))
	return os.IsNotExist(err)
}

// newestComplete returns the most recently modified complete index
// directory of data.
func newestComplete(data string) (string, error) {
	entries, err := os.ReadDir(data)
	if err != nil {
		return "", err
	}
	type cand struct {
		dir string
		mod time.Time
	}
	var cands []cand
	for _, e := range entries {
		p := filepath.Join(data, e.Name())
		if !e.IsDir() || !validName(e.Name()) || !complete(p) {
			continue
		}
		if st, err := os.Stat(filepath.Join(p, metaFile)); err == nil {
			cands = append(cands, cand{p, st.ModTime()})
		}
	}
	if len(cands) == 0 {
		return "", ErrNoIndex
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].mod.After(cands[j].mod) })
	return cands[0].dir, nil
}

const newDirTime = "20060102T150405.000000000"

// NewDir names a fresh index directory in data for a rebuild.
func NewDir(data string) string {
	return filepath.Join(data, newDirPrefix+time.Now().UTC().Format(newDirTime))
}

// newDirName reports whether name is one NewDir gives.
func newDirName(name string) bool {
	ts, ok := strings.CutPrefix(name, newDirPrefix)
	if !ok {
		return false
	}
	_, err := time.Parse(newDirTime, ts)
	return err == nil
}

// MakeCurrent points the data directory's INDEX at dir, atomically and
// durably: after a power loss INDEX names either the old or the new index.
func MakeCurrent(data, dir string) error {
	if err := durable.WriteFile(filepath.Join(data, indexPointer), []byte(filepath.Base(dir)+"\n"), 0o644); err != nil {
		return fmt.Errorf("switch to the new index: %w", err)
	}
	return nil
}

// MarkBuilding marks dir as an index being built, so a crash leaves it
// recognisable as a leftover. Finished clears the mark.
func MarkBuilding(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return durable.WriteFile(filepath.Join(dir, buildingMark), []byte("baosou is building this index; a leftover if no baosou runs\n"), 0o644)
}

// Finished clears the mark MarkBuilding set, durably.
func Finished(dir string) error {
	if err := os.Remove(filepath.Join(dir, buildingMark)); err != nil && !os.IsNotExist(err) {
		return err
	}
	return durable.SyncDir(dir)
}

// RemoveAbandoned deletes the index directories of data that a rebuild
// left unfinished (a crash or a kill mid-build), except keep. It touches
// nothing else: operators' copies stay.
func RemoveAbandoned(data, keep string) error {
	entries, err := os.ReadDir(data)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(data, e.Name())
		if !e.IsDir() || p == keep || !newDirName(e.Name()) {
			continue
		}
		if _, err := os.Stat(filepath.Join(p, buildingMark)); err != nil {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove unfinished index %s: %w", p, err)
		}
	}
	return nil
}
