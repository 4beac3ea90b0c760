package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/internal/durable"
	"github.com/baosou/baosou/service"
)

func runRebuild(ctx context.Context, cfg config, out, errw io.Writer) error {
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	start := time.Now()
	n, via, err := service.Rebuild(ctx, sc)
	if err != nil {
		return err
	}
	took := time.Since(start).Round(time.Millisecond)
	if via != "" {
		fmt.Fprintf(out, "rebuilt index: %d articles in %s (swapped in by the server at %s)\n", n, took, via)
		return nil
	}
	fmt.Fprintf(out, "rebuilt index: %d articles in %s\n", n, took)
	return nil
}

func runDelete(ctx context.Context, cfg config, ids []string, out, errw io.Writer) error {
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	n, err := service.Delete(ctx, sc, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "taken down: %d stored articles removed; %d ids on the take-down list\n", n, len(ids))
	return nil
}

// runBackup writes the backup to a temporary file beside FILE and renames
// it into place when complete, so FILE is never a partial backup.
func runBackup(ctx context.Context, cfg config, file string, out, errw io.Writer) error {
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	if file == "-" {
		sc.Progress = nil
		return service.Backup(ctx, sc, out)
	}
	tmp, err := os.CreateTemp(dirOf(file), ".baosou-backup-*")
	if err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	defer os.Remove(tmp.Name())
	err = service.Backup(ctx, sc, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err == nil {
		err = durable.SyncDir(dirOf(file))
	}
	if err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	st, _ := os.Stat(file)
	fmt.Fprintf(out, "backup written to %s (%d bytes)\n", file, st.Size())
	return nil
}

func runRestore(ctx context.Context, cfg config, file string, out, errw io.Writer) error {
	if !cfg.DataGiven {
		return usageErr("restore needs --data (or BAOSOU_DATA): the empty directory to restore into")
	}
	sc, err := serviceConfig(cfg, errw, slog.LevelWarn)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	n, err := service.Restore(ctx, sc, f)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "restored %d articles into %s\n", n, cfg.Data)
	return nil
}

func dirOf(file string) string { return filepath.Dir(file) }
