// Package archive owns an open data directory: the store (the source of
// truth), the index that serves searches, the Indexer that keeps that index
// caught up with the store, and everything that changes them: ingest,
// rebuild, take-down, backup and restore. One process holds a data
// directory at a time; a server holds it through an Archive and other
// commands go through that server (package service).
//
// Opening never refuses an index for being old: an index of an earlier
// dictionary answers with the dictionary it was built with, an index of a
// layout this code cannot read, or one left ahead of the store by a crash,
// is replaced by a rebuild beside it while the archive says so in Status.
package archive
