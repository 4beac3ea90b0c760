// Command baosou ingests, indexes, searches and serves Chinese newspaper
// articles. See the README for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT says otherwise. Indexing makes garbage fast (every token of
// every batch); without a limit the heap may grow to twice what is live
// before a collection, and ingest's peak would grow with it.
const defaultMemoryLimit = 1 << 30

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go onSignals(cancel)
	if err := newRootCmd().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "baosou:", err)
		os.Exit(1)
	}
}

// onSignals cancels the work on the first SIGINT or SIGTERM, so it stops
// cleanly (a server drains its requests and exits 0); a second one forces
// an exit at once.
func onSignals(cancel context.CancelFunc) {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	cancel()
	<-sig
	fmt.Fprintln(os.Stderr, "baosou: second signal: exiting at once")
	os.Exit(2)
}
