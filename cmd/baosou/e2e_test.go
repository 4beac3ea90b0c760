package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/baosou/baosou/search"
)

// These tests run the real baosou binary, as a user would.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "baosou-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "baosou")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build baosou:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func run(t *testing.T, data string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--data", data}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("%v: %s", err, errb.String())
	}
	return out.String(), err
}

func mustRun(t *testing.T, data string, args ...string) string {
	t.Helper()
	out, err := run(t, data, args...)
	if err != nil {
		t.Fatalf("baosou %v: %v", args, err)
	}
	return out
}

func searchJSON(t *testing.T, data string, args ...string) search.Result {
	t.Helper()
	var res search.Result
	out := mustRun(t, data, append([]string{"search", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output: %v\n%s", err, out)
	}
	return res
}

const sample = "../../testdata/sample/rmrb-sample.jsonl"

func TestIngestSearchFilters(t *testing.T) {
	data := t.TempDir()
	out := mustRun(t, data, "ingest", sample)
	if !strings.Contains(out, "added 295, updated 0, unchanged 0, merged 5, rejected 0") {
		t.Fatalf("ingest: %s", out)
	}
	all := searchJSON(t, data, "--size", "100", "长春")
	if all.Total == 0 {
		t.Fatal("no hits for 长春")
	}
	for _, h := range all.Hits {
		text := h.Highlights.Title + strings.Join(h.Highlights.Body, "")
		if !strings.Contains(text, "<mark>长春</mark>") {
			t.Errorf("hit %s %q has no <mark>长春</mark> in %q", h.ID, h.Title, text)
		}
	}
	dated := searchJSON(t, data, "--size", "100", "--from", "2020-01-01", "--to", "2020-01-31", "长春")
	if dated.Total == 0 || dated.Total >= all.Total {
		t.Errorf("date filter: %d of %d", dated.Total, all.Total)
	}
	for _, h := range dated.Hits {
		if h.Date < "2020-01-01" || h.Date > "2020-01-31" {
			t.Errorf("hit %s dated %s outside the range", h.ID, h.Date)
		}
	}
	jilin := searchJSON(t, data, "--size", "100", "--region", "吉林", "长春")
	if jilin.Total == 0 || jilin.Total > all.Total {
		t.Errorf("region filter: %d of %d", jilin.Total, all.Total)
	}
	for _, h := range jilin.Hits {
		if !strings.Contains(strings.Join(h.Regions, " "), "吉林省") {
			t.Errorf("hit %s regions %v lack 吉林省", h.ID, h.Regions)
		}
	}
	again := mustRun(t, data, "ingest", sample)
	if !strings.Contains(again, "added 0, updated 0, unchanged 300, merged 0, rejected 0") {
		t.Errorf("re-ingest: %s", again)
	}
	short := searchJSON(t, data, "--snippet-chars", "30", "--snippets", "1", "长春")
	for _, h := range short.Hits {
		if len(h.Highlights.Body) != 1 {
			t.Errorf("--snippets 1: hit %s has %d snippets", h.ID, len(h.Highlights.Body))
		}
		for _, s := range h.Highlights.Body {
			plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s))
			if n := utf8.RuneCountInString(strings.Trim(plain, "…")); n > 30 {
				t.Errorf("--snippet-chars 30: snippet of %d characters: %s", n, plain)
			}
		}
	}
	human := mustRun(t, data, "search", "长春")
	if !strings.Contains(human, "【长春】") {
		t.Errorf("human output lacks 【长春】: %s", human)
	}
}

func TestBadFlagsAndMissingData(t *testing.T) {
	data := t.TempDir()
	if _, err := run(t, filepath.Join(data, "none"), "search", "长春"); err == nil || !strings.Contains(err.Error(), "no baosou data") {
		t.Errorf("search without data: %v", err)
	}
	mustRun(t, data, "ingest", sample)
	if _, err := run(t, data, "search", "--from", "2020-13-01", "长春"); err == nil || !strings.Contains(err.Error(), "from") {
		t.Errorf("bad --from: %v", err)
	}
	if _, err := run(t, data, "search", "--region", "火星", "长春"); err == nil || !strings.Contains(err.Error(), "region") {
		t.Errorf("bad --region: %v", err)
	}
	if _, err := run(t, data, "search", "--size", "0", "长春"); err == nil || !strings.Contains(err.Error(), "--size") {
		t.Errorf("--size 0: %v", err)
	}
	if _, err := run(t, data, "serve", "--addr", "127.0.0.1:0", "--searches", "-1"); err == nil || !strings.Contains(err.Error(), "--searches") {
		t.Errorf("serve --searches -1: %v", err)
	}
}

