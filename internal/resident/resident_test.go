package resident

import (
	"strings"
	"testing"
)

func TestParseMaps(t *testing.T) {
	maps := strings.Join([]string{
		"7f0000000000-7f0000400000 rw-s 00000000 fd:00 1234 /data/store/000001.sst",
		"7f0000400000-7f0000800000 r--s 00000000 fd:00 1235 /data/index-1/store/00000000000a.zap",
		"7f0000800000-7f0000900000 r--p 00000000 fd:00 1236 /data/store/000002.sst",  // private: never
		"7f0000900000-7f0000a00000 rw-s 00000000 fd:00 1237 /data/store2/000003.sst", // a sibling, not under /data/store
		"7f0000a00000-7f0000b00000 rw-s 00000000 fd:00 1238 /data/store/with space.vlog (deleted)",
		"7f0000b00000-7f0000c00000 rw-s 00000000 00:00 0 ",
		"7f0000c00000-7f0000d00000 rw-p 00000000 00:00 0 [heap]",
		"00400000-00500000 r-xp 00000000 fd:00 99 /usr/bin/baosou",
		"garbage",
		"7f0000d00000-7f0000c00000 rw-s 00000000 fd:00 1239 /data/store/backwards.sst",
	}, "\n")
	got, err := parseMaps(strings.NewReader(maps), []string{"/data/store", "/data/index-1/"})
	if err != nil {
		t.Fatal(err)
	}
	want := []mapping{
		{0x7f0000000000, 0x7f0000400000, "/data/store/000001.sst"},
		{0x7f0000400000, 0x7f0000800000, "/data/index-1/store/00000000000a.zap"},
		{0x7f0000a00000, 0x7f0000b00000, "/data/store/with space.vlog"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mapping %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func FuzzParseLine(f *testing.F) {
	f.Add("7f0000000000-7f0000400000 rw-s 00000000 fd:00 1234 /data/store/000001.sst")
	f.Add("7f0000a00000-7f0000b00000 rw-s 00000000 fd:00 1238 /a b/c (deleted)")
	f.Add("0-1 rw-s 0 0 0 /x")
	f.Fuzz(func(t *testing.T, line string) {
		m, ok := parseLine(line)
		if !ok {
			return
		}
		if m.end <= m.start || !strings.HasPrefix(m.path, "/") || !strings.Contains(line, m.path) {
			t.Fatalf("%q: %+v", line, m)
		}
	})
}
