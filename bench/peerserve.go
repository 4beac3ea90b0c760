package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baosou/baosou/region"
)

// PeerServeConfig is what the hidden `baosou-bench peer-serve` is told.
type PeerServeConfig struct {
	Index string
	Addr  string
}

// peerHit and peerResult mirror the shape of Baosou's search answer, so
// both engines send about as many bytes per hit.
type peerHit struct {
	ID         string         `json:"id"`
	Newspaper  string         `json:"newspaper"`
	Date       string         `json:"date"`
	Section    string         `json:"section"`
	Page       string         `json:"page"`
	Kicker     string         `json:"kicker"`
	Title      string         `json:"title"`
	Subtitle   string         `json:"subtitle"`
	Regions    []string       `json:"regions"`
	Score      float64        `json:"score"`
	Highlights peerHighlights `json:"highlights"`
}

type peerHighlights struct {
	Title string   `json:"title,omitempty"`
	Body  []string `json:"body,omitempty"`
}

type peerResult struct {
	Total  uint64    `json:"total"`
	TookMS int64     `json:"took_ms"`
	Hits   []peerHit `json:"hits"`
}

// peer answers GET /api/search like Baosou, from a plain Bleve index.
type peer struct {
	idx     bleve.Index
	resolve func(string) (string, error)
}

// PeerServe serves the peer index over HTTP until ctx ends.
func PeerServe(ctx context.Context, cfg PeerServeConfig, logw io.Writer) error {
	idx, err := bleve.Open(cfg.Index)
	if err != nil {
		return fmt.Errorf("peer serve: open %s: %w", cfg.Index, err)
	}
	defer idx.Close()
	gaz, err := region.Default()
	if err != nil {
		return fmt.Errorf("peer serve: %w", err)
	}
	p := &peer{idx: idx, resolve: gaz.Resolve}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/search", p.handleSearch)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `{"status":"ok"}`)
	})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("peer serve: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(logw, "baosou-bench peer: serving %s on http://%s/\n", cfg.Index, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (p *peer) handleSearch(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	v := r.URL.Query()
	q, err := p.query(v.Get("q"), v.Get("from"), v.Get("to"), v.Get("section"), v.Get("region"))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	size := 10
	if s := v.Get("size"); s != "" {
		if size, err = strconv.Atoi(s); err != nil || size < 1 || size > 100 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "size must be 1–100", "param": "size"})
			return
		}
	}
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.Fields = []string{peerTitle, peerKicker, peerSubtitle, peerSection, peerNewspaper, peerPage, peerRegions, peerDate}
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.Fields = []string{peerTitle, peerBody}
	res, err := p.idx.SearchInContext(r.Context(), req)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	out := peerResult{Total: res.Total, Hits: make([]peerHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit := peerHit{
			ID: h.ID, Score: h.Score,
			Newspaper: str(h.Fields[peerNewspaper]), Section: str(h.Fields[peerSection]), Page: str(h.Fields[peerPage]),
			Kicker: str(h.Fields[peerKicker]), Title: str(h.Fields[peerTitle]), Subtitle: str(h.Fields[peerSubtitle]),
			Regions: strs(h.Fields[peerRegions]), Highlights: peerHighlights{Body: h.Fragments[peerBody]},
		}
		if d := str(h.Fields[peerDate]); len(d) >= 10 {
			hit.Date = d[:10]
		}
		if t := h.Fragments[peerTitle]; len(t) > 0 {
			hit.Highlights.Title = t[0]
		}
		out.Hits = append(out.Hits, hit)
	}
	out.TookMS = time.Since(start).Milliseconds()
	writeJSON(w, http.StatusOK, out)
}

// query builds the peer's query: each quoted clause is a match-phrase query
// and the rest of the text one match query with operator AND, each over
// the four text fields (a disjunction); all of them and the filters must
// match (a conjunction).
func (p *peer) query(text, from, to, section, regionName string) (query.Query, error) {
	phrases, rest := splitQuoted(text)
	var must []query.Query
	for _, ph := range phrases {
		must = append(must, overFields(func(f string) query.Query {
			q := bleve.NewMatchPhraseQuery(ph)
			q.SetField(f)
			return q
		}))
	}
	if strings.TrimSpace(rest) != "" {
		must = append(must, overFields(func(f string) query.Query {
			q := bleve.NewMatchQuery(rest)
			q.SetField(f)
			q.SetOperator(query.MatchQueryOperatorAnd)
			return q
		}))
	}
	if from != "" || to != "" {
		dq, err := dateRange(from, to)
		if err != nil {
			return nil, err
		}
		must = append(must, dq)
	}
	if section != "" {
		tq := bleve.NewTermQuery(section)
		tq.SetField(peerSection)
		must = append(must, tq)
	}
	if regionName != "" {
		// The name resolves to the path form both engines tag with
		// (长春 → 吉林省/长春市), as Baosou's own filter does.
		path, err := p.resolve(regionName)
		if err != nil {
			return nil, err
		}
		tq := bleve.NewTermQuery(path)
		tq.SetField(peerRegions)
		must = append(must, tq)
	}
	if len(must) == 0 {
		return bleve.NewMatchAllQuery(), nil
	}
	return bleve.NewConjunctionQuery(must...), nil
}

func overFields(mk func(field string) query.Query) query.Query {
	qs := make([]query.Query, len(peerTextFields))
	for i, f := range peerTextFields {
		qs[i] = mk(f)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// splitQuoted takes the clauses in double quotes (ASCII or “”) out of text
// and returns them and what remains.
func splitQuoted(text string) (phrases []string, rest string) {
	var b strings.Builder
	for {
		i := strings.IndexAny(text, `"“`)
		if i < 0 {
			b.WriteString(text)
			break
		}
		b.WriteString(text[:i])
		text = text[i:]
		_, w := firstRune(text)
		j := strings.IndexAny(text[w:], `"”`)
		if j < 0 { // unbalanced: the rest is one phrase
			j = len(text) - w
		}
		if ph := strings.TrimSpace(text[w : w+j]); ph != "" {
			phrases = append(phrases, ph)
		}
		text = text[w+j:]
		if text != "" {
			_, w = firstRune(text)
			text = text[w:]
		}
		b.WriteByte(' ')
	}
	return phrases, strings.Join(strings.Fields(b.String()), " ")
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// dateRange is from..to inclusive, whole days.
func dateRange(from, to string) (query.Query, error) {
	start, end := time.Date(1677, 9, 22, 0, 0, 0, 0, time.UTC), time.Date(2262, 4, 10, 0, 0, 0, 0, time.UTC)
	var err error
	if from != "" {
		if start, err = time.Parse(time.DateOnly, from); err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
	}
	if to != "" {
		if end, err = time.Parse(time.DateOnly, to); err != nil {
			return nil, fmt.Errorf("to: %w", err)
		}
		end = end.AddDate(0, 0, 1)
	}
	incl, excl := true, false
	q := bleve.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	q.SetField(peerDate)
	return q, nil
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			out = append(out, str(x))
		}
		return out
	}
	return nil
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