func TestSegmentCommand(t *testing.T) {
	cmd := exec.Command(binary, "segment")
	cmd.Stdin = strings.NewReader("长春市人民政府发布通知。\n\niPhone15 和 ＩＢＭ\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != 3 || lines[1] != "" {
		t.Fatalf("want one output line per input line, got %q", lines)
	}
	inputs := []string{"长春市人民政府发布通知。", "iPhone15 和 ＩＢＭ"}
	for i, l := range []string{lines[0], lines[2]} {
		if strings.Contains(l, "   ") {
			t.Errorf("line %q: tokens must be separated by two spaces", l)
		}
		// Every character is kept, punctuation as a token of its own, so
		// the output lines up with the input.
		if got, want := strings.ReplaceAll(l, "  ", ""), strings.ReplaceAll(inputs[i], " ", ""); got != want {
			t.Errorf("line %q joins to %q, want %q", l, got, want)
		}
	}
	if !strings.HasSuffix(lines[0], "  。") {
		t.Errorf("the full stop is not a token of its own: %q", lines[0])
	}
	if !strings.Contains(lines[2], "iPhone15") || !strings.Contains(lines[2], "ＩＢＭ") {
		t.Errorf("latin tokens not kept whole: %q", lines[2])
	}
}

// SIGKILL during ingest, then ingest again: nothing lost, nothing doubled.
func TestKillDuringIngestLosesNothing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	input := filepath.Join(dir, "many.jsonl")
	writeMany(t, input, 1200)

	cmd := exec.Command(binary, "--data", data, "-v", "ingest", input)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	killed := false
	for sc.Scan() {
		if strings.Contains(sc.Text(), "batch stored") {
			cmd.Process.Kill() // SIGKILL, right after a store write
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatal("ingest finished before it could be killed")
	}
	out := mustRun(t, data, "ingest", input)
	if !strings.Contains(out, "rejected 0") {
		t.Fatalf("second ingest: %s", out)
	}
	res := searchJSON(t, data, "--size", "1", "")
	if res.Total != 1200 {
		t.Errorf("after kill and re-ingest: %d articles indexed, want 1200", res.Total)
	}
	res = searchJSON(t, data, "--size", "10", "\"独一无二编号0777\"")
	if res.Total != 1 {
		t.Errorf("article 777 found %d times, want once", res.Total)
	}
}

