//go:build !linux

package service

// readAhead cannot tell the read-ahead outside Linux.
func readAhead(string) (int, bool) { return 0, false }
