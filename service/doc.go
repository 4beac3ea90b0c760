// Package service runs an archive for its users: `baosou serve` (the
// HTTP server over an open archive, its serve.json, graceful shutdown)
// and every other command that changes a data directory (ingest, rebuild,
// delete, backup), each of which goes through the running server when one
// holds the directory, and opens it itself otherwise. Commands in cmd/
// only turn flags into a Config and call one function here.
package service