func writeMany(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	for i := range n {
		rec := map[string]any{
			"newspaper": "测试日报", "date": time.Date(2020, 1, 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			"page": "01", "title": fmt.Sprintf("独一无二编号%04d的文章", i),
			"body": strings.Repeat(fmt.Sprintf("长春市人民政府发布第%d号通知，市民反映良好。", i), 20),
		}
		b, _ := json.Marshal(rec)
		w.Write(append(b, '\n'))
	}
	w.Flush()
}

func TestParseIsADryRun(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	out := mustRun(t, data, "parse", "../../testdata/sample/zgfnb-2017-09-15-zhzx.txt")
	var item struct {
		File    string
		Article struct {
			Newspaper, Date, Section, Kicker, Title string
			Authors, Body, Regions                  []string
		}
	}
	if err := json.Unmarshal([]byte(out), &item); err != nil {
		t.Fatalf("parse output %q: %v", out, err)
	}
	a := item.Article
	if a.Newspaper != "中国妇女报" || a.Date != "2017-09-15" || a.Section != "综合新闻" ||
		a.Kicker != "长春持续提升专兼职妇联干部专业水平" || a.Title != "“娘家人”的服务越来越靠谱儿" ||
		strings.Join(a.Authors, ",") != "徐旭,李亚辉" || len(a.Body) < 10 {
		t.Errorf("parsed article %+v", a)
	}
	for _, want := range []string{"吉林省", "吉林省/长春市", "吉林省/长春市/宽城区", "吉林省/长春市/双阳区"} {
		if !strings.Contains(strings.Join(a.Regions, " "), want) {
			t.Errorf("regions %v lack %s", a.Regions, want)
		}
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("parse touched the data directory: %v", err)
	}
	empty := filepath.Join(t.TempDir(), "empty.html")
	os.WriteFile(empty, nil, 0o644)
	if _, err := run(t, data, "parse", empty); err == nil || !strings.Contains(err.Error(), "empty.html") {
		t.Errorf("parse of an empty file: %v", err)
	}
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestParseGolden runs the whole page pipeline (charset, parsing, bylines,
// region tags) over every saved page in the repo and compares the dry-run
// output with testdata/parse.golden.jsonl; -update rewrites it.
func TestParseGolden(t *testing.T) {
	pages, err := filepath.Glob("../../epaper/testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, p := range pages {
		if ext := filepath.Ext(p); ext == ".html" || ext == ".htm" || ext == ".txt" {
			inputs = append(inputs, p)
		}
	}
	if len(inputs) < 5 {
		t.Fatalf("found only %d pages: %v", len(inputs), inputs)
	}
	out, err := run(t, filepath.Join(t.TempDir(), "data"), append([]string{"parse"}, inputs...)...)
	if err != nil && !strings.Contains(err.Error(), "inputs rejected") {
		t.Fatal(err)
	}
	golden := "testdata/parse.golden.jsonl"
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("parse output differs from %s (run with -update after checking the change):\n%s", golden, out)
	}
}

// An operator adds words in DATA/user-dict.txt: the index keeps answering
// with the dictionary it was built with (nothing is refused), and after
// `baosou rebuild` the words are cut whole everywhere.
func TestUserDictionaryChangeWithoutDowntime(t *testing.T) {
	data := t.TempDir()
	mustRun(t, data, "ingest", "../../testdata/sample/zgfnb-2017-09-15-zhzx.txt")
	segment := func() string {
		cmd := exec.Command(binary, "--data", data, "segment")
		cmd.Stdin = strings.NewReader("妇女干部实训基地\n")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	if got := segment(); got == "妇女干部实训基地" {
		t.Fatalf("already one word without the user dictionary: %q", got)
	}
	os.WriteFile(filepath.Join(data, "user-dict.txt"), []byte("妇女干部实训基地 3000 n\n"), 0o644)
	if res := searchJSON(t, data, "实训"); res.Total != 1 {
		t.Fatalf("search after a dictionary change, before a rebuild: %+v, want the old index to answer", res)
	}
	if out := mustRun(t, data, "rebuild"); !strings.Contains(out, "rebuilt index: 1 articles") {
		t.Errorf("rebuild: %s", out)
	}
	res := searchJSON(t, data, "妇女干部实训基地")
	if res.Total != 1 || !strings.Contains(strings.Join(res.Hits[0].Highlights.Body, ""), "<mark>妇女干部实训基地</mark>") {
		t.Errorf("search after rebuild: %+v", res)
	}
	if got := segment(); got != "妇女干部实训基地" {
		t.Errorf("segment with the user dictionary: %q", got)
	}
}

// `baosou rebuild` while `baosou serve` holds the data directory: the server
// rebuilds and swaps the index in, and no search fails meanwhile.
func TestRebuildWhileServing(t *testing.T) {
	data := t.TempDir()
	mustRun(t, data, "ingest", sample)
	srv := exec.Command(binary, "--data", data, "serve", "--addr", "127.0.0.1:0")
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	info := waitServeInfo(t, data)
	base := "http://" + info.Addr
	total := func() (uint64, error) {
		resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape("长春"))
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		var res search.Result
		if resp.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %s", resp.Status)
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		return res.Total, err
	}
	want, err := total()
	if err != nil || want == 0 {
		t.Fatalf("before the rebuild: %d hits, %v", want, err)
	}
	var failures, requests atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				requests.Add(1)
				if got, err := total(); err != nil || got != want {
					failures.Add(1)
				}
			}
		}()
	}
	out := mustRun(t, data, "rebuild")
	close(stop)
	wg.Wait()
	if !strings.Contains(out, "swapped in by the server") {
		t.Errorf("rebuild output: %s", out)
	}
	t.Logf("%d searches during the rebuild, %d failed", requests.Load(), failures.Load())
	if failures.Load() != 0 || requests.Load() < 10 {
		t.Errorf("%d of %d searches failed during the rebuild", failures.Load(), requests.Load())
	}
	resp, err := http.Post(base+"/api/admin/rebuild", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("rebuild without the token: %s, want 403", resp.Status)
	}
	entries, _ := os.ReadDir(data)
	var dirs []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "index") || e.Name() == "INDEX" {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) != 2 || !slices.Contains(dirs, "INDEX") {
		t.Errorf("data directory holds %v, want INDEX and one index directory", dirs)
	}
	srv.Process.Signal(os.Interrupt)
	srv.Wait()
	if _, err := os.Stat(filepath.Join(data, "serve.json")); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind: %v", err)
	}
	if res := searchJSON(t, data, "长春"); res.Total != want {
		t.Errorf("after restart: %d hits, want %d", res.Total, want)
	}
}

// serveInfo is what a running server writes to DATA/serve.json.
type serveInfo struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
}

func waitServeInfo(t *testing.T, data string) serveInfo {
	t.Helper()
	var info serveInfo
	deadline := time.Now().Add(60 * time.Second)
	for {
		raw, err := os.ReadFile(filepath.Join(data, "serve.json"))
		if err == nil && json.Unmarshal(raw, &info) == nil && info.Addr != "" {
			return info
		}
		if time.Now().After(deadline) {
			t.Fatal("the server wrote no serve.json")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
