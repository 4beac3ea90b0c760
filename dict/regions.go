package dict

import _ "embed" // for regions.tsv

//go:generate go run ./internal/genregions -src ../../shared/regions -out regions.tsv

//go:embed regions.tsv
var regionsTSV []byte

// Regions returns China's administrative divisions as TSV lines
// code<TAB>name<TAB>level<TAB>parentCode (see the header of regions.tsv for
// how municipalities and directly administered counties are represented).
// The slice is a fresh copy; callers may keep or modify it.
func Regions() []byte {
	return append([]byte(nil), regionsTSV...)
}
