//go:build !unix

package zap

// dropResident does nothing where there is no madvise: the pages stay
// resident until the segment is closed, as upstream.
func dropResident([]byte) {}
