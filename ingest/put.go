package ingest

import (
	"context"
	"errors"
	"slices"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/store"
)

// put stores arts, the articles of in.queue, as one batch. An article the
// store cannot take (store.TooLargeError) must not cost the others of its
// batch: it is rejected with the file and line it was read from, dropped
// from in.queue, and the batch is stored without it. The outcomes are those
// of in.queue as it is left.
func (in *Ingester) put(ctx context.Context, arts []*article.Article) ([]store.Outcome, error) {
	for {
		outs, err := in.Store.Put(ctx, arts)
		var big *store.TooLargeError
		if !errors.As(err, &big) {
			return outs, err
		}
		i := slices.IndexFunc(in.queue, func(p *pending) bool { return p.a.ID == big.ID })
		if i < 0 {
			return nil, err // not one of ours: nothing to drop
		}
		p := in.queue[i]
		in.queue = slices.Delete(in.queue, i, i+1)
		arts = slices.Delete(arts, i, i+1)
		if err := in.reject(Problem{File: p.file, Line: p.line, Err: big.Error()}); err != nil {
			return nil, err
		}
	}
}
