package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/baosou/baosou/article"
)

// hexRun matches a hex dump line or a long run of hex digits.
var hexRun = regexp.MustCompile(`(?i)([0-9a-f]{2} ){8}|[0-9a-f]{32}`)

// withLine returns the first n records of rmrb-20.jsonl with bad inserted
// as line at.
func withLine(t *testing.T, n, at int, bad string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/rmrb-20.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")[:n]
	lines = append(lines[:at-1], append([]string{bad + "\n"}, lines[at-1:]...)...)
	p := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// One record past a field limit is rejected, briefly and with its line;
// the records around it are stored.
func TestOversizedFieldCostsOnlyItsRecord(t *testing.T) {
	cases := []struct {
		field string
		bad   string
	}{
		{"title", `{"newspaper":"人民日报","date":"2019-02-01","title":"` + strings.Repeat("长", 70000) + `","body":"正文。"}`},
		{"id", `{"id":"` + strings.Repeat("i", 70000) + `","date":"2019-02-01","title":"标题","body":"正文。"}`},
		{"newspaper", `{"newspaper":"` + strings.Repeat("报", 70000) + `","date":"2019-02-01","title":"标题","body":"正文。"}`},
		{"author", `{"date":"2019-02-01","title":"标题","authors":["` + strings.Repeat("名", 70000) + `"],"body":"正文。"}`},
	}
	for _, c := range cases {
		e := openEnv(t, t.TempDir())
		sum, err := e.ingest(t, false, withLine(t, 10, 6, c.bad))
		if err != nil || sum.Added != 10 || sum.Rejected != 1 || len(sum.Problems) != 1 {
			t.Fatalf("%s: %+v %v, want 10 added and 1 rejected", c.field, sum, err)
		}
		p := sum.Problems[0]
		if p.Line != 6 || !strings.Contains(p.Err, c.field) {
			t.Errorf("%s: problem %v, want line 6 naming the field", c.field, p)
		}
		if msg := p.String(); len(msg) >= 300 || hexRun.MatchString(msg) {
			t.Errorf("%s: problem of %d bytes: %.400q", c.field, len(msg), msg)
		}
		if n, _ := e.idx.Count(); n != 10 {
			t.Errorf("%s: index holds %d, want 10", c.field, n)
		}
	}
}

// An article the store refuses (one that did not pass the Reader, as the
// Reader rejects oversized fields first) is rejected naming its record; the
// rest of its batch is stored.
func TestArticleTheStoreRefusesCostsOnlyItself(t *testing.T) {
	e := openEnv(t, t.TempDir())
	in := &Ingester{Store: e.st, Index: e.idx, Log: slog.New(slog.DiscardHandler)}
	huge := &article.Article{ID: "huge", Newspaper: "人民日报", Date: "2019-02-01", Title: strings.Repeat("长", 70000)}
	for i, a := range []*article.Article{
		{ID: "a", Newspaper: "人民日报", Date: "2019-02-01", Title: "甲"}, huge,
		{ID: "b", Newspaper: "人民日报", Date: "2019-02-01", Title: "乙"},
	} {
		in.queue = append(in.queue, &pending{a: a, file: "in.jsonl", line: i + 1})
	}
	outs, err := in.put(context.Background(), []*article.Article{in.queue[0].a, huge, in.queue[2].a})
	if err != nil || fmt.Sprint(outs) != "[added added]" || len(in.queue) != 2 || in.queue[1].a.ID != "b" {
		t.Fatalf("put: %v %v, queue of %d", outs, err, len(in.queue))
	}
	if in.sum.Rejected != 1 || len(in.sum.Problems) != 1 {
		t.Fatalf("summary %+v", in.sum)
	}
	if p := in.sum.Problems[0]; p.File != "in.jsonl" || p.Line != 2 || !strings.Contains(p.Err, "too large") || len(p.Err) > 300 || hexRun.MatchString(p.Err) {
		t.Errorf("problem %v, want line 2 too large, briefly", p)
	}
	if n, _ := e.st.Count(context.Background()); n != 2 {
		t.Errorf("store holds %d, want 2", n)
	}
}

// A page nested 200,000 elements deep is a Problem naming it, promptly;
// the page next to it is stored.
func TestDeepPageIsAProblem(t *testing.T) {
	dir := seedPageDir(t)
	deep := "<html><body><h1>标题</h1>" + strings.Repeat("<div>", 200_000) + "<p>2019-06-15 正文。</p>" + strings.Repeat("</div>", 200_000) + "</body></html>"
	os.WriteFile(filepath.Join(dir, "deep.html"), []byte(deep), 0o644)
	e := openEnv(t, t.TempDir())
	start := time.Now()
	sum, err := e.ingest(t, false, dir)
	if err != nil || sum.Added != 1 || sum.Rejected != 1 {
		t.Fatalf("%+v %v, want the seed added and the deep page rejected", sum, err)
	}
	if p := sum.Problems[0]; !strings.HasSuffix(p.File, "deep.html") || !strings.Contains(p.Err, "nested") {
		t.Errorf("problem %v, want deep.html nested too deep", p)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("ingest took %v", took)
	}
}
