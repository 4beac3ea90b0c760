// Package server owns Baosou's HTTP face: the JSON API (search, articles,
// health) and the search page, on Gin. It depends on small interfaces
// (search.Searcher, Articles), never on Bleve or Badger, so the index behind
// it can be swapped, sharded or rebuilt without touching this package.
package server
