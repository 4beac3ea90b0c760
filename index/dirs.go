package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The data directory may hold several index directories: the current one,
// named in the file INDEX (plain "index" when there is no such file), and
// one being built by a rebuild. A rebuild writes a new directory, then
// points INDEX at it, then removes the old one, so a crash at any point
// leaves a current, complete index.
const (
	indexPointer = "INDEX"
	indexDir     = "index" // the index directory of a data directory that has no INDEX file
)

// CurrentDir returns the current index directory of a data directory.
func CurrentDir(data string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(data, indexPointer))
	if os.IsNotExist(err) {
		return filepath.Join(data, indexDir), nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", indexPointer, err)
	}
	name := strings.TrimSpace(string(raw))
	if !strings.HasPrefix(name, indexDir) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("%s in %s names %q, which is not an index directory", indexPointer, data, name)
	}
	return filepath.Join(data, name), nil
}

// NewDir names a fresh index directory in data for a rebuild.
func NewDir(data string) string {
	return filepath.Join(data, indexDir+"-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// MakeCurrent points the data directory's INDEX at dir, atomically.
func MakeCurrent(data, dir string) error {
	tmp := filepath.Join(data, indexPointer+".tmp")
	if err := os.WriteFile(tmp, []byte(filepath.Base(dir)+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(data, indexPointer)); err != nil {
		return fmt.Errorf("switch to the new index: %w", err)
	}
	return nil
}

// RemoveOthers deletes every index directory of data but keep: the
// previous index after a swap, and leftovers of rebuilds that were
// interrupted.
func RemoveOthers(data, keep string) error {
	entries, err := os.ReadDir(data)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(data, e.Name())
		if e.IsDir() && strings.HasPrefix(e.Name(), indexDir) && p != keep {
			if err := os.RemoveAll(p); err != nil {
				return fmt.Errorf("remove old index %s: %w", p, err)
			}
		}
	}
	return nil
}
