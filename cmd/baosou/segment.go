package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/baosou/baosou/archive"
	"github.com/baosou/baosou/index"
	"github.com/baosou/baosou/search"
	"github.com/baosou/baosou/segment"
)

// runSegment cuts each line of r exactly as the index and queries do.
func runSegment(cfg config, r io.Reader, out io.Writer) error {
	mode, err := segment.ParseMode(cfg.SegmentMode)
	if err != nil {
		return usageErr("--mode: %v", err)
	}
	user, err := archive.ReadUserDict(cfg.Data)
	if err != nil {
		return err
	}
	seg, err := index.Segmenter(user)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	defer w.Flush()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for line := 1; sc.Scan(); line++ {
		toks := seg.Tokenize(sc.Text(), mode)
		if mode == segment.ModeQuery {
			// Every character, punctuation as tokens of its own, so the
			// output lines up with the input (and with SIGHAN gold files).
			toks = segment.Cover(sc.Text(), toks)
		}
		if cfg.JSON {
			out := make([]search.Token, len(toks))
			for i, t := range toks {
				out[i] = search.Token{Term: t.Term, Text: sc.Text()[t.Start:t.End], Start: t.Start, End: t.End, Position: t.Position}
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
			continue
		}
		terms := make([]string, len(toks))
		for i, t := range toks {
			terms[i] = sc.Text()[t.Start:t.End]
		}
		fmt.Fprintln(w, strings.Join(terms, "  "))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("segment: read stdin: %w", err)
	}
	return nil
}
