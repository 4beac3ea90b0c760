package service

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/search"
)

// A server over a real archive on loopback; the commands of this package
// run against the same data directory and must go through it.
func startServe(t *testing.T, data string) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		errc <- Serve(ctx, ServeConfig{
			Config: Config{Data: data, Log: slog.New(slog.DiscardHandler)},
			Addr:   "127.0.0.1:0", Out: io.Discard,
			Ready: func(addr string) { ready <- addr },
		})
	}()
	select {
	case <-ready:
	case err := <-errc:
		t.Fatalf("serve: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		return <-errc
	}
	t.Cleanup(func() { stop() })
	return stop
}

func TestCommandsGoThroughTheRunningServer(t *testing.T) {
	data := t.TempDir()
	cfg := Config{Data: data, Log: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	// A data directory is made by a first ingest.
	if _, err := Ingest(ctx, cfg, []string{writeFile(t, "first.jsonl", `{"newspaper":"人民日报","date":"2019-10-01","title":"国庆","body":"国庆节。"}`)}, false); err != nil {
		t.Fatal(err)
	}
	stop := startServe(t, data)

	in := writeFile(t, "in.jsonl",
		`{"newspaper":"人民日报","date":"2019-10-02","title":"长春冰雪","body":"长春冰雪旅游。"}`,
		`{"newspaper":"人民日报","date":"bad","title":"坏","body":"坏。"}`,
		`{"newspaper":"人民日报","date":"2019-10-03","title":"吉林雾凇","body":"吉林雾凇奇观。"}`)
	sum, err := Ingest(ctx, cfg, []string{in}, false)
	if err != nil || sum.Added != 2 || sum.Rejected != 1 || len(sum.Problems) != 1 ||
		sum.Problems[0].File != in || sum.Problems[0].Line != 2 {
		t.Fatalf("ingest through the server: %+v %v", sum, err)
	}
	res, err := Search(ctx, cfg, search.Request{Query: "长春"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search through the server: %+v %v", res, err)
	}
	id := res.Hits[0].ID
	if n, err := Delete(ctx, cfg, []string{id}); err != nil || n != 1 {
		t.Fatalf("delete through the server: %d %v", n, err)
	}
	if n, via, err := Rebuild(ctx, cfg); err != nil || n != 2 || via == "" {
		t.Fatalf("rebuild through the server: %d %q %v", n, via, err)
	}
	var backup bytes.Buffer
	if err := Backup(ctx, cfg, &backup); err != nil || backup.Len() == 0 {
		t.Fatalf("backup through the server: %d bytes, %v", backup.Len(), err)
	}
	if err := stop(); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, serveFile)); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind: %v", err)
	}

	restored := Config{Data: filepath.Join(t.TempDir(), "restored"), Log: cfg.Log}
	if n, err := Restore(ctx, restored, &backup); err != nil || n != 2 {
		t.Fatalf("restore: %d %v", n, err)
	}
	for q, want := range map[string]uint64{"长春": 0, "吉林": 1, "国庆": 1} {
		res, err := Search(ctx, restored, search.Request{Query: q})
		if err != nil || res.Total != want {
			t.Errorf("restored %s: %+v %v, want %d", q, res, err, want)
		}
	}
}

// A data directory held by a process that is not a server (no
// serve.json) is reported as busy, not as an error of the store.
func TestBusyWithoutServer(t *testing.T) {
	data := t.TempDir()
	cfg := Config{Data: data, Log: slog.New(slog.DiscardHandler)}
	if _, err := Ingest(context.Background(), cfg, []string{writeFile(t, "a.jsonl", `{"date":"2019-10-01","title":"甲","body":"甲。"}`)}, false); err != nil {
		t.Fatal(err)
	}
	stop := startServe(t, data)
	os.Rename(filepath.Join(data, serveFile), filepath.Join(data, "serve.json.away"))
	_, _, err := Rebuild(context.Background(), cfg)
	if !errors.Is(err, ErrBusy) {
		t.Errorf("rebuild with the directory held and no serve.json: %v, want ErrBusy", err)
	}
	os.Rename(filepath.Join(data, "serve.json.away"), filepath.Join(data, serveFile))
	stop()
}

func writeFile(t *testing.T, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
