package archive

import (
	"context"
	"time"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/search"
)

// readyLag is how far behind the store the index may be and still count
// as ready: a running ingest keeps it a batch or two behind.
const readyLag = 4096

// Status says what the archive serves and how current it is.
func (a *Archive) Status(ctx context.Context) search.Status {
	s := search.Status{
		Rebuilding:       a.rebuildOn.Load(),
		IngestedArticles: a.counters.ingested.Load(),
		IngestRuns:       a.counters.ingestRuns.Load(),
		Rebuilds:         a.counters.rebuilds.Load(),
		RebuildFailures:  a.counters.rebuildFailures.Load(),
		LastRebuildSecs:  time.Duration(a.counters.lastRebuild.Load()).Seconds(),
		Deleted:          a.counters.deleted.Load(),
	}
	s.StoreSeq, _ = a.store.LastSeq()
	s.StoreArticles = uint64(max(a.stored.Load(), 0))
	why, _ := a.stale.Load().(string)
	// With, not a bare pointer: a swap may close the old index meanwhile.
	if err := a.live.With(func(x *index.Index) error {
		s.IndexLayout, s.IndexAnalyzer = x.Version()
		s.IndexBuilt = x.Built()
		s.IndexSeq, _ = x.Seq()
		s.IndexArticles, _ = x.Count()
		return nil
	}); err != nil {
		s.Message = "no index yet: " + why
		return s
	}
	s.Current = why == ""
	s.CaughtUp = s.IndexSeq == s.StoreSeq
	s.Ready = s.StoreSeq-min(s.IndexSeq, s.StoreSeq) <= readyLag
	if !s.Current {
		s.Message = "serving an index that is being replaced: " + why
	}
	return s
}
