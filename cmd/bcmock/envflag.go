package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// envFlags defines flags whose default comes from an environment variable,
// so that every setting has both (flag wins over env, env over default).
// A malformed environment value is remembered and reported by Err.
type envFlags struct {
	fs      *flag.FlagSet
	getenv  func(string) string
	errs    []error
	fromEnv map[string]bool // flags whose variable is set
}

// usage words a flag's help with its variable, and notes whether the
// variable is set, for Explicit.
func (e *envFlags) usage(name, env, text string) string {
	if e.getenv(env) != "" {
		if e.fromEnv == nil {
			e.fromEnv = map[string]bool{}
		}
		e.fromEnv[name] = true
	}
	return fmt.Sprintf("%s (env %s)", text, env)
}

// Explicit returns the names of the flags that were set, on the command
// line or through their variable; call it after parsing.
func (e *envFlags) Explicit() map[string]bool {
	out := map[string]bool{}
	for name := range e.fromEnv {
		out[name] = true
	}
	e.fs.Visit(func(f *flag.Flag) { out[f.Name] = true })
	return out
}

// String defines a string flag.
func (e *envFlags) String(name, env, def, text string) *string {
	if v := e.getenv(env); v != "" {
		def = v
	}
	return e.fs.String(name, def, e.usage(name, env, text))
}

// Bool defines a boolean flag.
func (e *envFlags) Bool(name, env string, def bool, text string) *bool {
	if v := e.getenv(env); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			e.errs = append(e.errs, fmt.Errorf("%s=%q: want true or false", env, v))
		} else {
			def = b
		}
	}
	return e.fs.Bool(name, def, e.usage(name, env, text))
}

// Duration defines a duration flag read by bigcommerce.ParseDuration, the
// rule scenario files follow too: a unit on every number ("10s", "2m";
// "0" alone needs none), so "5" is refused with a hint rather than taken
// as 5 s or 5 ns.
func (e *envFlags) Duration(name, env string, def time.Duration, text string) *time.Duration {
	if v := e.getenv(env); v != "" {
		d, err := bigcommerce.ParseDuration(v)
		if err != nil {
			e.errs = append(e.errs, fmt.Errorf("%s=%q: %w", env, v, err))
		} else {
			def = d
		}
	}
	p := &def
	e.fs.Var((*durationValue)(p), name, e.usage(name, env, text+", as a `duration`"))
	return p
}

// durationValue is a flag.Value read by bigcommerce.ParseDuration.
type durationValue time.Duration

func (d *durationValue) String() string { return (*time.Duration)(d).String() }

func (d *durationValue) Set(s string) error {
	v, err := bigcommerce.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = durationValue(v)
	return nil
}

// Err reports every malformed environment value.
func (e *envFlags) Err() error { return errors.Join(e.errs...) }

// Int defines an integer flag.
func (e *envFlags) Int(name, env string, def int, text string) *int {
	if v := e.getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			e.errs = append(e.errs, fmt.Errorf("%s=%q: want a whole number", env, v))
		} else {
			def = n
		}
	}
	return e.fs.Int(name, def, e.usage(name, env, text))
}

// Int64 defines a 64-bit integer flag.
func (e *envFlags) Int64(name, env string, def int64, text string) *int64 {
	if v := e.getenv(env); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			e.errs = append(e.errs, fmt.Errorf("%s=%q: want a whole number", env, v))
		} else {
			def = n
		}
	}
	return e.fs.Int64(name, def, e.usage(name, env, text))
}

// List defines a repeatable flag whose values may also be given
// comma-separated ("--scope a --scope b,c"); its variable holds a
// comma-separated list. Values from the command line replace the
// variable's, not add to them.
func (e *envFlags) List(name, env string, def []string, text string) *[]string {
	l := &listValue{vals: def, fromDefault: true}
	if v := e.getenv(env); v != "" {
		l.vals = splitList(v)
	}
	e.fs.Var(l, name, e.usage(name, env, text))
	return &l.vals
}

// listValue is a flag.Value collecting repeated, comma-separated values.
type listValue struct {
	vals        []string
	fromDefault bool // vals are the default or the variable's, replaced by the first Set
}

func (l *listValue) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(l.vals, ",")
}

func (l *listValue) Set(s string) error {
	if l.fromDefault {
		l.vals, l.fromDefault = nil, false
	}
	l.vals = append(l.vals, splitList(s)...)
	return nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
