package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/baosou/baosou/ingest"
	"github.com/baosou/baosou/search"
)

// client talks to the server that holds a data directory.
type client struct {
	info serveInfo
	http *http.Client
}

func newClient(info serveInfo) *client {
	// No overall timeout: an ingest or a backup streams for as long as it
	// takes; the context bounds it.
	return &client{info: info, http: &http.Client{}}
}

func (c *client) do(ctx context.Context, method, path string, body io.Reader, contentType string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, "http://"+c.info.Addr+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.info.Token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the server at %s: %w", c.info.Addr, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		var e struct {
			Error string `json:"error"`
		}
		json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&e)
		return nil, fmt.Errorf("the server at %s answered %s: %s", c.info.Addr, resp.Status, e.Error)
	}
	return resp, nil
}

func (c *client) decode(ctx context.Context, method, path string, body io.Reader, contentType string, v any) error {
	resp, err := c.do(ctx, method, path, body, contentType)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("the server at %s: read its answer: %w", c.info.Addr, err)
	}
	return nil
}

// ingestFile streams one input file to the server, which reads it as
// `baosou ingest` would; problems come back naming the file by its base
// name and are given its path again here.
func (c *client) ingestFile(ctx context.Context, path string, r io.Reader) (ingest.Summary, error) {
	var sum ingest.Summary
	name := filepath.Base(path)
	err := c.decode(ctx, http.MethodPost, "/api/articles?file="+url.QueryEscape(name), r, "application/octet-stream", &sum)
	for i := range sum.Problems {
		if sum.Problems[i].File == name {
			sum.Problems[i].File = path
		}
	}
	return sum, err
}

func (c *client) rebuild(ctx context.Context) (uint64, error) {
	var body struct {
		Articles uint64 `json:"articles"`
	}
	err := c.decode(ctx, http.MethodPost, "/api/admin/rebuild", nil, "", &body)
	return body.Articles, err
}

func (c *client) delete(ctx context.Context, ids []string) (int, error) {
	raw, err := json.Marshal(map[string][]string{"ids": ids})
	if err != nil {
		return 0, err
	}
	var body struct {
		Removed int `json:"removed"`
	}
	err = c.decode(ctx, http.MethodPost, "/api/admin/delete", bytes.NewReader(raw), "application/json", &body)
	return body.Removed, err
}

func (c *client) backup(ctx context.Context, w io.Writer) error {
	resp, err := c.do(ctx, http.MethodGet, "/api/admin/backup", nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("backup from the server at %s: %w", c.info.Addr, err)
	}
	return nil
}

func (c *client) search(ctx context.Context, req search.Request) (*search.Result, error) {
	q := url.Values{}
	for k, v := range map[string]string{"q": req.Query, "from": req.From, "to": req.To, "sort": req.Sort} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for k, vs := range map[string][]string{"section": req.Sections, "region": req.Regions, "newspaper": req.Newspapers, "author": req.Authors} {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	q.Set("facets", strconv.FormatBool(req.Facets))
	if req.Substr {
		q.Set("substr", "1")
	}
	if req.CountSubstr {
		q.Set("substr_count", "1")
	}
	if req.Page > 0 {
		q.Set("page", strconv.Itoa(req.Page))
	}
	if req.Size > 0 {
		q.Set("size", strconv.Itoa(req.Size))
	}
	var res search.Result
	if err := c.decode(ctx, http.MethodGet, "/api/search?"+q.Encode(), nil, "", &res); err != nil {
		return nil, err
	}
	return &res, nil
}
