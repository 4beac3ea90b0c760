// Package resident releases the pages of memory-mapped data files from
// the process's resident set while it writes in bulk.
//
// Badger writes its tables and value log through memory maps and keeps
// every live file mapped, so each page it wrote stays resident until its
// file is deleted: at 505k articles, 1.7 GiB of tables, growing with the
// archive. Bleve's merges read the segments they merge through maps too.
// Those pages are the kernel's cache of files on disk, not memory the
// process needs, but they count in its resident set (RSS, cgroup memory
// accounting, the OOM killer's score). Release asks the kernel to reclaim
// them (madvise MADV_PAGEOUT, Linux 5.4 and later): clean pages are
// dropped, dirty ones written out first, and a later access reads them
// back from disk. No data can be lost: the advice never discards a page
// that is not on disk, and on anonymous memory (were an address range to
// change hands between reading the mappings and advising them) it at most
// swaps.
package resident
