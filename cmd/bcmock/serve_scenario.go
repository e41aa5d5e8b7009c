package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// runServeScenario is "bcmock serve --scenario FILE": runner.Server does
// the work; this wires it to the flags, the listener and the file's
// polling.
func runServeScenario(ctx context.Context, cfg serveConfig, logger *slog.Logger, stderr io.Writer) int {
	path := *cfg.scenario
	mockFor := func(s *scenarios.Scenario) ([]mock.Option, error) { return cfg.mockOptions(logger, s) }
	front, err := runner.NewServer(path, runner.WithLogger(logger), runner.WithMockOptionsFunc(mockFor))
	var problems scenarios.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintln(stderr, p.String())
		}
		fmt.Fprintf(stderr, "bcmock serve: %s is invalid (%s)\n", path, plural(len(problems), "problem"))
		return exitUsage
	case err != nil:
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	ln, tlsLn, err := cfg.listen()
	if err != nil {
		_ = front.Close()
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	started := func(base string) error {
		if err := front.Start(ctx, base); err != nil {
			return err
		}
		if poll := *cfg.scenarioPoll; poll > 0 {
			go watch(ctx, front, poll)
		}
		return nil
	}
	serving := cfg.serving()
	serving.tls = tlsLn
	return serve(ctx, ln, front, logger, serving, started)
}

// watch has front look at its file every poll until ctx ends.
func watch(ctx context.Context, front *runner.Server, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	front.Watch(ctx, t.C)
}
