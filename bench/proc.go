package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// procResult is what a finished subprocess cost.
type procResult struct {
	Wall      time.Duration
	MaxRSSKiB int64 // peak resident set, from the kernel's rusage (KiB on Linux)
	Peak      rssKinds
	CPU       time.Duration // user and system time
	Stdout    []byte
}

// runMeasured runs argv to completion, stderr going to logPath, and
// measures it. Measuring a child process rather than code in this one
// gives both engines the same yardstick, runtime and all.
func runMeasured(ctx context.Context, logPath string, argv []string) (procResult, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return procResult{}, err
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, logf
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return procResult{}, fmt.Errorf("%s: %w", strings.Join(argv, " "), err)
	}
	stop := make(chan struct{})
	peak := sampleRSS(cmd.Process.Pid, 500*time.Millisecond, stop)
	err = cmd.Wait()
	close(stop)
	res := procResult{Wall: time.Since(start), Stdout: out.Bytes(), Peak: <-peak}
	if cmd.ProcessState != nil {
		res.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			res.MaxRSSKiB = ru.Maxrss
		}
	}
	if err != nil {
		return res, fmt.Errorf("%s: %w (log %s: %s)", strings.Join(argv, " "), err, logPath, tail(logPath))
	}
	return res, nil
}

// serverProc is a running server subprocess.
type serverProc struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:PORT
	logPath string
	started time.Time
	exited  chan struct{}
	waitErr error
}

// startServer starts argv, which must serve HTTP on addr.
func startServer(logPath string, argv []string, addr string) (*serverProc, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = logf, logf
	s := &serverProc{cmd: cmd, base: "http://" + addr, logPath: logPath, exited: make(chan struct{})}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	go func() {
		s.waitErr = cmd.Wait()
		logf.Close()
		close(s.exited)
	}()
	return s, nil
}

// waitReady polls with q until the server answers it with 200 and returns
// the time from exec to that answer: the cold start a user waits through.
func (s *serverProc) waitReady(ctx context.Context, c *client, q Query, limit time.Duration) (time.Duration, error) {
	deadline := time.Now().Add(limit)
	for {
		o := c.search(ctx, q)
		if o.Status == statusOK {
			return time.Since(s.started), nil
		}
		select {
		case <-s.exited:
			return 0, fmt.Errorf("server exited before answering: %v (log %s: %s)", s.waitErr, s.logPath, tail(s.logPath))
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("server did not answer a search within %v (log %s)", limit, s.logPath)
		}
	}
}

// memory reads the server's current and peak resident set (KiB).
func (s *serverProc) memory() (rss, hwm int64, err error) {
	kib, err := readStatusKiB(s.cmd.Process.Pid)
	if err != nil {
		return 0, 0, fmt.Errorf("read server memory: %w", err)
	}
	return kib["VmRSS"], kib["VmHWM"], nil
}

// stop asks the server to shut down and kills it if it does not.
func (s *serverProc) stop() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return nil
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		return fmt.Errorf("server %d did not stop within 30 s of SIGTERM; killed", s.cmd.Process.Pid)
	}
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// diskUsage is what du reports for path: allocated blocks, not file sizes.
func diskUsage(path string) (int64, error) {
	var total int64
	err := filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while walking (a merge finished)
			}
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			total += st.Blocks * 512
		} else {
			total += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("disk usage of %s: %w", path, err)
	}
	return total, nil
}

// tail is the end of a log file, for error messages.
func tail(path string) string {
	data, _ := os.ReadFile(path)
	const keep = 600
	if len(data) > keep {
		data = data[len(data)-keep:]
	}
	return strings.TrimSpace(string(data))
}
