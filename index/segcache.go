package index

import (
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
// snapshot (segment.AppendSnapshot) in its cache directory, named by the
// analyzer version it holds: a start with the same code and dictionaries
// copies arrays instead of inserting every word again (about 0.1 s against
// 0.9 s). The snapshot is only a cache. One of another version is never
// read; one that cannot be used (damaged, another format, gse's types
// changed) is ignored, the dictionaries are loaded as without it and the
// snapshot written anew; one that cannot be written costs the next start
// the full load, nothing else.
const (
	snapshotPrefix = "segmenter-"
	snapshotExt    = ".snap"
	// keepSnapshots is how many snapshots a cache directory keeps: the
	// serving index's dictionaries and a rebuild's may differ, and each
	// start should find its own.
	keepSnapshots = 3
	// staleTemp is the age at which a temporary file a crashed write left
	// is removed.
	staleTemp = 10 * time.Minute
)

// LoadSegmenter loads, ahead of Open, the segmenter the index in dir will
// answer with (with the dictionary copy it keeps, else opts.UserDict), so
// a start can load it while it opens the store; Open then finds it loaded.
// It writes nothing in dir (another process may own it), only the snapshot
// in opts.SegmenterCache.
func LoadSegmenter(dir string, opts Options) error {
	userDict := opts.UserDict
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		if userDict, err = builtWithDict(dir, opts.UserDict); err != nil {
			return err
		}
	}
	_, err := cachedSegmenter(userDict, opts.SegmenterCache, opts.Log)
	return err
}

func snapshotPath(dir, version string) string {
	return filepath.Join(dir, snapshotPrefix+version+snapshotExt)
}

func loadSnapshotOrNew(cfg func() segment.Config, dir string, log *slog.Logger) (*segment.Segmenter, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	version, err := segment.VersionOf(cfg())
	if err != nil {
		return nil, fmt.Errorf("load segmenter: %w", err)
	}
	path := snapshotPath(dir, version)
	start := time.Now()
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		seg, err := segment.FromSnapshot(cfg(), data)
		if err == nil {
			log.Debug("segmenter loaded from its snapshot", "file", path, "bytes", len(data), "took", time.Since(start))
			return seg, nil
		}
		if !errors.Is(err, segment.ErrSnapshot) {
			return nil, fmt.Errorf("load segmenter: %w", err)
		}
		log.Warn("segmenter snapshot not usable; loading the dictionaries", "file", path, "err", err)
	case errors.Is(err, fs.ErrNotExist):
		log.Debug("no segmenter snapshot yet; loading the dictionaries", "file", path)
	default:
		log.Warn("read the segmenter snapshot; loading the dictionaries", "file", path, "err", err)
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
