package epaper

import "errors"

// Error kinds, one per reason a file cannot be ingested. Parse wraps them
// with the file name: fmt.Errorf("parse %s: %w", name, ErrNoDate).
var (
	// ErrEmpty: the file has no content (or only whitespace / a BOM).
	ErrEmpty = errors.New("empty file")
	// ErrBinary: the bytes are not text (NUL bytes, control bytes, a known
	// binary signature such as PDF, PNG, JPEG, GZIP or ZIP).
	ErrBinary = errors.New("binary file, not text")
	// ErrTruncated: HTML that stops before its end (no closing body or html
	// tag, or cut inside a tag).
	ErrTruncated = errors.New("truncated HTML")
	// ErrNoArticle: the page holds neither an article nor a layout.
	ErrNoArticle = errors.New("no article on the page")
	// ErrNoDate: an article or layout was found but no publication date.
	ErrNoDate = errors.New("publication date not found")
	// ErrEncoding: the bytes are neither valid UTF-8 nor valid GBK/GB18030.
	ErrEncoding = errors.New("invalid encoding: neither UTF-8 nor GBK/GB18030")
	// ErrTooDeep: HTML whose elements nest deeper than MaxDepth.
	ErrTooDeep = errors.New("HTML nested too deep")
)
