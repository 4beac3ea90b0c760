// Package search is the contract between whoever asks (the HTTP server, the
// command line) and whatever answers (today one Bleve index, later shards):
// the request, the result, the Searcher interface and the error kinds.
// It imports no search library, so the server does not depend on Bleve.
package search
