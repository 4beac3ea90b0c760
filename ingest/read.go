package ingest

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/baosou/baosou/article"
	"github.com/baosou/baosou/epaper"
)

// Item is one thing read from an input: an article ready to store, or a
// layout page (which lists an issue's pages and headlines, and holds no
// article).
type Item struct {
	File    string           `json:"file"`
	Line    int              `json:"line,omitempty"` // of a JSON Lines record
	Article *article.Article `json:"article,omitempty"`
	Layout  *epaper.Layout   `json:"layout,omitempty"`
}

// Reader reads input files into items, the same way for `ingest` and for
// the dry run `parse`.
type Reader struct {
	Tagger Tagger // nil: no region tags
	// Problem is called for each rejected line or file; a non-nil return
	// stops the read (strict mode).
	Problem func(Problem) error
	// Files counts the files read so far.
	Files int
	// Progress, when not nil, is called as the input is read with the
	// bytes read so far and the bytes of all files to read (a compressed
	// file counts its compressed bytes): one file of a million articles
	// shows how far it got, not only many small files.
	Progress func(done, total int64)

	doneBytes, totalBytes int64
}

// MaxPageBytes bounds one e-paper page file.
const MaxPageBytes = epaper.MaxSize

// MaxArticleBytes bounds the text of one article (see article.CheckLimits,
// which the Reader applies to every article before it reaches the store).
const MaxArticleBytes = article.MaxTextBytes

// Read calls fn for each item of each path, in order. Folders are walked
// for files of known types.
func (r *Reader) Read(ctx context.Context, paths []string, fn func(Item) error) error {
	files, err := expand(paths)
	if err != nil {
		return err
	}
	var sizes []int64
	sizes, r.totalBytes = Sizes(files)
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		r.Files++
		start := r.doneBytes
		if err := r.file(ctx, f, fn); err != nil {
			return err
		}
		// Whatever of the file was not counted as read (a page is read
		// whole, a bad file not at all) is done now.
		r.advance(start + sizes[i] - r.doneBytes)
	}
	return nil
}

// Sizes returns the size of each file (0 for one that cannot be read) and
// their sum: what progress in bytes counts up to.
func Sizes(files []string) (sizes []int64, total int64) {
	sizes = make([]int64, len(files))
	for i, f := range files {
		if st, err := os.Stat(f); err == nil {
			sizes[i] = st.Size()
			total += st.Size()
		}
	}
	return sizes, total
}

// advance counts n more bytes read and reports them.
func (r *Reader) advance(n int64) {
	if n <= 0 {
		return
	}
	r.doneBytes += n
	if r.Progress != nil {
		r.Progress(r.doneBytes, r.totalBytes)
	}
}

// counted counts the bytes read through it as read (Reader.advance).
type counted struct {
	r  io.Reader
	rd *Reader
}

func (c counted) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.rd.advance(int64(n))
	return n, err
}

func (r *Reader) problem(p Problem) error {
	if r.Problem == nil {
		return nil
	}
	return r.Problem(p)
}

func (r *Reader) file(ctx context.Context, name string, fn func(Item) error) error {
	switch {
	case isJSONL(name):
		return r.jsonl(name, fn)
	case isPage(name):
		return r.page(name, fn)
	}
	return r.problem(Problem{File: name, Err: "unsupported file type (want .jsonl, .ndjson, optionally .gz, or e-paper pages .txt, .html, .htm)"})
}

func (r *Reader) jsonl(name string, fn func(Item) error) error {
	f, err := os.Open(name)
	if err != nil {
		return r.problem(Problem{File: name, Err: err.Error()})
	}
	defer f.Close()
	var src io.Reader = counted{f, r}
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		gz, err := gzip.NewReader(src)
		if err != nil {
			return r.problem(Problem{File: name, Err: "not a gzip file: " + err.Error()})
		}
		defer gz.Close()
		src = gz
	}
	err = readJSONL(name, src, func(line int, a *article.Article) error {
		r.prepare(a, true)
		return fn(Item{File: name, Line: line, Article: a})
	}, func(le *LineError) error {
		return r.problem(Problem{File: le.File, Line: le.Line, Err: le.Err.Error()})
	})
	var re *readError
	if errors.As(err, &re) {
		// An I/O error mid-file (a truncated gzip, say): what was read stays.
		return r.problem(Problem{File: name, Err: re.Error()})
	}
	return err // store or index failure, strict stop or interrupt: fatal
}

func (r *Reader) page(name string, fn func(Item) error) error {
	data, err := readCapped(name, MaxPageBytes)
	if err != nil {
		return r.problem(Problem{File: name, Err: err.Error()})
	}
	res, err := epaper.Parse(filepath.Base(name), data)
	if err != nil {
		return r.problem(Problem{File: name, Err: strings.TrimPrefix(err.Error(), "parse "+filepath.Base(name)+": ")})
	}
	switch {
	case res.Article != nil:
		if err := article.CheckLimits(res.Article); err != nil {
			return r.problem(Problem{File: name, Err: err.Error()})
		}
		r.prepare(res.Article, false)
		return fn(Item{File: name, Article: res.Article})
	case res.Layout != nil:
		return fn(Item{File: name, Layout: res.Layout})
	}
	return r.problem(Problem{File: name, Err: "no article found"})
}

// prepare completes an article read from any source: authors from byline
// patterns when the record named none, and region tags.
func (r *Reader) prepare(a *article.Article, bylines bool) {
	if bylines && len(a.Authors) == 0 {
		// Only the names: the body keeps its byline text as printed.
		a.Authors, _ = epaper.Bylines(a.Body)
	}
	if r.Tagger != nil {
		a.Regions = r.Tagger.Tag(a)
	}
}

func readCapped(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return data, nil
}

func isJSONL(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	return strings.HasSuffix(n, ".jsonl") || strings.HasSuffix(n, ".ndjson")
}

func isPage(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".html", ".htm":
		return true
	}
	return false
}

// expand turns paths into a list of files; folders are walked (in name
// order) and only files of known types are taken from them.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (isJSONL(path) || isPage(path)) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest %s: %w", p, err)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
