package archive

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/index"
)

// A typo in --data must not create an empty archive.
func TestOpenRefusesMissingDataWithoutCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	_, err := Open(context.Background(), Config{Dir: dir})
	if !errors.Is(err, ErrNoData) {
		t.Fatalf("err = %v, want ErrNoData", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s was created", dir)
	}
}

// The README's dictionary workflow: edit user-dict.txt, rebuild while
// serving. The old index answers with the old dictionary until the new
// one swaps in; then the word is cut whole, searches find it, the replaced
// index directory is gone and an operator's copy is not; a restart serves
// the new index at once.
func TestRebuildPicksUpEditedDictionary(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	const word = "慰问帮扶"
	if got := terms(t, a, word); len(got) < 2 {
		t.Fatalf("before the edit %s is cut %v; the test needs a word the shipped dictionaries split", word, got)
	}
	copyDir := filepath.Join(dir, "index-operator-copy")
	if err := os.MkdirAll(copyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, UserDictFile), []byte(word+" 100000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := terms(t, a, word); len(got) < 2 {
		t.Errorf("the serving index changed its cut before a rebuild: %v", got)
	}
	before := indexDirs(t, dir)
	if _, err := a.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := terms(t, a, word); !slices.Equal(got, []string{word}) {
		t.Errorf("after the rebuild %s is cut %v, want whole", word, got)
	}
	if total(t, a, word) == 0 {
		t.Errorf("no hit for %s after the rebuild", word)
	}
	after := indexDirs(t, dir)
	if len(after) != 2 || !slices.Contains(after, "index-operator-copy") || slices.Equal(before, after) {
		t.Errorf("index directories before %v, after %v: want the new one and the operator's copy", before, after)
	}
	if st := a.Status(context.Background()); !st.Current || !st.Ready || !st.CaughtUp {
		t.Errorf("status after the rebuild: %+v", st)
	}
	a.Close()
	b := openTest(t, dir)
	if got := terms(t, b, word); !slices.Equal(got, []string{word}) {
		t.Errorf("after a restart %s is cut %v", word, got)
	}
}

// A restart after the dictionary changed, without a rebuild, never
// refuses: the old index serves with its own dictionary, Status says it is
// not current, and a server (AutoRebuild) replaces it in the background.
func TestOpenServesOldDictionaryAndRebuildsBeside(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	want := ids(t, a, "道德模范")
	a.Close()
	os.WriteFile(filepath.Join(dir, UserDictFile), []byte("道德模范 100000\n"), 0o644)

	b := openTest(t, dir)
	if st := b.Status(context.Background()); st.Current || !st.Ready || st.Message == "" {
		t.Errorf("old index opened without AutoRebuild: %+v", st)
	}
	if got := ids(t, b, "道德模范"); !slices.Equal(got, want) {
		t.Errorf("old index answers %v, want %v", got, want)
	}
	b.Close()

	c := openTest(t, dir, func(c *Config) { c.AutoRebuild = true })
	waitFor(t, time.Minute, "the background rebuild", func() bool { return c.Status(context.Background()).Current })
	if got := terms(t, c, "道德模范"); !slices.Equal(got, []string{"道德模范"}) {
		t.Errorf("after the background rebuild: cut %v", got)
	}
	if got := ids(t, c, "道德模范"); !slices.Equal(got, want) {
		t.Errorf("after the background rebuild: %v, want %v", got, want)
	}
}

// A power loss may leave INDEX empty: the next start falls back to the
// newest complete index and repairs the pointer.
func TestOpenRepairsTruncatedPointer(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	want := ids(t, a, "春节")
	a.Close()
	if err := os.WriteFile(filepath.Join(dir, "INDEX"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	b := openTest(t, dir)
	if got := ids(t, b, "春节"); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("after a truncated pointer: %v, want %v", got, want)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "INDEX"))
	if !strings.HasPrefix(string(raw), "index-") {
		t.Errorf("INDEX not repaired: %q", raw)
	}
}

