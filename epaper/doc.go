// Package epaper turns saved pages of digital newspapers (数字报) into
// articles: plain-text dumps of Founder (方正) e-paper article pages, Founder
// HTML article and layout (版面) pages, and ordinary news article pages.
//
// It owns charset detection for those pages (UTF-8, GBK, GB2312, GB18030,
// trusting the bytes over a declaration that lies), byline parsing (authors
// without outlet names, photo credits) and the per-file error kinds the
// ingest summary reports (ErrEmpty, ErrBinary, ErrTruncated, ErrTooDeep,
// ErrNoArticle, ErrNoDate, ErrEncoding).
//
// Every parser works on bounded input with RE2 regular expressions (linear
// time) and bounded loops, so any input returns promptly and never panics.
package epaper
