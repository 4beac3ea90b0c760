//go:build unix

package zap

import "golang.org/x/sys/unix"

// dropResident advises the kernel that mapped (a read-only shared file
// mapping) is not needed for now. An error (an old kernel, a mapping
// already gone) leaves the pages resident, which is only what happened
// before: it is not worth failing a merge over.
func dropResident(mapped []byte) {
	_ = unix.Madvise(mapped, unix.MADV_DONTNEED)
}
