package bench

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(vs ...int) []time.Duration {
		out := make([]time.Duration, len(vs))
		for i, v := range vs {
			out[i] = time.Duration(v) * time.Millisecond
		}
		return out
	}
	ten := ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	for _, tc := range []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value p50", ms(7), 50, 7 * time.Millisecond},
		{"one value p99", ms(7), 99, 7 * time.Millisecond},
		{"ten p50 is the 5th", ten, 50, 5 * time.Millisecond},
		{"ten p95 is the 10th", ten, 95, 10 * time.Millisecond},
		{"ten p10 is the 1st", ten, 10, 1 * time.Millisecond},
		{"ten p11 is the 2nd", ten, 11, 2 * time.Millisecond},
		{"ten p100 is the max", ten, 100, 10 * time.Millisecond},
		{"hundred p99", hundred, 99, 99 * time.Millisecond},
		{"hundred p50", hundred, 50, 50 * time.Millisecond},
		{"tiny p rounds up to the first", hundred, 0.001, 1 * time.Millisecond},
		{"two p50 is the lower", ms(1, 9), 50, 1 * time.Millisecond},
		{"two p51 is the upper", ms(1, 9), 51, 9 * time.Millisecond},
	} {
		if got := Percentile(tc.sorted, tc.p); got != tc.want {
			t.Errorf("%s: Percentile(p=%v) = %v, want %v", tc.name, tc.p, got, tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	ok := func(ms int, total int64) outcome {
		return outcome{Status: statusOK, Took: time.Duration(ms) * time.Millisecond, Total: total}
	}
	for _, tc := range []struct {
		name string
		out  []outcome
		wall time.Duration
		want Latency
	}{
		{"none", nil, time.Second, Latency{Wall: 1}},
		{
			"failures are counted, not timed",
			[]outcome{ok(10, 3), {Status: statusError, Took: time.Hour}, {Status: statusTimeout, Took: time.Hour}, ok(30, 0)},
			2 * time.Second,
			Latency{N: 4, OK: 2, Errors: 1, Timeouts: 1, ZeroHits: 1, P50: 10, P95: 30, P99: 30, Max: 30, Mean: 20, Wall: 2, QPS: 1},
		},
		{
			"unsorted input",
			[]outcome{ok(5, 1), ok(1, 1), ok(3, 1), ok(2, 1), ok(4, 1)},
			time.Second / 2,
			Latency{N: 5, OK: 5, P50: 3, P95: 5, P99: 5, Max: 5, Mean: 3, Wall: 0.5, QPS: 10},
		},
	} {
		if got := summarize(tc.out, tc.wall); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func TestTotalOf(t *testing.T) {
	for body, want := range map[string]int64{
		`{"total":42,"hits":[]}`:   42,
		`{"total": 0, "hits":[]}`:  0,
		`{"hits":[],"total":1234}`: 1234,
		`{"error":"bad"}`:          -1,
	} {
		if got := totalOf([]byte(body)); got != want {
			t.Errorf("totalOf(%s) = %d, want %d", body, got, want)
		}
	}
}