// An index ahead of its store (the store lost unsynced writes in an OS
// crash) is not refused: it is rebuilt from the store, and writes after
// the crash reach the index.
func TestOpenRebuildsIndexAheadOfStore(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	a.Close()
	// Simulate the lost tail: push the index's recorded sequence past the
	// store's.
	cur, _, err := index.CurrentDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := index.Open(cur, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Apply(context.Background(), []index.Change{{Seq: 1 << 20, ID: "ghost"}}); err != nil {
		t.Fatal(err)
	}
	x.Close()

	b := openTest(t, dir)
	st := b.Status(context.Background())
	if !st.Current || !st.CaughtUp || st.IndexArticles != 20 || st.Rebuilds != 1 {
		t.Errorf("after opening an index ahead of the store: %+v", st)
	}
	sum, err := b.IngestFiles(context.Background(), []string{writeJSONL(t, `{"newspaper":"人民日报","date":"2019-03-01","title":"崩溃之后写入的文章","body":"崩溃之后写入的正文。"}`)}, false)
	if err != nil || sum.Added != 1 || total(t, b, "崩溃之后") != 1 {
		t.Errorf("an ingest after the repair: %+v %v", sum, err)
	}
}

// Cancelling a rebuild (SIGTERM on a server) removes its directory and
// leaves the old index serving.
func TestCancelledRebuildLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	before := indexDirs(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Rebuild(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("rebuild with a cancelled context: %v", err)
	}
	if got := indexDirs(t, dir); !slices.Equal(got, before) {
		t.Errorf("index directories %v after a cancelled rebuild, want %v", got, before)
	}
	if total(t, a, "春节") == 0 {
		t.Error("the old index stopped answering")
	}
}

// A take-down is gone from search at once, and stays gone after a
// rebuild and after the same file is ingested again.
func TestTakedownSurvivesRebuildAndReingest(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	ingestSample(t, a)
	hits := ids(t, a, "长春长生")
	if len(hits) == 0 {
		t.Fatal("no hit to take down")
	}
	n, err := a.Delete(context.Background(), hits[:1])
	if err != nil || n != 1 {
		t.Fatalf("delete: %d %v", n, err)
	}
	check := func(when string) {
		t.Helper()
		if slices.Contains(ids(t, a, "长春长生"), hits[0]) {
			t.Errorf("%s: %s is back in search", when, hits[0])
		}
		if _, err := a.Store().Get(context.Background(), hits[0]); err == nil {
			t.Errorf("%s: %s is back in the store", when, hits[0])
		}
	}
	check("at once")
	if st := a.Status(context.Background()); st.StoreArticles != 19 || st.IndexArticles != 19 || st.Deleted != 1 {
		t.Errorf("status after a take-down: %+v", st)
	}
	if _, err := a.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	check("after a rebuild")
	sum, err := a.IngestFiles(context.Background(), []string{sample}, false)
	if err != nil || sum.Withheld != 1 || sum.Added != 0 {
		t.Errorf("re-ingest: %+v %v, want 1 withheld", sum, err)
	}
	check("after a re-ingest")
}

// Backup while serving, restore into an empty directory: the same
// searches give the same answers; restoring over data is refused.
func TestBackupRestoreSameResults(t *testing.T) {
	a := openTest(t, t.TempDir())
	ingestSample(t, a)
	a.Delete(context.Background(), ids(t, a, "春晚")[:1])
	var buf bytes.Buffer
	if err := a.Backup(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "restored")
	n, err := Restore(context.Background(), Config{Dir: dst}, bytes.NewReader(buf.Bytes()))
	if err != nil || n != 19 {
		t.Fatalf("restore: %d articles, %v; want 19", n, err)
	}
	b := openTest(t, dst)
	for _, q := range []string{"春节", "道德模范", "长春", "春晚", "习近平"} {
		if got, want := ids(t, b, q), ids(t, a, q); !slices.Equal(got, want) {
			t.Errorf("%s: restored %v, original %v", q, got, want)
		}
	}
	if _, err := Restore(context.Background(), Config{Dir: dst}, bytes.NewReader(buf.Bytes())); err == nil {
		t.Error("restore over an archive was accepted")
	}
	if _, err := Restore(context.Background(), Config{Dir: t.TempDir()}, strings.NewReader("{\"format\":\"other\"}\n")); !errors.Is(err, ErrBadBackup) {
		t.Errorf("restore of a non-backup: %v", err)
	}
}

func writeJSONL(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An index of a layout this code cannot read (an older baosou's) is never
// a reason to refuse to start: it is rebuilt from the store.
func TestOpenRebuildsUnreadableLayout(t *testing.T) {
	for _, auto := range []bool{false, true} {
		dir := t.TempDir()
		a := openTest(t, dir)
		ingestSample(t, a)
		want := ids(t, a, "春节")
		a.Close()
		cur, _, _ := index.CurrentDir(dir)
		meta := filepath.Join(cur, "baosou-index.json")
		if err := os.WriteFile(meta, []byte(`{"layout":"baosou-index-0","analyzer":"seg0"}`), 0o644); err != nil {
			t.Fatal(err)
		}
		b := openTest(t, dir, func(c *Config) { c.AutoRebuild = auto })
		waitFor(t, time.Minute, "the rebuild", func() bool { return b.Status(context.Background()).Current })
		if got := ids(t, b, "春节"); !slices.Equal(got, want) {
			t.Errorf("auto %v: after the rebuild %v, want %v", auto, got, want)
		}
		if got := indexDirs(t, dir); len(got) != 1 || got[0] == filepath.Base(cur) {
			t.Errorf("auto %v: index directories %v, want only a new one", auto, got)
		}
	}
}

// An input a server was reading when it was killed is removed at the next
// start; the data directory keeps only what it should.
func TestOpenRemovesLeftoverUploads(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	a.Close()
	left := filepath.Join(dir, uploadDir, "in-123", "big.jsonl")
	if err := os.MkdirAll(filepath.Dir(left), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(left, []byte("{}\n"), 0o644)
	openTest(t, dir)
	if _, err := os.Stat(filepath.Join(dir, uploadDir)); !os.IsNotExist(err) {
		t.Errorf("leftover uploads kept: %v", err)
	}
}

// Ingest of a named input (what a server receives) reports problems
// under that name and leaves no spooled file behind.
func TestIngestNamedInput(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir)
	body := `{"newspaper":"人民日报","date":"2019-10-01","title":"国庆","body":"国庆节。"}` + "\n" + `{"date":"bad","title":"坏"}` + "\n"
	sum, err := a.Ingest(context.Background(), "../../etc/x.jsonl", strings.NewReader(body))
	if err != nil || sum.Added != 1 || sum.Rejected != 1 || sum.Problems[0].File != "../../etc/x.jsonl" || sum.Problems[0].Line != 2 {
		t.Fatalf("ingest: %+v %v", sum, err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, uploadDir))
	if len(entries) != 0 {
		t.Errorf("spooled inputs left: %v", entries)
	}
	if total(t, a, "国庆") != 1 {
		t.Error("the article is not searchable after Ingest returned")
	}
}
