package search

import (
	"context"
	"time"
)

// Status is what a running archive says about itself: what /readyz and
// /metrics report.
type Status struct {
	// Ready: an index is open and close enough to the store to answer
	// (a running ingest may keep it a batch or two behind).
	Ready bool `json:"ready"`
	// CaughtUp: the index has applied every change the store holds.
	CaughtUp bool `json:"caught_up"`
	// Current: the index is of the layout and analyzer (dictionaries) this
	// baosou writes. False while an older index serves and a new one is
	// built beside it.
	Current       bool      `json:"current"`
	Rebuilding    bool      `json:"rebuilding"`
	IndexLayout   string    `json:"index_layout"`
	IndexAnalyzer string    `json:"index_analyzer"`
	IndexBuilt    time.Time `json:"index_built"` // when the serving index was created
	StoreSeq      uint64    `json:"store_seq"`   // last change the store holds
	IndexSeq      uint64    `json:"index_seq"`   // last change the index applied
	StoreArticles uint64    `json:"store_articles"`
	IndexArticles uint64    `json:"index_articles"`
	// Counters since the process started.
	IngestedArticles uint64  `json:"ingested_articles"` // articles added, updated or merged
	IngestRuns       uint64  `json:"ingest_runs"`
	Rebuilds         uint64  `json:"rebuilds"`
	RebuildFailures  uint64  `json:"rebuild_failures"`
	LastRebuildSecs  float64 `json:"last_rebuild_seconds"`
	Deleted          uint64  `json:"deleted"`
	// Message says, in words, why the archive is not ready or not current.
	Message string `json:"message,omitempty"`
}

// StatusReporter reports an archive's status.
type StatusReporter interface {
	Status(ctx context.Context) Status
}
