// Command baosou ingests, indexes, searches and serves Chinese newspaper
// articles. See the README for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/baosou/baosou/index"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT says otherwise. Indexing makes garbage fast (every token of
// every batch); without a limit the heap may grow to twice what is live
// before a collection, and ingest's peak would grow with it.
const defaultMemoryLimit = 1 << 30

// bulkMemoryLimit is the limit of a local ingest or rebuild: room for the
// index to build two batches at once (index.TwoBatchesHeap), a fifth
// faster at a million articles, for a peak RSS of 1.99 GiB in the one full
// 1M ingest measured. A server keeps the default while it ingests or
// rebuilds.
const bulkMemoryLimit = index.TwoBatchesHeap

// useBulkMemory raises the memory limit for a local ingest or rebuild.
func useBulkMemory() { setMemoryLimit(bulkMemoryLimit) }

// setMemoryLimit sets the Go runtime's soft memory limit unless GOMEMLIMIT
// says otherwise.
func setMemoryLimit(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(n)
	}
}

func main() {
	setMemoryLimit(defaultMemoryLimit)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go onSignals(cancel)
	stop := startProfiles()
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "baosou:", err)
		os.Exit(1)
	}
}

// startProfiles writes a CPU profile to $BAOSOU_CPUPROFILE and, when the
// returned func runs, a heap profile to $BAOSOU_MEMPROFILE: a hidden aid
// for measuring a real ingest end to end (the admin pprof listener exists
// only for serve). Unset, it does nothing.
func startProfiles() (stop func()) {
	var cpu *os.File
	if path := os.Getenv("BAOSOU_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			cpu = f
		} else {
			fmt.Fprintln(os.Stderr, "baosou: cpu profile:", err)
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if path := os.Getenv("BAOSOU_MEMPROFILE"); path != "" {
			f, err := os.Create(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "baosou: heap profile:", err)
				return
			}
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				fmt.Fprintln(os.Stderr, "baosou: heap profile:", err)
			}
			f.Close()
		}
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
