package index

import (
	"sync"
	"sync/atomic"
)

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

// Once runs fn in a goroutine unless one started with the same running
// flag still runs, or Close has begun.
func (b *background) Once(running *atomic.Bool, fn func()) {
	if !running.CompareAndSwap(false, true) {
		return
	}
	if !b.Go(func() { defer running.Store(false); fn() }) {
		running.Store(false)
	}
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
