package main

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/baosou/baosou/archive"
	"github.com/baosou/baosou/internal/progress"
	"github.com/baosou/baosou/service"
)

// newLogger builds the one logger of a command: text or JSON, at the
// level asked for, else at def.
func newLogger(cfg config, w io.Writer, def slog.Level) (*slog.Logger, error) {
	level := def
	if cfg.LogLevel != "" {
		if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
			return nil, usageErr("--log-level %q: want debug, info, warn or error", cfg.LogLevel)
		}
	}
	if cfg.Verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch cfg.LogFormat {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageErr("--log-format %q: want text or json", cfg.LogFormat)
}

// serviceConfig turns flags into what package service needs.
func serviceConfig(cfg config, errw io.Writer, def slog.Level) (service.Config, error) {
	if cfg.Searches < 0 {
		return service.Config{}, fmt.Errorf("--searches %d: want 0 (one per core) or more", cfg.Searches)
	}
	log, err := newLogger(cfg, errw, def)
	if err != nil {
		return service.Config{}, err
	}
	sc := service.Config{
		Data: cfg.Data, SeedSample: !cfg.DataGiven, Log: log,
		Snippet:       archive.SnippetOptions{Chars: cfg.Snippet.Chars, Count: cfg.Snippet.Count},
		SearchTimeout: cfg.SearchLimit,
		Searches:      cfg.Searches,
	}
	if cfg.Progress {
		sc.Progress = progress.New(errw)
	}
	return sc, nil
}
