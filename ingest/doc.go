// Package ingest turns files into stored, indexed articles: it walks paths,
// reads JSON Lines (plain or gzipped) and e-paper pages, normalises and tags
// each article, upserts it into the store, and brings the index up to date
// from the store's change log.
//
// The store is written first and the index follows it through the change
// log, so killing an ingest at any point loses nothing: the next run (or
// server start) replays what the index had not yet recorded.
package ingest
