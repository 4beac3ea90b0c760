package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/region"
)

// runParse prints what ingesting paths would store, as JSON Lines, without
// opening the data directory. Problems go to stderr as JSON Lines too; any
// problem makes the command fail at the end (at once with --strict).
func runParse(ctx context.Context, cfg config, paths []string, out, errw io.Writer) error {
	gaz, err := region.Default()
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	errEnc := json.NewEncoder(errw)
	errEnc.SetEscapeHTML(false)
	problems := 0
	rd := &ingest.Reader{Tagger: gaz, Problem: func(p ingest.Problem) error {
		problems++
		errEnc.Encode(p)
		if cfg.Strict {
			return fmt.Errorf("%s", p)
		}
		return nil
	}}
	if err := rd.Read(ctx, paths, func(it ingest.Item) error { return enc.Encode(it) }); err != nil {
		return err
	}
	if problems > 0 {
		return fmt.Errorf("%d inputs rejected (see above)", problems)
	}
	return nil
}
