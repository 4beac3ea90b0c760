package index

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/baosou/baosou/internal/durable"
)

// UserDictFile is the operator's user dictionary (gse format, optional)
// in a data directory, and the copy of it an index was built with in the
// index directory: what lets the index keep answering with its own
// analyzer after the data directory's dictionary changed, until a rebuild
// replaces it.
const UserDictFile = "user-dict.txt"

// ReadUserDict reads dir's user dictionary; found is false when it has
// none.
func ReadUserDict(dir string) (data []byte, found bool, err error) {
	data, err = os.ReadFile(filepath.Join(dir, UserDictFile))
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read user dictionary: %w", err)
	}
	return data, true, nil
}

func writeDictCopy(dir string, userDict []byte) error {
	// Written even when empty: an index without the file predates copies.
	return durable.WriteFile(filepath.Join(dir, UserDictFile), userDict, 0o644)
}

// builtWithDict returns the user dictionary the index in dir was built
// with. An index written before copies were kept has none: it was built
// with the data directory's (fallback), or is refused as of another
// analyzer when that has changed since.
func builtWithDict(dir string, fallback []byte) ([]byte, error) {
	data, found, err := ReadUserDict(dir)
	if err != nil {
		return nil, fmt.Errorf("the dictionary the index was built with: %w", err)
	}
	if !found {
		return fallback, nil
	}
	return data, nil
}

// clearForCreate empties a directory that a crashed build left without
// metadata, so Bleve can create the index anew. Only a directory marked
// BUILDING is cleared: anything else there is not ours to delete.
func clearForCreate(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, buildingMark)); err != nil {
		return fmt.Errorf("%w: %s holds files but no %s; not an index written by this baosou (move it away, or run `baosou rebuild`)", ErrVersion, dir, metaFile)
	}
	for _, e := range entries {
		if e.Name() == buildingMark {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
