package service

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// readAhead returns the read-ahead in KB of the block device holding path;
// ok is false when there is none (tmpfs, overlay) or sysfs does not say.
func readAhead(path string) (kb int, ok bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return 0, false
	}
	dev := uint64(st.Dev) // Dev is narrower on some architectures
	return readAheadOf("/sys", unix.Major(dev), unix.Minor(dev))
}
