package index

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// mkIndexDir makes a directory that looks like a complete (or unfinished)
// index to CurrentDir, modified at mod.
func mkIndexDir(t *testing.T, data, name string, finished bool, mod time.Time) string {
	t.Helper()
	dir := filepath.Join(data, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, metaFile), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !finished {
		if err := MarkBuilding(dir); err != nil {
			t.Fatal(err)
		}
	}
	os.Chtimes(filepath.Join(dir, metaFile), mod, mod)
	return dir
}

// INDEX names the current index; when a power loss left it empty or
// truncated, or it names an unfinished or missing directory, the newest
// complete index is current instead, and the caller is told it repaired.
func TestCurrentDir(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		pointer  *string // nil: no INDEX file
		want     string  // base name; "" with wantErr
		repaired bool
		wantErr  error
	}{
		{name: "no pointer", want: "index"},
		{name: "good pointer", pointer: ptr("index-b\n"), want: "index-b"},
		{name: "empty pointer (power loss)", pointer: ptr(""), want: "index-c", repaired: true},
		{name: "truncated pointer", pointer: ptr("ind"), want: "index-c", repaired: true},
		{name: "names an unfinished build", pointer: ptr("index-d\n"), want: "index-c", repaired: true},
		{name: "names a missing directory", pointer: ptr("index-zz\n"), want: "index-c", repaired: true},
		{name: "names a path outside", pointer: ptr("../elsewhere\n"), want: "index-c", repaired: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			mkIndexDir(t, data, "index-a", true, t0)
			mkIndexDir(t, data, "index-b", true, t0.Add(time.Hour))
			mkIndexDir(t, data, "index-c", true, t0.Add(2*time.Hour))
			mkIndexDir(t, data, "index-d", false, t0.Add(3*time.Hour))
			if tc.pointer != nil {
				os.WriteFile(filepath.Join(data, indexPointer), []byte(*tc.pointer), 0o644)
			}
			got, repaired, err := CurrentDir(data)
			if err != nil || filepath.Base(got) != tc.want || repaired != tc.repaired {
				t.Errorf("CurrentDir = %q, repaired %v, %v; want %q, repaired %v", filepath.Base(got), repaired, err, tc.want, tc.repaired)
			}
		})
	}
	t.Run("nothing complete", func(t *testing.T) {
		data := t.TempDir()
		mkIndexDir(t, data, "index-d", false, t0)
		os.WriteFile(filepath.Join(data, indexPointer), nil, 0o644)
		if _, _, err := CurrentDir(data); !errors.Is(err, ErrNoIndex) {
			t.Errorf("err = %v, want ErrNoIndex", err)
		}
	})
}

func ptr(s string) *string { return &s }

// Only unfinished builds are removed: the current index and an operator's
// copies stay, however they are named.
func TestRemoveAbandoned(t *testing.T) {
	data := t.TempDir()
	t0 := time.Now()
	cur := mkIndexDir(t, data, "index-20260101T000000.000000000", true, t0)
	mkIndexDir(t, data, "index-20260102T000000.000000000", false, t0) // a killed rebuild
	mkIndexDir(t, data, "index-copy", true, t0)                       // an operator's copy
	mkIndexDir(t, data, "index-backup-old", false, t0)                // not a name NewDir gives
	building := mkIndexDir(t, data, "index-20260103T000000.000000000", false, t0)
	if err := RemoveAbandoned(data, building); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(data)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{filepath.Base(cur), filepath.Base(building), "index-backup-old", "index-copy"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("data directory holds %v, want %v", names, want)
	}
}

// MakeCurrent leaves a whole pointer and no temporary file.
func TestMakeCurrent(t *testing.T) {
	data := t.TempDir()
	next := mkIndexDir(t, data, filepath.Base(NewDir(data)), true, time.Now())
	if err := MakeCurrent(data, next); err != nil {
		t.Fatal(err)
	}
	if cur, repaired, err := CurrentDir(data); cur != next || repaired || err != nil {
		t.Errorf("current %q %v %v, want %q", cur, repaired, err, next)
	}
	entries, _ := os.ReadDir(data)
	if len(entries) != 2 {
		t.Errorf("data directory holds %d entries, want the index and INDEX", len(entries))
	}
}
