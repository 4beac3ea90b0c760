package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// A running server writes serveFile into its data directory: where it
// listens and the token that authorises writes such as a rebuild. Only who
// can read the data directory can use it; the file goes when the server
// stops.
const serveFile = "serve.json"

type serveInfo struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
}

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
	tmp := filepath.Join(data, serveFile+".tmp")
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", serveFile, err)
	}
	return os.Rename(tmp, filepath.Join(data, serveFile))
}

// rebuildViaServer asks the server that holds data to rebuild its index.
func rebuildViaServer(ctx context.Context, data string, out io.Writer) error {
	raw, err := os.ReadFile(filepath.Join(data, serveFile))
	if err != nil {
		return fmt.Errorf("rebuild: the data directory %s is in use by another baosou process that is not a server (%v); wait for it to finish", data, err)
	}
	var info serveInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return fmt.Errorf("rebuild: read %s: %w", serveFile, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+info.Addr+"/api/admin/rebuild", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+info.Token)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("rebuild: ask the server at %s: %w", info.Addr, err)
	}
	defer resp.Body.Close()
	var body struct {
		Articles uint64 `json:"articles"`
		Error    string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return fmt.Errorf("rebuild: the server at %s answered %s", info.Addr, resp.Status)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("rebuild: the server at %s answered %s: %s", info.Addr, resp.Status, body.Error)
	}
	fmt.Fprintf(out, "rebuilt index: %d articles in %s (swapped in by the server at %s)\n", body.Articles, time.Since(start).Round(time.Millisecond), info.Addr)
	return nil
}
