package service

import (
	"log/slog"
	"time"

	"github.com/baosou/baosou/archive"
)

// Config is what the command line says.
type Config struct {
	Data string // data directory
	// SeedSample loads the bundled sample when Data does not exist (serve
	// with no --data given: a fresh clone has something to search).
	SeedSample bool
	Snippet    archive.SnippetOptions
	// SearchTimeout bounds one search inside the index.
	SearchTimeout time.Duration
	// Searches is how many searches run at once; 0 is one per core.
	Searches int
	// Progress reports long work; nil reports nothing.
	Progress archive.Progress
	Log      *slog.Logger
}

// archive is the archive configuration of a command (serving false) or a
// server (true).
func (c Config) archive(create, serving bool) archive.Config {
	return archive.Config{
		Dir: c.Data, Create: create, AutoRebuild: serving, Serves: serving, Snippet: c.Snippet,
		SearchTimeout: c.SearchTimeout, Searches: c.Searches, Progress: c.Progress, Log: c.Log,
	}
}
