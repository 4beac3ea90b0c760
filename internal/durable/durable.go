// Package durable writes the small files that must survive a crash whole:
// the INDEX pointer, index metadata, the running server's serve.json. A
// file is written to a temporary name, fsynced, renamed over the old one,
// and then the directory is fsynced so the rename itself is on disk: after
// a power loss the file holds the old content or the new, never a part.
package durable

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/renameio/v2"
)

// WriteFile replaces path with data atomically and durably.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	if err := Replace(path, data, perm); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// Replace replaces path with data atomically: a temporary file beside it,
// fsynced, renamed into place. The rename is durable once the caller syncs
// the directory (SyncDir), so that one sync serves many files written
// into it.
func Replace(path string, data []byte, perm os.FileMode) error {
	// renameio writes a temporary file beside path, fsyncs it and renames
	// it into place; it leaves the directory entry to us.
	if err := renameio.WriteFile(path, data, perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SyncDir fsyncs a directory, making renames and removals in it durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
