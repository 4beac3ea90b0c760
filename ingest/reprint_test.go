package ingest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/baosou/baosou/search"
)

// cutPrintings writes two printings of a real story: page 01 with its first
// two sentences, page 05 with its first thirty (the first two the same).
func cutPrintings(t *testing.T, dir string) (short, long string) {
	t.Helper()
	lines, err := os.ReadFile("testdata/rmrb-20.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.Split(string(lines), "\n")[3]), &rec); err != nil {
		t.Fatal(err)
	}
	sentences := strings.Split(rec["body"].(string), "。")
	write := func(name, page string, n int) string {
		rec["page"], rec["source"], rec["body"] = page, "rmrb/"+name, strings.Join(sentences[:n], "。")+"。"
		data, _ := json.Marshal(rec)
		p := filepath.Join(dir, name+".jsonl")
		if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("short", "01", 2), write("long", "05", 30)
}

// A story printed short on page 01 and long on page 05 is stored once: the
// long text is searched, the short one is kept as a variant, in whichever
// order and in however many runs the printings arrive; re-ingesting both
// changes nothing.
func TestReprintKeepsTheFullerText(t *testing.T) {
	short, long := cutPrintings(t, t.TempDir())
	cases := []struct {
		name string
		runs [][]string
	}{
		{"short then long, one run", [][]string{{short, long}}},
		{"long then short, one run", [][]string{{long, short}}},
		{"short then long, two runs", [][]string{{short}, {long}}},
		{"long then short, two runs", [][]string{{long}, {short}}},
	}
	for _, c := range cases {
		e := openEnv(t, t.TempDir())
		var total Summary
		for _, run := range c.runs {
			sum, err := e.ingest(t, false, run...)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			total.Added, total.Merged = total.Added+sum.Added, total.Merged+sum.Merged
		}
		if total.Added != 1 || total.Merged != 1 {
			t.Errorf("%s: added %d merged %d, want 1 and 1", c.name, total.Added, total.Merged)
		}
		res, err := e.idx.Search(context.Background(), search.Request{Query: "马国范"})
		if err != nil || res.Total != 1 {
			t.Fatalf("%s: a name only the long printing holds found %d times (%v), want once", c.name, res.Total, err)
		}
		a, err := e.st.Get(context.Background(), res.Hits[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(a.Pages, " ") != "01 05" || a.Source != "rmrb/long" || !strings.Contains(a.BodyText(), "马国范") {
			t.Errorf("%s: stored pages %v source %q", c.name, a.Pages, a.Source)
		}
		if len(a.Variants) != 1 || a.Variants[0].Page != "01" || a.Variants[0].Source != "rmrb/short" ||
			strings.Join(a.Variants[0].Body, "") != "编者按：春节临近，一辆辆汽车驰骋在广袤的华夏大地，将游子送上归乡旅途。60多年前，新中国第一批国产汽车驶出装配线，揭开中国汽车工业发展史的第一页。" {
			t.Errorf("%s: variants %+v, want the page 01 printing", c.name, a.Variants)
		}
		again, err := e.ingest(t, false, short, long)
		if err != nil || again.Unchanged != 2 || again.Added+again.Updated+again.Merged != 0 {
			t.Errorf("%s: re-ingest %+v %v, want 2 unchanged", c.name, again, err)
		}
		b, _ := e.st.Get(context.Background(), a.ID)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: re-ingest changed the article:\n %+v\n %+v", c.name, a, b)
		}
		if n, _ := e.st.Count(context.Background()); n != 1 {
			t.Errorf("%s: store holds %d, want 1", c.name, n)
		}
	}
}
