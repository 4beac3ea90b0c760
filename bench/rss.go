package bench

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// rssKinds is a process's resident set by kind (KiB): anonymous memory
// (the Go heap, stacks, what the runtime holds) and pages of mapped files
// (Badger's tables, Bleve's segments), which the kernel can drop and read
// again. The kernel keeps a peak of the sum only (rusage, VmHWM); the
// peaks of each kind come from sampling.
type rssKinds struct {
	Anon, File int64
}

// readRSSKinds reads a process's resident set by kind from
// /proc/PID/status (Linux).
func readRSSKinds(pid int) (rssKinds, error) {
	kib, err := readStatusKiB(pid)
	if err != nil {
		return rssKinds{}, err
	}
	return rssKindsOf(kib), nil
}

// rssKindsOf sorts the sizes of a /proc/PID/status into rssKinds.
func rssKindsOf(kib map[string]int64) rssKinds {
	return rssKinds{Anon: kib["RssAnon"], File: kib["RssFile"] + kib["RssShmem"]}
}

// readStatusKiB reads the sizes (kB) of /proc/PID/status by name.
func readStatusKiB(pid int) (map[string]int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	return parseStatusKiB(string(data)), nil
}

// parseStatusKiB returns the lines of a /proc/PID/status text that hold a
// number, by name; sizes are in kB.
func parseStatusKiB(status string) map[string]int64 {
	out := map[string]int64{}
	for line := range strings.SplitSeq(status, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err == nil {
			out[k] = n
		}
	}
	return out
}

// sampleRSS samples pid's resident set every interval until stop closes,
// then sends the peak of each kind. Where /proc cannot be read (not
// Linux, or the process is gone) the peaks stay what was seen, or zero.
func sampleRSS(pid int, every time.Duration, stop <-chan struct{}) <-chan rssKinds {
	out := make(chan rssKinds, 1)
	go func() {
		var peak rssKinds
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if r, err := readRSSKinds(pid); err == nil {
				peak.Anon, peak.File = max(peak.Anon, r.Anon), max(peak.File, r.File)
			}
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}
