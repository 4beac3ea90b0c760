package ingest

// Expand turns paths into the files an ingest of them reads, in order:
// folders are walked in name order for files of known types. A client
// handing files to a server reads them the same way.
func Expand(paths []string) ([]string, error) { return expand(paths) }

// Add adds the counts and problems of s to sum, keeping at most
// MaxProblems problems.
func (sum *Summary) Add(s Summary) {
	sum.Files += s.Files
	sum.Added += s.Added
	sum.Updated += s.Updated
	sum.Unchanged += s.Unchanged
	sum.Merged += s.Merged
	sum.Rejected += s.Rejected
	sum.Withheld += s.Withheld
	sum.Layouts += s.Layouts
	sum.Sectioned += s.Sectioned
	sum.ProblemsOmitted += s.ProblemsOmitted
	for _, p := range s.Problems {
		if len(sum.Problems) < MaxProblems {
			sum.Problems = append(sum.Problems, p)
		} else {
			sum.ProblemsOmitted++
		}
	}
}
