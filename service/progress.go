package service

import (
	"io"

	"github.com/baosou/baosou/archive"
)

// progress adapts byte counts of streamed work to an archive.Progress.
type progress struct {
	p    archive.Progress
	done func()
	n    int64
}

func startProgress(p archive.Progress, task string, total int64) *progress {
	if p == nil {
		return &progress{done: func() {}}
	}
	p.Start(task, "bytes", total)
	return &progress{p: p, done: p.Done}
}

func (pr *progress) add(n int) {
	if pr.p != nil && n > 0 {
		pr.n += int64(n)
		pr.p.Set(pr.n)
	}
}

func (pr *progress) reader(r io.Reader) io.Reader { return progressReader{r, pr} }
func (pr *progress) writer(w io.Writer) io.Writer { return progressWriter{w, pr} }

type progressReader struct {
	r  io.Reader
	pr *progress
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.pr.add(n)
	return n, err
}

type progressWriter struct {
	w  io.Writer
	pr *progress
}

func (p progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.pr.add(n)
	return n, err
}
