package service

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/baosou/baosou/internal/durable"
)

// A running server writes serveFile into its data directory: where it
// listens and the token that authorises writes (ingest, rebuild, delete,
// backup). Only who can read the data directory can use it; the file goes
// when the server stops.
const serveFile = "serve.json"

type serveInfo struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
	PID   int    `json:"pid"`
}

// ErrBusy means another baosou process that is not a server holds the
// data directory.
var ErrBusy = errors.New("the data directory is in use by another baosou process that is not a server; wait for it to finish")

func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func writeServeInfo(data string, info serveInfo) error {
	raw, err := json.Marshal(info)
	if err != nil {
		return err
	}
	return durable.WriteFile(filepath.Join(data, serveFile), raw, 0o600)
}

func readServeInfo(data string) (serveInfo, error) {
	var info serveInfo
	raw, err := os.ReadFile(filepath.Join(data, serveFile))
	if err != nil {
		return info, fmt.Errorf("%w (%v)", ErrBusy, err)
	}
	if err := json.Unmarshal(raw, &info); err != nil || info.Addr == "" {
		return info, fmt.Errorf("read %s: not a server's address file", serveFile)
	}
	return info, nil
}
