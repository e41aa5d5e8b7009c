package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usage = `bcmock: a contract-testing mock of BigCommerce's webhooks API.

Usage:
  bcmock serve [flags]                  run the mock (embedded defaults; no config needed);
                                        --scenario FILE sets it up from a scenario file
  bcmock run [flags] FILE...            run scenario files, each in a mock of its own
  bcmock validate FILE...               check scenario files without running them
  bcmock trigger [flags] SCOPE          raise one store event on a running mock
  bcmock probe --url URL [flags]        contract-test your app's webhook endpoint
  bcmock healthcheck [flags]            exit 0 when a running mock answers /__bcmock/health
  bcmock version                        print the version
  bcmock help                           print this help

Run "bcmock COMMAND --help" for a command's flags and their environment variables.

Exit status: 0 success; 1 a scenario or a probe check failed, or the mock
could not be reached; 2 a usage error or an invalid scenario file.
`

// run is the whole command: it parses args and env and returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], getenv, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, args[1:], getenv, stdout, stderr)
	case "run":
		return runScenarios(ctx, args[1:], getenv, stdout, stderr)
	case "validate":
		return runValidate(ctx, args[1:], getenv, stdout, stderr)
	case "trigger":
		return runTrigger(ctx, args[1:], getenv, stdout, stderr)
	case "probe":
		return runProbe(ctx, args[1:], getenv, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "bcmock", buildVersion())
		return exitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "bcmock: %s\n\n%s", unknownCommand(args[0]), usage)
		return exitUsage
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func runHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	addr := env.String("addr", "BCMOCK_ADDR", defaultAddr, "address of the mock to check (host:port)")
	timeout := env.Duration("timeout", "BCMOCK_HEALTHCHECK_TIMEOUT", 2*time.Second, "how long to wait for an answer")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock healthcheck [flags]

Asks a running mock for GET /__bcmock/health, as a container's HEALTHCHECK
does. Every flag can also be set by its environment variable.

Exit status: 0 the mock answered 200, 1 it did not answer or answered
otherwise, 2 a usage error.

Flags:
`)
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stdout, stderr); code >= 0 {
		return code
	}
	if err := errors.Join(env.Err(), checkAddr("addr", *addr)); err != nil {
		fmt.Fprintln(stderr, "bcmock healthcheck:", err)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := "http://" + dialAddr(*addr) + "/__bcmock/health"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock healthcheck:", err)
		return exitUsage
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock healthcheck:", err)
		return exitError
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "bcmock healthcheck: %s answered %s\n", url, resp.Status)
		return exitError
	}
	fmt.Fprintln(stdout, "ok")
	return exitOK
}

// dialAddr turns a listen address into one to dial: ":8080" and
// "0.0.0.0:8080" become "127.0.0.1:8080".
func dialAddr(addr string) string {
	switch {
	case strings.HasPrefix(addr, ":"):
		return "127.0.0.1" + addr
	case strings.HasPrefix(addr, "0.0.0.0:"):
		return "127.0.0.1" + strings.TrimPrefix(addr, "0.0.0.0")
	case strings.HasPrefix(addr, "[::]:"):
		return "127.0.0.1" + strings.TrimPrefix(addr, "[::]")
	}
	return addr
}
