package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
	"github.com/gin-gonic/gin"
)

// defaultInput names a body sent without ?file=: JSON Lines.
const defaultInput = "request.jsonl"

// ingest serves POST /api/articles. The body is JSON Lines, or with
// Content-Type application/json one article object or an array of them,
// or with ?file=NAME any input `baosou ingest` reads, passed on as is.
func (h *handlers) ingest(c *gin.Context) error {
	start := time.Now()
	defer func() { h.metrics.ingest.Observe(time.Since(start).Seconds()) }()
	limit := h.cfg.Options.MaxIngestBytes
	if c.Request.ContentLength > limit {
		return fmt.Errorf("%w: over %d bytes; send the input in parts", ErrTooLarge, limit)
	}
	name, err := inputName(c)
	if err != nil {
		return err
	}
	body := &watchedBody{r: http.MaxBytesReader(c.Writer, c.Request.Body, limit)}
	var src io.Reader = body
	var conv *jsonLines
	if _, named := c.GetQuery("file"); !named && c.ContentType() == "application/json" {
		if conv, err = newJSONLines(body); err != nil {
			return err
		}
		src = conv
	}
	sum, err := h.cfg.Ingester.Ingest(c.Request.Context(), name, src)
	if conv != nil {
		if p := conv.finish(name); p != nil {
			sum.Rejected++
			sum.Problems = append(sum.Problems, *p)
		}
	}
	if body.over {
		// The articles before the limit are stored: saying so lets the
		// client resend only the rest.
		return fmt.Errorf("%w: over %d bytes (%d articles before the limit were stored); send the input in parts", ErrTooLarge, limit, sum.Added+sum.Updated+sum.Merged)
	}
	if err != nil {
		return err
	}
	h.cfg.Log.Info("ingested", "input", name, "added", sum.Added, "updated", sum.Updated, "unchanged", sum.Unchanged, "merged", sum.Merged, "rejected", sum.Rejected)
	c.PureJSON(http.StatusOK, sum)
	return nil
}

// inputName is the base name of ?file= (a client's path says nothing to
// the server), which must be of a type `baosou ingest` reads.
func inputName(c *gin.Context) (string, error) {
	f, ok := c.GetQuery("file")
	if !ok {
		return defaultInput, nil
	}
	name := f[strings.LastIndexAny(f, `/\`)+1:]
	if strings.ContainsFunc(name, unicode.IsControl) {
		return "", &search.ParamError{Param: "file", Reason: "has control characters"}
	}
	lower := strings.ToLower(name)
	records := strings.TrimSuffix(lower, ".gz")
	for _, ext := range []string{".jsonl", ".ndjson"} {
		if strings.HasSuffix(records, ext) {
			return name, nil
		}
	}
	for _, ext := range []string{".txt", ".html", ".htm"} {
		if strings.HasSuffix(lower, ext) {
			return name, nil
		}
	}
	return "", &search.ParamError{Param: "file", Reason: "want a name ending .jsonl or .ndjson (optionally .gz), or an e-paper page .txt, .html or .htm"}
}

// watchedBody notes whether the body ran over its limit: an Ingester may
// report a read error as a problem of the input rather than return it, and
// the client must still hear 413.
type watchedBody struct {
	r    io.Reader
	over bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && tooLarge(err) {
		b.over = true
	}
	return n, err
}

// jsonLines streams a JSON body (one object, or an array) as JSON Lines,
// one line per element, so the Ingester's line numbers are element
// numbers. A syntax error midway ends the lines there: the elements before
// it are ingested, and the error becomes a problem of the summary.
type jsonLines struct {
	*io.PipeReader
	done chan struct{}
	line int   // the element being converted (1-based)
	err  error // why conversion stopped early
}

var errNotArticles = &search.ParamError{Param: "body", Reason: "want a JSON article object or an array of them"}

func newJSONLines(r io.Reader) (*jsonLines, error) {
	br := bufio.NewReader(r)
	var first byte
	for {
		b, err := br.ReadByte()
		if err != nil {
			if tooLarge(err) {
				return nil, err
			}
			return nil, errNotArticles
		}
		if !unicode.IsSpace(rune(b)) {
			first = b
			br.UnreadByte()
			break
		}
	}
	if first != '[' && first != '{' {
		return nil, errNotArticles
	}
	pr, pw := io.Pipe()
	j := &jsonLines{PipeReader: pr, done: make(chan struct{})}
	go func() {
		defer close(j.done)
		j.err = j.convert(json.NewDecoder(br), first == '[', pw)
		pw.Close() // a clean end either way: finish reports j.err
	}()
	return j, nil
}

// errReaderGone: the Ingester stopped reading; not a problem of the input.
var errReaderGone = errors.New("ingester stopped reading")

func (j *jsonLines) convert(dec *json.Decoder, array bool, w io.Writer) error {
	if array {
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	var line bytes.Buffer
	for j.line = 1; (array && dec.More()) || (!array && j.line == 1); j.line++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		line.Reset()
		if err := json.Compact(&line, raw); err != nil {
			return err
		}
		line.WriteByte('\n')
		if _, err := w.Write(line.Bytes()); err != nil {
			return errReaderGone
		}
	}
	if array {
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more JSON after the articles")
	}
	return nil
}

// finish waits for the conversion and returns its problem, if any.
func (j *jsonLines) finish(name string) *ingest.Problem {
	j.CloseWithError(errReaderGone) // unblock a writer the Ingester left
	<-j.done
	if j.err == nil || j.err == errReaderGone || tooLarge(j.err) {
		return nil
	}
	return &ingest.Problem{File: name, Line: j.line, Err: "invalid JSON: " + j.err.Error()}
}
