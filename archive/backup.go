package archive

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/internal/durable"
	"github.com/baosou/baosou/store"
)

// BackupFormat versions what Backup writes: one JSON header line, then
// the store in Badger's backup format. The index is not in it: restore
// builds it from the store.
const BackupFormat = "baosou-backup-1"

type backupHeader struct {
	Format   string    `json:"format"`
	Created  time.Time `json:"created"`
	Articles int       `json:"articles"`
	UserDict []byte    `json:"user_dict,omitempty"` // the operator's dictionary, if any
}

// ErrBadBackup means a file is not a backup this code can restore.
var ErrBadBackup = errors.New("not a baosou backup")

// Backup writes the archive to w: the store (articles, take-down list,
// layouts) and the user dictionary. It runs while the archive serves and
// ingests; what it holds is the store as of its start.
func (a *Archive) Backup(ctx context.Context, w io.Writer) error {
	user, err := ReadUserDict(a.cfg.Dir)
	if err != nil {
		return err
	}
	n, err := a.store.Count(ctx)
	if err != nil {
		return err
	}
	h := backupHeader{Format: BackupFormat, Created: time.Now().UTC(), Articles: n, UserDict: user}
	raw, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if _, err := w.Write(append(raw, '\n')); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return a.store.Backup(ctx, w)
}

// Restore reads a backup into dir, which must not hold an archive yet,
// and builds its index. It returns the number of articles restored.
func Restore(ctx context.Context, cfg Config, r io.Reader) (int, error) {
	if _, err := os.Stat(filepath.Join(cfg.Dir, StoreDir)); err == nil {
		return 0, fmt.Errorf("restore: %s already holds baosou data; restore into an empty directory", cfg.Dir)
	}
	br := bufio.NewReaderSize(r, 1<<20)
	line, err := br.ReadBytes('\n')
	if err != nil {
		return 0, fmt.Errorf("restore: %w: no header line (%v)", ErrBadBackup, err)
	}
	var h backupHeader
	if err := json.Unmarshal(line, &h); err != nil || h.Format != BackupFormat {
		return 0, fmt.Errorf("restore: %w (want format %s)", ErrBadBackup, BackupFormat)
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	if h.UserDict != nil {
		if err := durable.WriteFile(filepath.Join(cfg.Dir, UserDictFile), h.UserDict, 0o644); err != nil {
			return 0, fmt.Errorf("restore: %w", err)
		}
	}
	if err := load(ctx, cfg, br); err != nil {
		os.RemoveAll(filepath.Join(cfg.Dir, StoreDir))
		return 0, err
	}
	cfg.Create, cfg.AutoRebuild = false, false
	a, err := Open(ctx, cfg) // builds the index from the restored store
	if err != nil {
		return 0, err
	}
	defer a.Close()
	// The header counted before the store's snapshot was taken: an ingest
	// in between makes the two differ, which is no fault.
	return a.store.Count(ctx)
}

func load(ctx context.Context, cfg Config, r io.Reader) error {
	st, err := store.Open(filepath.Join(cfg.Dir, StoreDir), cfg.Log)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := st.Load(ctx, r); err != nil {
		st.Close()
		return fmt.Errorf("restore: %w: %v", ErrBadBackup, err)
	}
	return st.Close()
}
