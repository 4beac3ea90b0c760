package ctxio

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var got bytes.Buffer
	if _, err := io.Copy(Writer(ctx, &got), Reader(ctx, strings.NewReader("报搜"))); err != nil || got.String() != "报搜" {
		t.Fatalf("before cancel: %q %v", got.String(), err)
	}
	cancel()
	if _, err := Reader(ctx, strings.NewReader("x")).Read(make([]byte, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("read after cancel: %v", err)
	}
	if _, err := Writer(ctx, &got).Write([]byte("x")); !errors.Is(err, context.Canceled) || got.String() != "报搜" {
		t.Errorf("write after cancel: %v, buffer %q", err, got.String())
	}
}
