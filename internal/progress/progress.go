// Package progress shows how long work advances (ingest, rebuild,
// backup): a progress bar on a terminal, and a plain line every few
// seconds otherwise, so logs of a service or a CI run stay readable.
package progress

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Units of work.
const (
	Bytes   = "bytes"
	Changes = "changes"
)

// Reporter implements archive.Progress. Not safe for concurrent tasks:
// one command reports one task at a time.
type Reporter struct {
	w     io.Writer
	tty   bool
	every time.Duration
	now   func() time.Time

	bar   *progressbar.ProgressBar
	task  string
	unit  string
	total int64
	done  int64
	last  time.Time
}

// New reports to w, with a bar when w is a terminal.
func New(w io.Writer) *Reporter {
	f, ok := w.(*os.File)
	return &Reporter{w: w, tty: ok && term.IsTerminal(int(f.Fd())), every: 5 * time.Second, now: time.Now}
}

// Start begins a task of total units (0: unknown).
func (r *Reporter) Start(task, unit string, total int64) {
	r.task, r.unit, r.total, r.done, r.last = task, unit, total, 0, r.now()
	if r.tty {
		max := total
		if max <= 0 {
			max = -1 // a spinner
		}
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(r.w), progressbar.OptionSetDescription(task),
			progressbar.OptionShowCount(), progressbar.OptionSetElapsedTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(), progressbar.OptionThrottle(100 * time.Millisecond),
		}
		if unit == Bytes {
			opts = append(opts, progressbar.OptionShowBytes(true))
		}
		r.bar = progressbar.NewOptions64(max, opts...)
		return
	}
	fmt.Fprintf(r.w, "%s: started%s\n", task, r.of())
}

// Set reports units done so far.
func (r *Reporter) Set(done int64) {
	r.done = done
	if r.bar != nil {
		r.bar.Set64(done)
		return
	}
	if now := r.now(); now.Sub(r.last) >= r.every {
		r.last = now
		fmt.Fprintf(r.w, "%s: %s%s\n", r.task, r.amount(done), r.of())
	}
}

// Done ends the task.
func (r *Reporter) Done() {
	if r.bar != nil {
		r.bar.Finish()
		fmt.Fprintln(r.w)
		r.bar = nil
		return
	}
	fmt.Fprintf(r.w, "%s: done, %s\n", r.task, r.amount(r.done))
}

func (r *Reporter) of() string {
	if r.total <= 0 {
		return ""
	}
	return fmt.Sprintf(" of %s (%d%%)", r.amount(r.total), r.done*100/r.total)
}

func (r *Reporter) amount(n int64) string {
	if r.unit == Bytes {
		switch {
		case n >= 1<<30:
			return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
		}
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d %s", n, r.unit)
}
