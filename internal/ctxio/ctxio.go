// Package ctxio stops streamed I/O when a context ends: a backup, a
// restore or an upload handed to code that takes a plain io.Reader or
// io.Writer (Badger's backup stream, io.Copy) has no context of its own.
package ctxio

import (
	"context"
	"io"
)

// Reader reads from r until ctx ends, then fails with ctx's error.
func Reader(ctx context.Context, r io.Reader) io.Reader { return reader{ctx, r} }

// Writer writes to w until ctx ends, then fails with ctx's error.
func Writer(ctx context.Context, w io.Writer) io.Writer { return writer{ctx, w} }

type reader struct {
	ctx context.Context
	r   io.Reader
}

func (c reader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

type writer struct {
	ctx context.Context
	w   io.Writer
}

func (c writer) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
