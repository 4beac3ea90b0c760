// Package article owns the article model of Baosou: the fields a newspaper
// article has, how its stable id is derived, how it is validated and
// normalised, and how JSON Lines records become articles.
//
// It depends on nothing else of ours, so every other package (the store,
// the index, the page parsers, the server) can share one model.
package article
