package index

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/segment"
)

func TestSegmenterSnapshotCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache") // created on first write
	// Snapshots of other user dictionaries, the oldest of which goes, and a
	// temporary file a crashed write left long ago.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for i, name := range []string{"segmenter-seg0-a.snap", "segmenter-seg0-b.snap", "segmenter-seg0-c.snap", ".segmenter-seg0-d.snap123", "notes.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		mod := old.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}

	fresh, err := loadSnapshotOrNew(nil, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := snapshotPath(dir, nil)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no snapshot written: %v", err)
	}
	// keepSnapshots: the new one and the two newest others; the stale
	// temporary file is gone, the file that is not ours stays.
	want := []string{filepath.Base(path), "notes.txt", "segmenter-seg0-b.snap", "segmenter-seg0-c.snap"}
	slices.Sort(want)
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Fatalf("cache holds %v, want %v", got, want)
	}

	fromSnap, err := loadSnapshotOrNew(nil, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fromSnap == fresh || fromSnap.Version() != fresh.Version() {
		t.Fatalf("second load: version %s, want %s from the snapshot", fromSnap.Version(), fresh.Version())
	}
	text := "长春市人民政府召开新闻发布会，宽城区妇联参加"
	if got, want := fromSnap.Tokenize(text, segment.ModeIndex), fresh.Tokenize(text, segment.ModeIndex); !slices.Equal(got, want) {
		t.Fatalf("tokens from the snapshot's segmenter differ:\n got %v\nwant %v", got, want)
	}

	// A damaged snapshot is not used, and is written anew.
	if err := os.WriteFile(path, []byte("baosou-segmenter-snapshot-1\ngarbage!"), 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := loadSnapshotOrNew(nil, dir, nil)
	if err != nil || again.Version() != fresh.Version() {
		t.Fatalf("load past a damaged snapshot: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() < 1<<20 {
		t.Fatalf("damaged snapshot not replaced: %v %v", fi, err)
	}

	// A snapshot of another analyzer under the same name (the code or the
	// shipped dictionaries changed since) is not used, and is replaced.
	other, err := segment.New(segment.Config{Dicts: []io.Reader{strings.NewReader("报搜 100\n")}})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := other.AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, snap, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := loadSnapshotOrNew(nil, dir, nil); err != nil || got.Version() != fresh.Version() {
		t.Fatalf("load past another analyzer's snapshot: %v, %v", got, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := segment.DecodeSnapshot(data); err != nil || s.Version() != fresh.Version() {
		t.Fatalf("another analyzer's snapshot not replaced: %v", err)
	}
}

// A cache that cannot be written costs time, never the segmenter.
func TestSegmenterSnapshotUnwritable(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	seg, err := loadSnapshotOrNew(nil, filepath.Join(blocker, "cache"), nil)
	if err != nil || seg == nil {
		t.Fatalf("load with an unwritable cache: %v", err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}
