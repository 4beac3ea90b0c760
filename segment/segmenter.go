package segment

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// codeVersion changes whenever a change in this package can change the
// tokens of some text. Version() combines it with a hash of every
// dictionary byte, so an index built by another analyzer is detected.
const codeVersion = "seg4"

// defaultFreq is the frequency of a dictionary word listed without one.
// It is high enough (about as frequent as 长春) for a listed word to win
// over splitting it into two common words, and low enough not to swallow
// the words around it.
const defaultFreq = 1000

// Mode chooses how finely Tokenize cuts.
type Mode int

const (
	// ModeQuery is precise, non-overlapping segmentation: what queries use
	// and what `baosou segment` prints.
	ModeQuery Mode = iota
	// ModeIndex adds, after each long word, the sub-words it is made of
	// (长春市 → 长春市, 长春, 市; 人民政府 → 人民政府, 人民, 政府), never a
	// word across an internal boundary (no 民政 in 人民政府).
	ModeIndex
)

// String names the mode as the HTTP API and CLI spell it.
func (m Mode) String() string {
	switch m {
	case ModeQuery:
		return "query"
	case ModeIndex:
		return "index"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// ParseMode is the inverse of Mode.String.
func ParseMode(s string) (Mode, error) {
	switch s {
	case "query":
		return ModeQuery, nil
	case "index":
		return ModeIndex, nil
	}
	return 0, fmt.Errorf("segment mode %q: want query or index", s)
}

// Token is one term with where it came from.
type Token struct {
	Term     string // folded term: lowercase, half-width, Traditional folded to Simplified
	Start    int    // byte offset in the original text of the token's first byte
	End      int    // byte offset in the original text just past its last byte
	Position int    // 1-based: rune index in the original text of the first character, plus 1
}

// Config configures New.
type Config struct {
	// Dicts are extra dictionaries in gse text format, one "word [freq
	// [pos]]" per line; blank lines and lines starting with # are ignored;
	// a word without a frequency gets a default one. Words are folded like
	// text. They take precedence over gse's embedded simplified dictionary,
	// and an earlier reader over a later one for the same word.
	Dicts []io.Reader
	// DictNames optionally names Dicts[i] in error messages.
	DictNames []string
}

// Segmenter tokenizes text. It is read-only after New and safe for
// concurrent use; to change dictionaries build a new one and swap it in.
type Segmenter struct {
	gse     *gse.Segmenter // its dictionary; path costs not computed (see New)
	version string
	noRules bool            // tests only: gse's words without our refinements
	ours    map[string]bool // words of Config.Dicts, folded; refine keeps them whole
	paths   *shortestPaths  // gse's segmentation, faster
	scratch sync.Pool       // of *scratch: Tokenize's reusable memory
}

type dictEntry struct {
	word string
	freq float64
	pos  string
}

// New loads gse's embedded simplified dictionary after the extra
// dictionaries. Loading takes most of a second; do it once.
func New(cfg Config) (*Segmenter, error) {
	dicts, version, err := readDicts(cfg)
	if err != nil {
		return nil, err
	}
	var entries []dictEntry
	for _, d := range dicts {
		e, err := parseDict(d.name, d.data)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e...)
	}

	g := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	g.Dict = gse.NewDict()
	// gse appends every word to Tokens: sized once, the 350k entries are
	// not copied again and again as the slice grows (a third of the load).
	g.Dict.Tokens = make([]gse.Token, 0, gseDictWords+len(entries))
	g.Init()
	// gse keeps the first entry of a word, so ours go in before its own
	// dictionary. gse's path costs and sub-words are never computed in g:
	// shortestPaths computes them when needed, so g.Segment and g.Cut
	// must not be used.
	ours := make(map[string]bool, len(entries))
	for _, e := range entries {
		ours[e.word] = true
		if err := g.AddToken(e.word, e.freq, e.pos); err != nil {
			return nil, fmt.Errorf("add dictionary word %q: %w", e.word, err)
		}
	}
	if err := loadGseDict(g, gseZhS); err != nil {
		return nil, fmt.Errorf("load gse simplified dictionary: %w", err)
	}
	return &Segmenter{
		gse:     g,
		ours:    ours,
		paths:   newShortestPaths(g),
		version: version,
	}, nil
}

type namedDict struct {
	name string
	data []byte
}

// readDicts reads cfg's dictionaries and computes the Version a Segmenter
// of them has: the code version and a hash of every dictionary byte.
func readDicts(cfg Config) ([]namedDict, string, error) {
	h := sha256.New()
	h.Write([]byte(codeVersion + "\x00" + gse.Version + "\x00" + t2sData))
	dicts := make([]namedDict, 0, len(cfg.Dicts))
	for i, r := range cfg.Dicts {
		name := fmt.Sprintf("dictionary %d", i)
		if i < len(cfg.DictNames) && cfg.DictNames[i] != "" {
			name = cfg.DictNames[i]
		}
		if r == nil {
			return nil, "", fmt.Errorf("load %s: nil reader", name)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, "", fmt.Errorf("read %s: %w", name, err)
		}
		fmt.Fprintf(h, "\x00%d\x00", len(data))
		h.Write(data)
		dicts = append(dicts, namedDict{name, data})
	}
	sum := h.Sum(nil)
	return dicts, codeVersion + "-" + hex.EncodeToString(sum[:6]), nil
}

// Version identifies the analyzer: code version plus a short hash of all
// dictionary bytes. An index built under another Version must be rebuilt.
func (s *Segmenter) Version() string { return s.version }

// parseDict reads "word [freq [pos]]" lines.
func parseDict(name string, data []byte) ([]dictEntry, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("load %s: not valid UTF-8", name)
	}
	var out []dictEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) > 3 {
			return nil, fmt.Errorf("load %s line %d: want \"word [freq [pos]]\", got %d fields", name, line, len(fields))
		}
		e := dictEntry{word: foldString(fields[0]), freq: defaultFreq}
		if len(fields) > 1 {
			f, err := strconv.ParseFloat(fields[1], 64)
			if err != nil || !(f >= 1) || f > 1e9 {
				return nil, fmt.Errorf("load %s line %d: frequency %q: want a number from 1 to 1e9", name, line, fields[1])
			}
			e.freq = f
		}
		if len(fields) > 2 {
			e.pos = fields[2]
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	return out, nil
}

func foldString(s string) string {
	f := foldInto(nil, s)
	return string(f.text)
}
