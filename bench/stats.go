package bench

import (
	"math"
	"slices"
	"time"
)

// Latency summarises the answered requests of a load run.
type Latency struct {
	N        int     `json:"n"`        // requests sent
	OK       int     `json:"ok"`       // answered with 200
	Errors   int     `json:"errors"`   // other statuses and transport errors
	Timeouts int     `json:"timeouts"` // no answer within the per-request timeout
	ZeroHits int     `json:"zero_hits"`
	P50      float64 `json:"p50_ms"`
	P95      float64 `json:"p95_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
	Mean     float64 `json:"mean_ms"`
	Wall     float64 `json:"wall_s"` // time the run took, all clients together
	QPS      float64 `json:"qps"`    // answered requests per second of wall time
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of sorted by the
// nearest-rank method: the smallest value with at least p% of the values at
// or below it. It returns 0 for no values.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// summarize computes a Latency from the outcomes of one or more runs and
// the wall time they took together. Percentiles are over answered (200)
// requests only; failures are counted, not timed.
func summarize(out []outcome, wall time.Duration) Latency {
	l := Latency{N: len(out), Wall: wall.Seconds()}
	var ok []time.Duration
	var sum time.Duration
	for _, o := range out {
		switch o.Status {
		case statusOK:
			ok = append(ok, o.Took)
			sum += o.Took
			if o.Total == 0 {
				l.ZeroHits++
			}
		case statusTimeout:
			l.Timeouts++
		default:
			l.Errors++
		}
	}
	l.OK = len(ok)
	if len(ok) == 0 {
		return l
	}
	slices.Sort(ok)
	l.P50 = ms(Percentile(ok, 50))
	l.P95 = ms(Percentile(ok, 95))
	l.P99 = ms(Percentile(ok, 99))
	l.Max = ms(ok[len(ok)-1])
	l.Mean = ms(sum / time.Duration(len(ok)))
	if wall > 0 {
		l.QPS = float64(len(ok)) / wall.Seconds()
	}
	return l
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
