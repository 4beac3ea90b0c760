package article

// ComparePages orders page names as printed: 2 before 10, A2 before B1;
// 01, 1 and 1版 are the same page (see PageKey) and fall back to string
// order only to be deterministic.
func ComparePages(x, y string) int { return comparePages(x, y) }
