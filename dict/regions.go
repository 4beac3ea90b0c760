package dict

import _ "embed" // for regions.tsv and regions-towns.tsv

//go:generate go run ./internal/genregions -src ../../shared/regions -out regions.tsv -towns regions-towns.tsv

//go:embed regions.tsv
var regionsTSV []byte

//go:embed regions-towns.tsv
var regionTownsTSV []byte

// Regions returns China's administrative divisions as TSV lines
// code<TAB>name<TAB>level<TAB>parentCode (see the header of regions.tsv for
// how municipalities and directly administered counties are represented).
// The slice is a fresh copy; callers may keep or modify it.
func Regions() []byte {
	return append([]byte(nil), regionsTSV...)
}

// RegionTowns returns the towns and streets (镇, 乡, 街道, 苏木) usable as
// evidence for their county, as TSV lines name<TAB>parentCode, the parent
// being a code of Regions (see the header of regions-towns.tsv for which
// towns are kept). The slice is a fresh copy.
func RegionTowns() []byte {
	return append([]byte(nil), regionTownsTSV...)
}
