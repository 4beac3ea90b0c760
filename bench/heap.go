package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// HeapFigures is a server's Go heap, read from its Prometheus /metrics:
// in use (runtime/metrics /memory/classes/heap/objects + unused) and held
// (that plus /memory/classes/heap/free: obtained from the system, not
// released to it).
type HeapFigures struct {
	InuseBytes int64 `json:"inuse_bytes"`
	HeldBytes  int64 `json:"held_bytes"`
}

// readHeap reads the Go heap figures of the server at base. ok is false
// when it serves no Go metrics (the peer).
func readHeap(ctx context.Context, c *http.Client, base string) (h HeapFigures, ok bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return h, false, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return h, false, fmt.Errorf("read server heap: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return h, false, nil
	}
	m, err := gauges(resp.Body, "go_memstats_heap_inuse_bytes", "go_memstats_heap_sys_bytes", "go_memstats_heap_released_bytes")
	if err != nil {
		return h, false, fmt.Errorf("read server heap: %w", err)
	}
	inuse, okI := m["go_memstats_heap_inuse_bytes"]
	sys, okS := m["go_memstats_heap_sys_bytes"]
	released, okR := m["go_memstats_heap_released_bytes"]
	if !okI || !okS || !okR {
		return h, false, nil
	}
	return HeapFigures{InuseBytes: int64(inuse), HeldBytes: int64(sys - released)}, true, nil
}

// gauges reads the named unlabelled samples of a Prometheus text exposition.
func gauges(r io.Reader, names ...string) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || !slices.Contains(names, name) {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return nil, fmt.Errorf("metric %s: %w", name, err)
		}
		out[name] = v
	}
	return out, sc.Err()
}
