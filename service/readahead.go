package service

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A disk that reads far ahead makes a start of a large archive slow: the
// index and the store are read through memory maps, and every page fault
// reads the device's read-ahead around it (README, "Disk read-ahead": at
// 505k articles, 8 MB of read-ahead made opening the index read 1.26 GB
// instead of 96 MB). The process cannot advise Bleve's own maps, so serve
// says so when it finds one.

// farReadAheadKB is the read-ahead above which serve warns: the kernel's
// default is 128 KB.
const farReadAheadKB = 1024

// readAheadOf returns the read-ahead in KB of block device major:minor as
// sysfs (normally /sys) tells it; ok is false when it does not. For a
// partition the setting is its disk's, one directory up.
func readAheadOf(sysfs string, major, minor uint32) (kb int, ok bool) {
	dev, err := filepath.EvalSymlinks(filepath.Join(sysfs, "dev", "block", strconv.FormatUint(uint64(major), 10)+":"+strconv.FormatUint(uint64(minor), 10)))
	if err != nil {
		return 0, false
	}
	for _, dir := range []string{dev, filepath.Dir(dev)} {
		raw, err := os.ReadFile(filepath.Join(dir, "queue", "read_ahead_kb"))
		if err != nil {
			continue
		}
		kb, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		return kb, err == nil
	}
	return 0, false
}

// existing is dir, or its parent when dir is yet to be made: the disk it
// will be on.
func existing(dir string) string {
	if _, err := os.Stat(dir); err != nil {
		return filepath.Dir(filepath.Clean(dir))
	}
	return dir
}
