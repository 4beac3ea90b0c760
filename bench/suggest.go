package bench

import (
	"context"
	"strings"
)

// SuggestKinds are the kinds of suggest queries: what a user has typed of a
// title so far (its first 1, 2 or 3 characters) and characters 2–3 of it
// (an infix: the user starts typing in the middle of a name).
var SuggestKinds = []string{"prefix1", "prefix2", "prefix3", "infix"}

// SuggestClass is the class of suggest queries in a run's groups and raw
// latencies ("suggest/prefix1").
const SuggestClass = "suggest"

// SuggestGroups makes the suggest queries from the word-class queries of a
// query set (words of the held-out titles, spaces dropped: "泰康 同济" gives
// 泰, 泰康, 泰康同 and infix 康同), one group per kind, in file order without
// repeats, at most maxPer of each (0 = all). Texts shorter than a kind
// needs are skipped for it.
func SuggestGroups(qs []Query, maxPer int) []queryGroup {
	var out []queryGroup
	for _, kind := range SuggestKinds {
		g := queryGroup{class: SuggestClass, filter: kind}
		seen := map[string]bool{}
		for _, q := range qs {
			if q.Class != "word" || (maxPer > 0 && len(g.queries) >= maxPer) {
				continue
			}
			typed := suggestText([]rune(strings.ReplaceAll(q.Q, " ", "")), kind)
			if typed != "" && !seen[typed] {
				seen[typed] = true
				g.queries = append(g.queries, Query{Class: SuggestClass, Filter: kind, Q: typed})
			}
		}
		if len(g.queries) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// suggestText is the part of rs a suggest query of the kind sends, "" when
// rs is too short for it.
func suggestText(rs []rune, kind string) string {
	from, to := 0, 0
	switch kind {
	case "prefix1":
		to = 1
	case "prefix2":
		to = 2
	case "prefix3":
		to = 3
	case "infix":
		from, to = 1, 3
	}
	if to == 0 || len(rs) < to {
		return ""
	}
	return string(rs[from:to])
}

// runSuggest sends each suggest group in turn at the given concurrency and
// summarises by kind and over all kinds ("*"); each request's latency goes
// into raw under "suggest/KIND".
func runSuggest(ctx context.Context, c *client, gs []queryGroup, clients int, raw map[string][]int64) (map[string]Latency, error) {
	lat := map[string]Latency{}
	aggs := aggregates{}
	for _, g := range gs {
		reqs := make([]request, len(g.queries))
		for i, q := range g.queries {
			reqs[i] = request{url: c.suggestURL(q.Q), hits: countSuggestions}
		}
		out, wall, err := c.runLoad(ctx, reqs, clients)
		if err != nil {
			return lat, err
		}
		lat[g.filter] = summarize(out, wall)
		raw[SuggestClass+"/"+g.filter] = micros(out)
		aggs.add("*", out, wall)
	}
	aggs.summarize(lat)
	return lat, nil
}
