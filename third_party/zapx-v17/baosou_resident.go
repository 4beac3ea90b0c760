package zap

// Baosou (change 3, see BAOSOU.md): a merge reads nearly every byte of its
// input segments through their memory maps, and every page it touches
// stays in the process's resident set until the inputs are closed, after
// the merge. At a million articles, merges of segments of up to 32k
// articles held up to 0.73 GiB of such pages on top of the Go heap, and an
// ingest's peak resident set went over its 2 GiB budget. The pages are the
// kernel's page cache either way: dropping them from the process's
// mappings costs nothing to get back but a page-table entry (no disk read)
// when they are read again.

// releaseResident drops the pages of segments' file mappings from the
// process's resident set; segments built in memory are left alone (their
// bytes are the Go heap's). A merge calls it after the stored documents
// and after each field, so at most one field's worth of its inputs is
// resident at a time. Searches reading the same segments meanwhile are
// unaffected: a read-only shared file mapping maps the same file pages
// again on the next access.
func releaseResident(segments []*SegmentBase) {
	for _, s := range segments {
		if len(s.mapped) > 0 {
			dropResident(s.mapped)
		}
	}
}
