package index

import "sync"

// background runs the index's work that no caller waits for (reading
// facet columns, building suggestions), so that Close can wait for all of
// it: a build still writing its words into the index's directory after
// Close would race with whoever removes or replaces that directory.
type background struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// Go runs fn in a goroutine, unless Close has begun; it reports whether
// fn was started.
func (b *background) Go(fn func()) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	b.wg.Go(fn)
	return true
}

// Close starts nothing more and waits for what runs.
func (b *background) Close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.wg.Wait()
}

// Wait waits for what runs now (benchmarks measure after it).
func (b *background) Wait() { b.wg.Wait() }
