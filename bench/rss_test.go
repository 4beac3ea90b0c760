package bench

import (
	"os"
	"runtime"
	"testing"
	"time"
)

func TestParseRSSKinds(t *testing.T) {
	for _, tc := range []struct {
		name, status string
		want         rssKinds
	}{
		{"linux status", "Name:\tbaosou\nVmHWM:\t  900 kB\nVmRSS:\t  800 kB\nRssAnon:\t  500 kB\nRssFile:\t  280 kB\nRssShmem:\t  20 kB\n", rssKinds{Anon: 500, File: 300}},
		{"no kinds", "Name:\tx\nVmRSS:\t 10 kB\n", rssKinds{}},
		{"garbage", "RssAnon: lots\nRssFile\n", rssKinds{}},
	} {
		if got := rssKindsOf(parseStatusKiB(tc.status)); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestSampleRSSSelf(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	stop := make(chan struct{})
	peaks := sampleRSS(os.Getpid(), 5*time.Millisecond, stop)
	time.Sleep(30 * time.Millisecond)
	close(stop)
	p := <-peaks
	// A Go test binary has a heap and a mapped executable.
	if p.Anon <= 0 || p.File <= 0 {
		t.Fatalf("peaks of this process: %+v", p)
	}
}
