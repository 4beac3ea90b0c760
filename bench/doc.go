// Package bench measures Baosou at archive scale, side by side with a peer
// (plain Bleve v2 with its built-in cjk analyzer), and owns what that needs:
//
//   - the corpus scaler (scale.go): synthetic archives of any size made by
//     recombining real paragraphs of the shared 人民日报 corpus, streamed so
//     memory does not grow with the archive;
//   - the held-out titles (source.go): a seeded share of the real articles
//     that never reaches a synthetic archive, whose titles feed the query
//     sets, so no query is a title the engines have seen verbatim;
//   - the query sets (queries.go), fixed by a seed;
//   - the harness (run.go): both engines ingest the same file and answer
//     the same queries over HTTP on loopback, each as its own process so
//     that wall time and RSS are measured the same way;
//   - the peer engine itself (peer.go, peerserve.go), run as hidden
//     subcommands of cmd/baosou-bench.
//
// It talks to Baosou only through its command line and HTTP API, so the
// figures are what a user gets, whatever the query path inside looks like.
package bench
