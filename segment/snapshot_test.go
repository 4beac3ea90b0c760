package segment

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// snapshotDicts are extra dictionaries that exercise what a snapshot must
// keep: our words before gse's (one overriding a gse word's frequency),
// parts of speech, Latin and digit runs that gse lower-cases into units.
func snapshotDicts(tb testing.TB) Config {
	tb.Helper()
	user := "长春妇联 3000 nt\n人民 5\nCOVID-19 1000 nz\n数字报\n"
	f, err := os.ReadFile("testdata/test_dict.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return Config{
		Dicts:     []io.Reader{strings.NewReader(user), bytes.NewReader(f)},
		DictNames: []string{"user", "test"},
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	if !snapshotLayoutOK() {
		t.Fatal("gse's types no longer have the layout snapshots mirror: update the mirrors in snapshot.go (and snapshotMagic)")
	}
	want, err := New(snapshotDicts(t))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := want.AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := FromSnapshot(snapshotDicts(t), snap)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version() != want.Version() {
		t.Fatalf("version %s, want %s", got.Version(), want.Version())
	}
	if !reflect.DeepEqual(got.ours, want.ours) {
		t.Fatalf("our words differ: %d against %d", len(got.ours), len(want.ours))
	}
	// The whole dictionary, the trie's unexported arrays included.
	if !reflect.DeepEqual(got.gse.Dict, want.gse.Dict) {
		t.Fatal("the dictionary loaded from the snapshot differs from the one New builds")
	}
	if got.paths.maxLen != want.paths.maxLen || got.paths.logTotal != want.paths.logTotal {
		t.Fatalf("path constants differ: %d %v against %d %v", got.paths.maxLen, got.paths.logTotal, want.paths.maxLen, want.paths.logTotal)
	}
	// And what matters: the same tokens, in both modes.
	sample, err := os.ReadFile("../testdata/sample/zgfnb-2017-09-15-zhzx.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := append(strings.Split(string(sample), "\n"), "长春妇联的COVID-19数字报", "人民政府在长春市宽城区")
	for _, text := range texts {
		for _, mode := range []Mode{ModeQuery, ModeIndex} {
			if g, w := got.Tokenize(text, mode), want.Tokenize(text, mode); !reflect.DeepEqual(g, w) {
				t.Fatalf("%v tokens of %q differ:\n got %v\nwant %v", mode, text, g, w)
			}
		}
	}
	// A snapshot is deterministic enough to be a cache: written again
	// from the loaded Segmenter, it loads again.
	again, err := got.AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromSnapshot(snapshotDicts(t), again); err != nil {
		t.Fatal(err)
	}
}

func TestSnapshotRefused(t *testing.T) {
	s, err := New(snapshotDicts(t))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.AppendSnapshot(nil)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(snap)
	flipped[len(flipped)/2] ^= 1
	cases := map[string]struct {
		cfg  Config
		snap []byte
	}{
		"other dictionaries": {Config{}, snap},
		"flipped bit":        {snapshotDicts(t), flipped},
		"truncated":          {snapshotDicts(t), snap[:len(snap)/3]},
		"empty":              {snapshotDicts(t), nil},
		"other format":       {snapshotDicts(t), append([]byte("baosou-segmenter-snapshot-0\n"), snap[len(snapshotMagic):]...)},
	}
	for name, c := range cases {
		if _, err := FromSnapshot(c.cfg, c.snap); !errors.Is(err, ErrSnapshot) {
			t.Errorf("%s: err %v, want ErrSnapshot", name, err)
		}
	}
	// A dictionary that cannot be read is its own error, not ErrSnapshot.
	if _, err := FromSnapshot(Config{Dicts: []io.Reader{nil}}, snap); err == nil || errors.Is(err, ErrSnapshot) {
		t.Errorf("nil reader: err %v", err)
	}
}

// BenchmarkSnapshot compares loading the shipped dictionaries (New) with
// loading them from a snapshot, and writing one:
//
//	go test ./segment -run XXX -bench Snapshot -benchtime 5x -count 3
func BenchmarkSnapshot(b *testing.B) {
	s := seg(b)
	snap, err := s.AppendSnapshot(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("New", func(b *testing.B) {
		for b.Loop() {
			if _, err := New(Config{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FromSnapshot", func(b *testing.B) {
		b.SetBytes(int64(len(snap)))
		for b.Loop() {
			if _, err := FromSnapshot(Config{}, snap); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendSnapshot", func(b *testing.B) {
		buf := make([]byte, 0, len(snap))
		for b.Loop() {
			if _, err := s.AppendSnapshot(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
