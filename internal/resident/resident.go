package resident

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// mapping is one line of /proc/self/maps that may be released.
type mapping struct {
	start, end uint64
	path       string
}

// parseMaps returns the shared mappings of files under dirs, from the
// text of a /proc/PID/maps file. Private mappings are never returned:
// reclaiming one could drop changes made to it (copy-on-write pages).
func parseMaps(r io.Reader, dirs []string) ([]mapping, error) {
	var out []mapping
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m, ok := parseLine(sc.Text())
		if ok && under(m.path, dirs) {
			out = append(out, m)
		}
	}
	return out, sc.Err()
}

// parseLine reads "start-end perms offset dev inode path"; the path may
// hold spaces and end in " (deleted)".
func parseLine(line string) (mapping, bool) {
	f := strings.Fields(line)
	if len(f) < 6 || len(f[1]) != 4 || f[1][3] != 's' {
		return mapping{}, false
	}
	lo, hi, ok := strings.Cut(f[0], "-")
	if !ok {
		return mapping{}, false
	}
	start, err1 := strconv.ParseUint(lo, 16, 64)
	end, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || end <= start {
		return mapping{}, false
	}
	// The path starts at the sixth field and runs to the end of the line.
	rest := line
	for range 5 {
		rest = strings.TrimLeft(rest, " \t")
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			return mapping{}, false
		}
		rest = rest[i:]
	}
	path := strings.TrimSuffix(strings.TrimSpace(rest), " (deleted)")
	if !filepath.IsAbs(path) {
		return mapping{}, false // [heap], [stack], anonymous
	}
	return mapping{start: start, end: end, path: path}, true
}

func under(path string, dirs []string) bool {
	for _, d := range dirs {
		d = filepath.Clean(d)
		if strings.HasPrefix(path, d+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Release asks the kernel to reclaim the resident pages of this process's
// shared mappings of files under dirs (absolute paths), and returns how
// many mappings it advised. errors.ErrUnsupported means the system cannot
// (not Linux, or a kernel before 5.4).
func Release(dirs ...string) (int, error) {
	abs := make([]string, 0, len(dirs))
	for _, d := range dirs {
		a, err := filepath.Abs(d)
		if err != nil {
			return 0, err
		}
		abs = append(abs, a)
	}
	return release(abs)
}

// Every releases the pages of files under dirs at once, then every
// interval until ctx ends; it stops early, saying so at debug level,
// where the system cannot release them. At once, because opening a large
// store already maps much of it (Badger reads every table's index).
func Every(ctx context.Context, every time.Duration, log *slog.Logger, dirs ...string) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := Release(dirs...)
		switch {
		case errors.Is(err, errors.ErrUnsupported):
			log.Debug("cannot release pages of mapped files", "err", err)
			return
		case err != nil:
			log.Warn("release pages of mapped files", "err", err)
			return
		}
		log.Debug("released pages of mapped files", "mappings", n)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
