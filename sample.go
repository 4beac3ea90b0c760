// Package baosou owns the data bundled into the binary: the sample in
// testdata/sample (a few hundred real 人民日报 articles and the 中国妇女报
// page the project started from), which `baosou serve` loads into a fresh
// data directory. It lives at the module root because go:embed cannot reach
// a parent directory, and testdata/ is where data shared by several packages
// and tools is kept.
package baosou

import (
	"embed"
	"io/fs"
)

//go:embed testdata/sample
var sample embed.FS

// SampleFS returns the bundled sample with its files at the root.
func SampleFS() fs.FS {
	sub, err := fs.Sub(sample, "testdata/sample")
	if err != nil {
		panic(err) // cannot happen: the directory is embedded above
	}
	return sub
}
