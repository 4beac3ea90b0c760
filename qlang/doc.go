// Package qlang parses what a reader types in the search box into a tree
// (And, Or, Not, Clause) that the index compiles to its own queries. The
// query is never handed to Bleve as a query string.
//
// # The query language
//
// Words separated by spaces (ASCII or the full-width space) must all
// occur. A run of Chinese without spaces is one search term: 长春妇联 finds
// the words the index cuts it into, it is not split here.
//
//	长春 妇联          both 长春 and 妇联
//
// Quotes find the exact text, punctuation included. ASCII quotes "…",
// Chinese quotes “…” and full-width ＂…＂ all work; any quote mark closes
// the phrase, and spaces at its ends are trimmed.
//
//	"一带一路"          exactly 一带一路
//	“习近平：坚持以人民为中心”
//
// A minus at the start of a word or phrase excludes it (- or the
// full-width －). A minus inside a word is part of the word: COVID-19,
// 2019-10 and 长春-吉林 are ordinary words.
//
//	冰雪 -哈尔滨        冰雪, but not 哈尔滨
//	冰雪 -"冰雪大世界"
//
// OR (in capitals) or | between two terms finds either. OR binds tighter
// than the spaces between words. 或 is an ordinary character, not an
// operator, and so is a lower-case or.
//
//	长春 妇联 OR 妇女 发展   长春 and (妇联 or 妇女) and 发展
//	长春 | 吉林 | 延边
//
// Parentheses, ASCII ( ) or full-width （ ）, group. Groups nest up to 8
// deep.
//
//	(长春 OR 吉林) 冰雪
//	冰雪 -(哈尔滨 OR 沈阳)
//
// A field prefix searches one field only: title:, author:, section:,
// region: and newspaper: (any case; the colon may be full-width ：). It
// applies to the word, phrase or group right after it. Any other word
// with a colon, such as http://… or 12:30, is an ordinary word.
//
//	title:长春          长春 in the title
//	author:"徐旭"
//	title:(长春 OR 吉林) 冰雪
//
// A phrase followed by ~N (N a number of characters, at most 100) finds
// its words near each other (within N characters) rather than side by
// side.
//
//	"长春 妇联"~10      长春 and 妇联 within 10 characters
//
// A query may hold at most 16 words and phrases (excluded ones count).
// An empty query lists articles by date.
//
// # Mistakes
//
// A mistyped query is read the nearest sensible way and the reader is told
// how (Query.Repairs, in the order of the query, each naming a 1-based
// character position, at most MaxRepairs and a count of the rest): an
// unclosed quote closes at the end; an OR with nothing on one side, a
// second OR, a lone -, empty quotes or parentheses, a parenthesis without
// its partner (人民观察）), a ~ without a number, a field prefix with
// nothing after it, and a word with no letters or digits (a lone ，) are
// dropped; an exclusion offered as an alternative (长春 OR -吉林) is
// dropped, since "anything but 吉林" is no search. Only three things are
// refused, with a *search.ParamError for parameter q naming the
// position: nothing but exclusions (-长春), parentheses nested deeper than
// 8, and more than 16 words and phrases.
//
// # The tree
//
// Parse normalises: an And or Or of one node is that node, nested Ands
// and nested Ors flatten, a Not of a Not cancels, a field prefix on a
// group goes down to each clause in it (the innermost prefix wins), -(-A
// -B) reads as A OR B and -A OR -B as -(A B). So a Not stands only
// directly inside an And that also holds something that is not a Not,
// never at the root and never in an Or: an And compiles to musts and
// must-nots, an Or to shoulds. Query.Canonical writes the tree back in
// the query language, the one form that Parse reads to the same tree.
package qlang
