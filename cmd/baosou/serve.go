package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/baosou/baosou/service"
)

func runServe(ctx context.Context, cfg config, logw io.Writer) error {
	sc, err := serviceConfig(cfg, logw, slog.LevelInfo)
	if err != nil {
		return err
	}
	sc.Progress = nil // a server's output is its log
	if err := cfg.HTTP.Validate(); err != nil {
		return usageErr("%v", err)
	}
	return service.Serve(ctx, service.ServeConfig{Config: sc, Addr: cfg.Addr, AdminAddr: cfg.AdminAddr, HTTP: cfg.HTTP, Out: logw})
}
