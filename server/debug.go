package server

import (
	"net/http"
	"net/http/pprof"
)

// AdminHandler serves Go's profiler under /debug/pprof/. It is for an
// operator-only address: profiles show the program's internals and a CPU
// profile costs the server while it runs, so the public handler has none.
func AdminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
