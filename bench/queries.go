package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/region"
)

// Query classes and filter kinds. Every class is asked without a filter
// and with each kind of filter, so their costs can be told apart.
var (
	Classes     = []string{"word", "substring", "phrase", "onechar"}
	FilterKinds = []string{"none", "date", "region", "section"}
)

// Query is one line of a query set: the search box and the filters, as the
// HTTP API takes them.
type Query struct {
	Class   string `json:"class"`
	Filter  string `json:"filter"`
	Q       string `json:"q"`
	From    string `json:"from"`
	To      string `json:"to"`
	Section string `json:"section"`
	Region  string `json:"region"`
}

// Group names the class × filter combination of the query.
func (q Query) Group() string { return q.Class + "/" + q.Filter }

// RegionNames are the region filter values queries use: provinces, cities
// and short forms, spelled as users type them. Each must resolve in the
// gazetteer (a test checks it).
var RegionNames = []string{
	"北京", "上海", "天津", "重庆", "吉林省", "吉林", "长春", "广东", "广州", "深圳",
	"湖北", "武汉", "浙江", "杭州", "江苏", "南京", "四川", "成都", "河北", "河南",
	"郑州", "山东", "青岛", "福建", "厦门", "陕西", "西安", "湖南", "长沙", "新疆",
	"西藏", "云南", "贵州", "海南", "黑龙江", "哈尔滨", "辽宁", "沈阳", "内蒙古", "甘肃",
	"宁夏", "青海", "广西", "江西", "安徽", "山西",
}

// QueryConfig is what `baosou-bench queries` is told.
type QueryConfig struct {
	In       string // real corpus: the held-out titles come from it
	Out      string // queries.jsonl; a README.md describing it is written next to it
	Seed     uint64
	Holdout  Holdout
	PerGroup int // queries per class × filter combination
}

// GenerateQueries writes a query set made from the held-out titles of the
// corpus, and a README.md beside it saying how it was made.
func GenerateQueries(ctx context.Context, cfg QueryConfig) error {
	src, err := LoadSource(ctx, cfg.In, cfg.Holdout)
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	seg, err := index.Segmenter(nil)
	if err != nil {
		return fmt.Errorf("queries: load segmenter: %w", err)
	}
	gaz, err := region.Default()
	if err != nil {
		return fmt.Errorf("queries: load gazetteer: %w", err)
	}
	qs, err := MakeQueries(src.HeldOut, seg, gaz, cfg.Seed, cfg.PerGroup)
	if err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	if err := writeQueryFile(cfg.Out, qs); err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	readme := filepath.Join(filepath.Dir(cfg.Out), "README.md")
	if err := os.WriteFile(readme, []byte(queryReadme(cfg, src, len(qs))), 0o644); err != nil {
		return fmt.Errorf("queries: %w", err)
	}
	return nil
}

// ReadQueries reads a query set, checking each line's class and filter.
func ReadQueries(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	defer f.Close()
	var out []Query
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q Query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("read queries: %s line %d: %w", path, line, err)
		}
		if !slices.Contains(Classes, q.Class) || !slices.Contains(FilterKinds, q.Filter) {
			return nil, fmt.Errorf("read queries: %s line %d: unknown class %q or filter %q", path, line, q.Class, q.Filter)
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries: %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read queries: %s holds no queries", path)
	}
	return out, nil
}

func writeQueryFile(path string, qs []Query) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteQueries(f, qs); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// WriteQueries writes qs as JSON Lines.
func WriteQueries(w io.Writer, qs []Query) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range qs {
		if err := enc.Encode(&qs[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func queryReadme(cfg QueryConfig, src *Source, n int) string {
	return fmt.Sprintf(`# Benchmark query set

`+"`queries.jsonl`"+` is generated; do not edit it by hand. Regenerate it from the repository root with

    go run ./cmd/baosou-bench queries --seed %d --holdout-seed %d --holdout %g --per-group %d

| | |
| --- | --- |
| seed | %d |
| queries | %d: %d classes × %d filter kinds × %d |
| held-out source | %d distinct titles of %s (%d articles) held out by holdout seed %d, fraction %g; `+"`baosou-bench scale`"+` never puts them into a synthetic archive |

One JSON object a line: `+"`"+`{"class","filter","q","from","to","section","region"}`+"`"+`.

- `+"`word`"+`: 1–3 words of a held-out title (the project's segmenter, query mode; words of two or more Han characters), space separated.
- `+"`substring`"+`: one or two runs of 2–8 Han characters of a title, each starting or ending inside a word.
- `+"`phrase`"+`: a run of 2–8 characters of a title in double quotes (starts and ends with a Han character).
- `+"`onechar`"+`: one Han character of a title.

Filters: `+"`none`"+`; `+"`date`"+` (`+"`from`..`to`"+`, a span of 2–6 years within 1949–2024); `+"`region`"+` (a province or city name, resolved by the region gazetteer); `+"`section`"+` (a section name the scaler uses).
`, cfg.Seed, cfg.Holdout.Seed, cfg.Holdout.Fraction, cfg.PerGroup,
		cfg.Seed, n, len(Classes), len(FilterKinds), cfg.PerGroup,
		len(src.HeldOut), filepath.Base(cfg.In), src.Articles, cfg.Holdout.Seed, cfg.Holdout.Fraction)
}
