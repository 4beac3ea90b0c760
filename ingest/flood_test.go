package ingest

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
)

// heapAfterGC is the live heap.
func heapAfterGC() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// A flood of bad lines is counted, and only the first MaxProblems are kept:
// memory does not grow with the number of bad lines.
func TestFloodOfBadLinesKeepsMemoryBounded(t *testing.T) {
	const bad = 200_000
	// Each bad line's reason quotes its date (clipped): about 110 bytes,
	// which with the Problem itself makes keeping all 200,000 cost ~30 MB.
	line := []byte(`{"date":"` + strings.Repeat("9", 200) + `","title":"t"}` + "\n")
	p := filepath.Join(t.TempDir(), "flood.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for range bad {
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	e := openEnv(t, t.TempDir())
	before := heapAfterGC()
	sum, err := e.ingest(t, false, p)
	grown := heapAfterGC() - before
	if err != nil || sum.Rejected != bad || len(sum.Problems) != MaxProblems || sum.ProblemsOmitted != bad-MaxProblems {
		t.Fatalf("%v: rejected %d, %d problems kept, %d omitted", err, sum.Rejected, len(sum.Problems), sum.ProblemsOmitted)
	}
	const bound = 16 << 20
	reason := len(sum.Problems[0].Err)
	keptAll := int64(bad * (reason + 40)) // a Problem is 40 bytes besides its reason
	t.Logf("heap grew %.1f MB over the ingest; keeping every problem (%d-byte reasons) would hold %.1f MB", float64(grown)/1e6, reason, float64(keptAll)/1e6)
	if keptAll < 3*bound/2 {
		t.Fatalf("keeping every problem would hold only %d bytes: the bound of %d proves nothing", keptAll, bound)
	}
	if grown > bound {
		t.Errorf("heap grew %d bytes over the ingest, more than %d", grown, bound)
	}
	if sum.Problems[MaxProblems-1].Line != MaxProblems {
		t.Errorf("last kept problem %v, want line %d", sum.Problems[MaxProblems-1], MaxProblems)
	}
}

// A line without end (100 MB, no newline) is rejected with its line number
// after reading at most MaxLineBytes of it into memory; the next line is read.
func TestEndlessLineIsRejectedInBoundedMemory(t *testing.T) {
	const size = 100 << 20
	src := io.MultiReader(strings.NewReader(`{"title":"`), io.LimitReader(repeatByte('x'), size),
		strings.NewReader("\n"+`{"date":"2020-01-01","title":"下一行"}`+"\n"))
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	var got []string
	err := readJSONL("endless.jsonl", src, func(line int, a *article.Article) error {
		got = append(got, a.Title)
		return nil
	}, func(le *LineError) error {
		got = append(got, le.Error())
		return nil
	})
	runtime.ReadMemStats(&m1)
	allocated := m1.TotalAlloc - m0.TotalAlloc
	t.Logf("allocated %.1f MB reading a %d MB line", float64(allocated)/1e6, size>>20)
	if err != nil || len(got) != 2 || !strings.Contains(got[0], "line 1: line longer than") || got[1] != "下一行" {
		t.Fatalf("%v: %q", err, got)
	}
	// Reading the line costs a few times MaxLineBytes (5 MiB), not its size
	// (100 MiB); a 16 MiB cap allocated 84 MB here.
	if allocated > 32<<20 {
		t.Errorf("allocated %d bytes reading the line, more than 32 MiB", allocated)
	}
}

type repeatByte byte

func (r repeatByte) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}
