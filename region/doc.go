// Package region owns the administrative-division gazetteer of China
// (province → prefecture → county/district, compiled into dict/regions.tsv)
// and the region tagger that decides which places an article is about.
//
// Tags are full paths with ancestors included ("吉林省", "吉林省/长春市",
// "吉林省/长春市/宽城区"), so an index can filter a region and everything
// below it with one exact term. Resolve maps what a user types (长春,
// 吉林省长春市, 宽城区) to such a path.
//
// Evidence comes from division names and short forms, a few fixed phrases
// (extra.go), and towns and streets (towns.go, dict/regions-towns.tsv),
// which count for their county only and are never filter values.
// Options.Seats optionally adds a province's capital for news of its
// government bodies (seats.go); it is off by default because such news is
// about the whole province. TestMeasureDateline in measure_test.go reports
// recall, tags per article and a precision proxy on the shared corpus.
package region
