// Package store keeps every article in an embedded Badger database on disk:
// the source of truth from which the search index can always be rebuilt.
//
// Layout (version StoreLayout, refused when different):
//
//	m/layout        store layout version
//	m/seq           last change sequence number (uint64, big endian)
//	m/count         number of articles, and the m/seq it holds at (see Count)
//	a/<id>          article JSON
//	c/<seq>         change log: the id written or deleted at that sequence
//	k/<key>\x00<id>  story key (newspaper, date, title) of each article, to find reprints
//	l/<issue>       page → section names of an issue (newspaper, date), from layout pages
//	s/<id>          the sequence of the article's last change
//
// Every write appends to the change log in the same transaction, so an index
// that records the last sequence it has applied can catch up after a crash
// by replaying the log from there (see Changes).
//
// Values over 1 KB (articles) live in Badger's value log, the tree holding
// their keys and pointers, so compactions move pointers, not articles;
// CollectGarbage gives back the space of replaced and removed ones. Where
// Badger keeps a value is not part of the layout: a store written with
// articles in the tree reads the same.
//
// m/count is an addition within layout baosou-store-1: a store written by
// an older baosou has none, or one that no longer holds, and is counted
// once when it is asked.
package store
