package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/baosou/baosou/internal/durable"
	"github.com/baosou/baosou/segment"
)

// Loading the dictionaries (350,000 words into gse's trie) is most of a
// start. A data directory therefore keeps the loaded segmenter as a
// snapshot (segment.AppendSnapshot) in its cache directory: a start with
// the same code and dictionaries copies arrays instead of inserting every
// word again (about 0.1 s against 0.9 s). A snapshot is named by a hash of
// the operator's dictionary, the one input that differs between the
// segmenters of a data directory (the serving index's and a rebuild's);
// the analyzer version inside (a hash of the code version and of every
// dictionary byte) says whether it is still the one to use. It is only a
// cache: one of another version, damaged, of another format or of gse
// types that changed is not used; the dictionaries are loaded as without
// it and the snapshot written anew. One that cannot be written costs the
// next start the full load, nothing else.
const (
	snapshotPrefix = "segmenter-"
	snapshotExt    = ".snap"
	// keepSnapshots is how many snapshots a cache directory keeps (for
	// as many user dictionaries).
	keepSnapshots = 3
	// staleTemp is the age at which a temporary file a crashed write left
	// is removed.
	staleTemp = 10 * time.Minute
)

// LoadSegmenter loads, ahead of Open, the segmenter the index in dir will
// answer with (with the dictionary copy it keeps, else userDict), keeping
// its snapshot in cacheDir, so a start can load it while it opens the
// store; Open then finds it loaded. It writes nothing in dir (another
// process may own it), only the snapshot in cacheDir.
func LoadSegmenter(dir string, userDict []byte, cacheDir string, log *slog.Logger) error {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		if userDict, err = builtWithDict(dir, userDict); err != nil {
			return err
		}
	}
	_, err := cachedSegmenter(userDict, cacheDir, log)
	return err
}

func snapshotPath(dir string, userDict []byte) string {
	h := sha256.Sum256(userDict)
	return filepath.Join(dir, snapshotPrefix+hex.EncodeToString(h[:8])+snapshotExt)
}

func loadSnapshotOrNew(userDict []byte, dir string, log *slog.Logger) (*segment.Segmenter, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	path := snapshotPath(dir, userDict)
	// Reading and decoding the snapshot needs nothing from the region
	// gazetteer, which the version to compare it with does (its place
	// names are a dictionary): on two cores the two overlap.
	type decoded struct {
		seg  *segment.Segmenter
		size int
		err  error
	}
	done := make(chan decoded, 1)
	go func() {
		data, err := os.ReadFile(path)
		if err != nil {
			done <- decoded{err: err}
			return
		}
		seg, err := segment.DecodeSnapshot(data)
		done <- decoded{seg, len(data), err}
	}()
	cfg, err := segmenterConfig(userDict)
	var version string
	if err == nil {
		version, err = segment.VersionOf(cfg())
	}
	d := <-done
	if err != nil {
		return nil, fmt.Errorf("load segmenter: %w", err)
	}
	switch {
	case d.err == nil && d.seg.Version() == version:
		log.Debug("segmenter loaded from its snapshot", "file", path, "bytes", d.size, "took", time.Since(start))
		return d.seg, nil
	case d.err == nil:
		log.Debug("the segmenter snapshot is of another analyzer; loading the dictionaries", "file", path, "snapshot", d.seg.Version(), "want", version)
	case errors.Is(d.err, fs.ErrNotExist):
		log.Debug("no segmenter snapshot yet; loading the dictionaries", "file", path)
	default:
		log.Warn("segmenter snapshot not usable; loading the dictionaries", "file", path, "err", d.err)
	}
	seg, err := newSegmenter(cfg)
	if err != nil {
		return nil, err
	}
	log.Debug("segmenter loaded from the dictionaries", "took", time.Since(start))
	if err := writeSnapshot(dir, path, seg); err != nil {
		log.Warn("keep a segmenter snapshot (the next start loads the dictionaries again)", "err", err)
	}
	return seg, nil
}

// writeSnapshot writes seg's snapshot to path, atomically, and removes the
// oldest snapshots beyond keepSnapshots.
func writeSnapshot(dir, path string, seg *segment.Segmenter) error {
	snap, err := seg.AppendSnapshot(nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := durable.WriteFile(path, snap, 0o644); err != nil {
		return err
	}
	return pruneSnapshots(dir, path)
}

// pruneSnapshots removes all but the keepSnapshots newest snapshots (keep
// among them) and temporary files of writes that did not finish. It removes
// nothing else: the cache directory holds only what this code writes, but
// a user's file there is not ours to delete.
func pruneSnapshots(dir, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type snap struct {
		path string
		mod  time.Time
	}
	var snaps []snap
	var errs []error
	for _, e := range entries {
		name := e.Name()
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, "."+snapshotPrefix) && time.Since(info.ModTime()) > staleTemp:
			errs = append(errs, os.Remove(p))
		case strings.HasPrefix(name, snapshotPrefix) && strings.HasSuffix(name, snapshotExt) && p != keep:
			snaps = append(snaps, snap{p, info.ModTime()})
		}
	}
	slices.SortFunc(snaps, func(a, b snap) int { return b.mod.Compare(a.mod) })
	for i, s := range snaps {
		if i >= keepSnapshots-1 {
			errs = append(errs, os.Remove(s.path))
		}
	}
	return errors.Join(errs...)
}
