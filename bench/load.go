package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// RequestTimeout bounds one search request of a load run.
const RequestTimeout = 30 * time.Second

type status int

const (
	statusOK status = iota
	statusError
	statusTimeout
)

// outcome is one request of a load run.
type outcome struct {
	Status status
	Took   time.Duration
	Total  int64 // the response's "total", -1 when not found
}

// client sends search requests to one engine over keep-alive HTTP.
type client struct {
	base string
	http *http.Client
}

func newClient(base string, conns int) *client {
	tr := &http.Transport{
		Proxy:               nil, // loopback: never a proxy from the environment
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns * 2,
		MaxIdleConnsPerHost: conns * 2, // one kept-alive connection per client
		IdleConnTimeout:     90 * time.Second,
	}
	return &client{base: base, http: &http.Client{Transport: tr, Timeout: RequestTimeout}}
}

func (c *client) close() { c.http.CloseIdleConnections() }

// searchURL is the search request of q, in Baosou's API (the peer serves
// the same one). noFacets adds facets=0, which tells Baosou to leave the
// facets out of the answer.
func (c *client) searchURL(q Query, noFacets bool) string {
	v := url.Values{}
	v.Set("q", q.Q)
	for k, s := range map[string]string{"from": q.From, "to": q.To, "section": q.Section, "region": q.Region} {
		if s != "" {
			v.Set(k, s)
		}
	}
	v.Set("size", "10")
	if noFacets {
		v.Set("facets", "0")
	}
	return c.base + "/api/search?" + v.Encode()
}

// SuggestSize is how many suggestions a suggest request asks for.
const SuggestSize = 8

// suggestURL is the suggest request for what the user has typed so far.
func (c *client) suggestURL(typed string) string {
	v := url.Values{}
	v.Set("q", typed)
	v.Set("size", fmt.Sprint(SuggestSize))
	return c.base + "/api/suggest?" + v.Encode()
}

// search sends one query, with Baosou's default answer, and reads all of it.
func (c *client) search(ctx context.Context, q Query) outcome {
	return c.get(ctx, c.searchURL(q, false), totalOf)
}

// get sends one request and reads the whole answer, as a browser would;
// hits finds the number of hits (search) or suggestions in a 200 answer.
func (c *client) get(ctx context.Context, u string, hits func([]byte) int64) outcome {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return outcome{Status: statusError, Total: -1}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return outcome{Status: errStatus(err), Took: time.Since(start), Total: -1}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return outcome{Status: errStatus(err), Took: took, Total: -1}
	}
	if resp.StatusCode != http.StatusOK {
		return outcome{Status: statusError, Took: took, Total: -1}
	}
	return outcome{Status: statusOK, Took: took, Total: hits(body)}
}

func errStatus(err error) status {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return statusTimeout
	}
	return statusError
}

// totalOf finds "total": N in a search answer without decoding all of it:
// the client shares the machine with the server under test.
func totalOf(body []byte) int64 {
	i := bytes.Index(body, []byte(`"total":`))
	if i < 0 {
		return -1
	}
	rest := bytes.TrimLeft(body[i+len(`"total":`):], " ")
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	n, err := strconv.ParseInt(string(rest[:j]), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// countSuggestions is the length of "suggestions" in a suggest answer, -1
// when the answer is not one (a suggest answer is small: decode it).
func countSuggestions(body []byte) int64 {
	var a struct {
		Suggestions *[]json.RawMessage `json:"suggestions"`
	}
	if json.Unmarshal(body, &a) != nil || a.Suggestions == nil {
		return -1
	}
	return int64(len(*a.Suggestions))
}

// request is one request of a load run: its URL and how to count the hits
// of its answer.
type request struct {
	url  string
	hits func([]byte) int64
}

// runLoad sends reqs with the given number of concurrent clients, each
// taking the next request in order, and returns each request's outcome (by
// index) and the wall time of the whole run.
func (c *client) runLoad(ctx context.Context, reqs []request, clients int) ([]outcome, time.Duration, error) {
	out := make([]outcome, len(reqs))
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := range next {
				out[i] = c.get(ctx, reqs[i].url, reqs[i].hits)
			}
		})
	}
	var err error
feed:
	for i := range reqs {
		select {
		case next <- i:
		case <-ctx.Done():
			err = fmt.Errorf("load run stopped: %w", ctx.Err())
			break feed
		}
	}
	close(next)
	wg.Wait()
	return out, time.Since(start), err
}
