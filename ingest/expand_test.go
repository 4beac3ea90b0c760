package ingest

import (
	"fmt"
	"testing"
)

// Summaries of many files (an ingest through a server, file by file) add
// up their counts but keep no more than MaxProblems problems.
func TestSummaryAddBoundsProblems(t *testing.T) {
	var sum Summary
	for f := range 3 {
		s := Summary{Files: 1, Added: 2, Rejected: 60, ProblemsOmitted: 10}
		for i := range 50 {
			s.Problems = append(s.Problems, Problem{File: fmt.Sprint(f), Line: i + 1, Err: "bad"})
		}
		sum.Add(s)
	}
	if sum.Files != 3 || sum.Added != 6 || sum.Rejected != 180 {
		t.Errorf("counts: %+v", sum)
	}
	if len(sum.Problems) != MaxProblems || sum.ProblemsOmitted != 180-MaxProblems {
		t.Errorf("kept %d problems, omitted %d; want %d and %d", len(sum.Problems), sum.ProblemsOmitted, MaxProblems, 180-MaxProblems)
	}
}
