package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// Off a terminal, progress is a line at the start, at most one per
// interval, and one at the end.
func TestPlainLines(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return clock }
	r.every = 3 * time.Second
	r.Start("ingest", Bytes, 4<<20)
	for i := int64(1); i <= 4; i++ {
		clock = clock.Add(2 * time.Second)
		r.Set(i << 20)
	}
	r.Done()
	want := []string{
		"ingest: started of 4.0 MiB (0%)",
		"ingest: 2.0 MiB of 4.0 MiB (50%)",
		"ingest: 4.0 MiB of 4.0 MiB (100%)",
		"ingest: done, 4.0 MiB",
	}
	if got := strings.Split(strings.TrimSpace(buf.String()), "\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnknownTotalAndCounts(t *testing.T) {
	var buf bytes.Buffer
	r := New(&buf)
	r.Start("rebuild", Changes, 0)
	r.Set(10)
	r.Done()
	if got := buf.String(); got != "rebuild: started\nrebuild: done, 10 changes\n" {
		t.Errorf("got %q", got)
	}
}
