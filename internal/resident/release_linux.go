package resident

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

func release(dirs []string) (int, error) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, fmt.Errorf("read mappings: %w", err)
	}
	maps, err := parseMaps(f, dirs)
	f.Close()
	if err != nil {
		return 0, fmt.Errorf("read mappings: %w", err)
	}
	n := 0
	for _, m := range maps {
		// A raw system call: the range is named by its address, and
		// making a Go slice of it would need an unsafe conversion.
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(m.start), uintptr(m.end-m.start), unix.MADV_PAGEOUT)
		switch errno {
		case 0:
			n++
		case unix.ENOMEM:
			// Unmapped since /proc was read: its file was closed.
		case unix.EINVAL:
			return n, fmt.Errorf("madvise(MADV_PAGEOUT) of %s: %w (Linux 5.4 or later has it)", m.path, errors.ErrUnsupported)
		default:
			return n, fmt.Errorf("release pages of %s: %w", m.path, errno)
		}
	}
	return n, nil
}
