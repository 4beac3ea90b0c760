package service

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadAheadOf reads the read-ahead of a disk and of a partition (whose
// setting is its disk's) from a sysfs laid out as Linux lays it out: block
// devices under devices/, linked from dev/block/MAJOR:MINOR.
func TestReadAheadOf(t *testing.T) {
	sys := t.TempDir()
	disk := filepath.Join(sys, "devices", "virtual", "block", "vda")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(disk, "queue"), 0o755))
	must(os.MkdirAll(filepath.Join(disk, "vda1"), 0o755))
	must(os.WriteFile(filepath.Join(disk, "queue", "read_ahead_kb"), []byte("8192\n"), 0o644))
	must(os.MkdirAll(filepath.Join(sys, "dev", "block"), 0o755))
	must(os.Symlink(disk, filepath.Join(sys, "dev", "block", "254:0")))
	must(os.Symlink(filepath.Join(disk, "vda1"), filepath.Join(sys, "dev", "block", "254:1")))
	cases := []struct {
		major, minor uint32
		kb           int
		ok           bool
	}{
		{254, 0, 8192, true}, // the disk
		{254, 1, 8192, true}, // its partition
		{254, 2, 0, false},   // no such device
		{0, 30, 0, false},    // no block device behind (tmpfs, overlay)
	}
	for _, c := range cases {
		kb, ok := readAheadOf(sys, c.major, c.minor)
		if kb != c.kb || ok != c.ok {
			t.Errorf("%d:%d: %d %v, want %d %v", c.major, c.minor, kb, ok, c.kb, c.ok)
		}
	}
}
