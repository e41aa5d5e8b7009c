package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/openapi"
)

const defaultAddr = "127.0.0.1:8080"

// serveConfig is what the serve flags and environment say.
type serveConfig struct {
	addr              *string
	accounts          *string
	spec              *string
	strict            *bool
	validateResponses *bool
	logFormat         *string
	logLevel          *string
	shutdownTimeout   *time.Duration
}

// parseServe reads the serve flags; a non-negative code ends the command.
func parseServe(args []string, getenv func(string) string, stdout, stderr io.Writer) (serveConfig, int) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	c := serveConfig{
		addr:              env.String("addr", "BCMOCK_ADDR", defaultAddr, "listen address host:port (use :8080 for every interface)"),
		accounts:          env.String("accounts", "BCMOCK_ACCOUNTS", "", "accounts file (YAML): only its tokens are accepted; default: any token is its own account"),
		spec:              env.String("spec", "BCMOCK_SPEC", "", "OpenAPI 3 document to validate v3 requests with instead of the embedded one"),
		strict:            env.Bool("strict-destinations", "BCMOCK_STRICT_DESTINATIONS", false, "refuse destinations BigCommerce refuses (anything but https on port 443) with 422"),
		validateResponses: env.Bool("validate-responses", "BCMOCK_VALIDATE_RESPONSES", false, "check every response against the OpenAPI documents; a violation is logged and answered 500"),
		logFormat:         env.String("log-format", "BCMOCK_LOG_FORMAT", "text", "log format: text or json"),
		logLevel:          env.String("log-level", "BCMOCK_LOG_LEVEL", "info", "log level: debug, info, warn or error"),
		shutdownTimeout:   env.Duration("shutdown-timeout", "BCMOCK_SHUTDOWN_TIMEOUT", 10*time.Second, "how long SIGINT/SIGTERM waits for requests in flight"),
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: bcmock serve [flags]\n\nRuns the mock. Every flag can also be set by its environment variable.\n\n")
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stdout, stderr); code >= 0 {
		return c, code
	}
	if err := env.Err(); err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return c, exitUsage
	}
	return c, -1
}

func newLogger(format, level string, w io.Writer) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// serverOptions turns the configuration into mock options, loading files.
func (c serveConfig) serverOptions(logger *slog.Logger) ([]mock.Option, error) {
	opts := []mock.Option{mock.WithLogger(logger), mock.WithVersion(buildVersion())}
	if *c.accounts != "" {
		accounts, err := account.LoadFile(*c.accounts)
		if err != nil {
			return nil, err
		}
		opts = append(opts, mock.WithAccounts(accounts...))
	}
	if *c.spec != "" {
		doc, err := openapi.LoadFile(*c.spec)
		if err != nil {
			return nil, err
		}
		opts = append(opts, mock.WithSpec(doc))
	}
	if *c.strict {
		opts = append(opts, mock.WithStrictDestinations())
	}
	if *c.validateResponses {
		opts = append(opts, mock.WithResponseValidation())
	}
	return opts, nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, code := parseServe(args, getenv, stdout, stderr)
	if code >= 0 {
		return code
	}
	logger, err := newLogger(*cfg.logFormat, *cfg.logLevel, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	opts, err := cfg.serverOptions(logger)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	srv, err := mock.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *cfg.addr)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serve(ctx, ln, srv, logger, *cfg.shutdownTimeout)
}

// serve runs the HTTP server on ln until ctx ends, then shuts it down
// gracefully within timeout.
func serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger, timeout time.Duration) int {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	base := "http://" + dialAddr(ln.Addr().String())
	logger.Info("bcmock listening", "version", buildVersion(), "url", base,
		"api", base+"/stores/{store_hash}/v3", "control", base+"/__bcmock")
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		logger.Error("server stopped", "err", err)
		return exitError
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("shutdown incomplete", "err", err)
		return exitError
	}
	logger.Info("stopped")
	return exitOK
}
