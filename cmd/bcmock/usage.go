package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// commands are bcmock's commands, for "did you mean".
var commands = []string{"serve", "run", "validate", "trigger", "probe", "healthcheck", "version", "help"}

// flagAliases maps flag names users try from other tools to bcmock's.
var flagAliases = map[string]string{"port": "addr", "listen": "addr", "host": "addr", "address": "addr"}

// parseFlags parses args, which must be flags only, into fs. It returns
// an exit code when parsing ended the command (help: 0, the usage on
// stdout; a usage error: 2, see usageError) and -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	fs.SetOutput(io.Discard) // the flag package's own messages; bcmock writes its own, once
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	case err != nil:
		return usageError(fs, stderr, flagProblem(fs, err))
	case fs.NArg() > 0:
		return usageError(fs, stderr, "unexpected arguments: "+strings.Join(fs.Args(), " "))
	}
	return -1
}

// usageError writes "bcmock COMMAND: problem" and the command's usage to
// stderr, and returns the exit code of a usage error.
func usageError(fs *flag.FlagSet, stderr io.Writer, problem string) int {
	fmt.Fprintf(stderr, "bcmock %s: %s\n\n", fs.Name(), problem)
	fs.SetOutput(stderr)
	fs.Usage()
	return exitUsage
}

// flagProblem words an error of fs.Parse for people: flags with the two
// dashes the usage shows, and for an unknown flag the one meant.
func flagProblem(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, unknown := strings.CutPrefix(msg, "flag provided but not defined: -"); unknown {
		problem := "unknown flag --" + name
		if s := suggestFlag(fs, name); s != "" {
			problem += " (did you mean --" + s + "?)"
		}
		return problem
	}
	msg = strings.Replace(msg, "flag -", "flag --", 1)            // invalid value "x" for flag -seed: …
	return strings.Replace(msg, "argument: -", "argument: --", 1) // flag needs an argument: -addr
}

// suggestFlag returns the flag of fs that name most likely meant: a known
// alias (--port for --addr), else the nearest by spelling, or "".
func suggestFlag(fs *flag.FlagSet, name string) string {
	if alias, ok := flagAliases[name]; ok && fs.Lookup(alias) != nil {
		return alias
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return nearest(name, names)
}

// nearest returns the candidate closest to typed in spelling, if it is
// close enough to be a typo (at most a third of its length, and at least
// one edit), or "".
func nearest(typed string, candidates []string) string {
	best, bestDist := "", max(1, len(typed)/3)+1
	for _, c := range candidates {
		if d := bigcommerce.EditDistance(typed, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// unknownCommand words an unknown command, with the one meant.
func unknownCommand(name string) string {
	msg := fmt.Sprintf("unknown command %q", name)
	if s := nearest(name, commands); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return msg
}

// checkAddr refuses a listen or dial address that is not host:port with a
// port number, a usage error rather than one of the network.
func checkAddr(flagName, addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err == nil {
		if n, perr := strconv.Atoi(port); perr != nil || n < 0 || n > 65535 {
			err = fmt.Errorf("port %q is not a number from 0 to 65535", port)
		}
	}
	if err != nil {
		var ae *net.AddrError
		if errors.As(err, &ae) {
			err = errors.New(ae.Err)
		}
		return fmt.Errorf("--%s %q: want host:port, such as 127.0.0.1:8080 or :8080 (%v)", flagName, addr, err)
	}
	return nil
}
