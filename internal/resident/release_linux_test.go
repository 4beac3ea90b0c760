package resident

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// residentKiB reads how much of the mapping starting at b is resident in
// this process, from /proc/self/smaps.
func residentKiB(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	start := fmt.Sprintf("%x-", uintptr(unsafe.Pointer(&b[0])))
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		// The first Rss after the mapping's header line is its own.
		in = in || strings.HasPrefix(line, start)
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no mapping at %s in smaps", start)
	return 0
}

func mapFile(t *testing.T, path string, size int, flags int) []byte {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(int64(size)); err != nil {
		t.Fatal(err)
	}
	b, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ|unix.PROT_WRITE, flags)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(b) })
	return b
}

// TestReleaseKeepsData maps files as Badger does (shared, written through
// the map, not yet synced) and checks that Release takes their pages out
// of the resident set without losing a byte, and leaves a private
// mapping's changes and a file outside the directories alone.
func TestReleaseKeepsData(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	const size = 4 << 20
	shared := mapFile(t, filepath.Join(dir, "000001.sst"), size, unix.MAP_SHARED)
	private := mapFile(t, filepath.Join(dir, "000002.sst"), size, unix.MAP_PRIVATE)
	outside := mapFile(t, filepath.Join(other, "000003.sst"), size, unix.MAP_SHARED)
	want := bytes.Repeat([]byte("报搜0123"), size/10+1)[:size]
	copy(shared, want)
	copy(private, want)
	copy(outside, want)
	before := residentKiB(t, shared)
	if before < size/1024/2 {
		t.Fatalf("written map only %d KiB resident", before)
	}

	n, err := Release(dir)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("kernel cannot: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("advised %d mappings, want 1 (the shared one under %s)", n, dir)
	}
	if after := residentKiB(t, shared); after > before/4 {
		t.Errorf("shared map: %d KiB resident after Release, %d before", after, before)
	}
	if got := residentKiB(t, outside); got < size/1024/2 {
		t.Errorf("map outside the directories: %d KiB resident, want it untouched", got)
	}
	if !bytes.Equal(shared, want) || !bytes.Equal(private, want) || !bytes.Equal(outside, want) {
		t.Fatal("a mapping lost what was written to it")
	}
	disk, err := os.ReadFile(filepath.Join(dir, "000001.sst"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(disk, want) {
		t.Fatal("the file does not hold what was written through its map")
	}
}

// Every releases at once, not only after its first interval.
func TestEveryReleasesAtOnce(t *testing.T) {
	dir := t.TempDir()
	const size = 4 << 20
	m := mapFile(t, filepath.Join(dir, "000001.sst"), size, unix.MAP_SHARED)
	copy(m, bytes.Repeat([]byte{7}, size))
	before := residentKiB(t, m)
	if _, err := Release(dir); errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("kernel cannot: %v", err)
	}
	copy(m, bytes.Repeat([]byte{8}, size)) // resident again
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); Every(ctx, time.Hour, slog.New(slog.DiscardHandler), dir) }()
	deadline := time.Now().Add(5 * time.Second)
	for residentKiB(t, m) > before/4 {
		if time.Now().After(deadline) {
			cancel()
			<-done
			t.Fatalf("still %d KiB resident 5 s into an hourly release", residentKiB(t, m))
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
}
