package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/baosou/baosou/internal/durable"
)

// The suggestion words of a build are kept in the index's directory, so a
// start serves suggestions from the last build rather than read every
// title and body word of the index again (at a million articles that
// build reads 55 segments' dictionaries: ten seconds of CPU, and pages of
// the index a search would rather keep in memory). The words are a cache:
// a file that is missing, of another format, or unreadable is rebuilt,
// and one behind the index is refreshed like any other build (see
// refreshSuggestions).
const (
	suggestFile   = "suggest.json"
	suggestFormat = "baosou-suggest-1"
)

type suggestSaved struct {
	Format string    `json:"format"`
	Seq    uint64    `json:"seq"`
	Built  time.Time `json:"built"`
	Words  []string  `json:"words"`
	Counts []uint32  `json:"counts"`
}

// saveSuggestions writes w beside the index, replacing the last.
func (x *Index) saveSuggestions(w *suggestWords) error {
	raw, err := json.Marshal(suggestSaved{Format: suggestFormat, Seq: w.seq, Built: w.built, Words: w.text, Counts: w.count})
	if err != nil {
		return err
	}
	return durable.WriteFile(filepath.Join(x.dir, suggestFile), raw, 0o644)
}

// savedSuggestions serves the words the last build kept, unless words
// are served already, and returns them; nil when there are none to use.
func (x *Index) savedSuggestions() *suggestWords {
	w, err := x.loadSuggestions()
	if err != nil {
		x.log.Warn("suggestion words of the last build unread; they are built again", "err", err)
		return nil
	}
	if w == nil || !x.sugg.cur.CompareAndSwap(nil, w) {
		return nil
	}
	return w
}

// loadSuggestions reads the words saved by the last build, or returns nil
// when there are none to use.
func (x *Index) loadSuggestions() (*suggestWords, error) {
	path := filepath.Join(x.dir, suggestFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s suggestSaved
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if s.Format != suggestFormat || len(s.Words) != len(s.Counts) {
		return nil, fmt.Errorf("read %s: format %q with %d words and %d counts, want %s", path, s.Format, len(s.Words), len(s.Counts), suggestFormat)
	}
	counts := make(map[string]uint32, len(s.Words))
	for i, t := range s.Words {
		counts[t] = s.Counts[i]
	}
	w := newSuggestWords(counts)
	w.seq, w.built = s.Seq, s.Built
	return w, nil
}
