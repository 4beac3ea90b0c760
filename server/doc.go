// Package server owns Baosou's HTTP face: the JSON API (search, articles,
// analysis), the search and article pages, the token-guarded admin API
// (ingest, takedown, backup, rebuild), and health, readiness and
// Prometheus metrics. It is built on Gin and depends only on small
// interfaces (search.Searcher, Articles, Ingester, Deleter, Backuper,
// Rebuilder, search.StatusReporter), never on Bleve or Badger, so the
// index behind it can be swapped, sharded or rebuilt without touching this
// package.
//
// The handler defends itself: a bounded number of requests in flight with
// a short queue (then 503 and Retry-After), a deadline on every public
// request's context, a size limit on ingest bodies, and security headers
// with a strict Content-Security-Policy on the pages (their script and
// styles are served from /static/ for that reason). Run adds the
// connection timeouts and a graceful shutdown; AdminHandler serves pprof
// for an operator-only address.
//
// Errors reach clients through one table (statusOf) from error kinds to
// statuses; 5xx details and 404 inputs stay out of response bodies.
package server
