package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// envFlags defines flags whose default comes from an environment variable,
// so that every setting has both (flag wins over env, env over default).
// A malformed environment value is remembered and reported by Err.
type envFlags struct {
	fs     *flag.FlagSet
	getenv func(string) string
	errs   []error
}

func (e *envFlags) usage(env, text string) string { return fmt.Sprintf("%s (env %s)", text, env) }

// String defines a string flag.
func (e *envFlags) String(name, env, def, text string) *string {
	if v := e.getenv(env); v != "" {
		def = v
	}
	return e.fs.String(name, def, e.usage(env, text))
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
	return e.fs.Bool(name, def, e.usage(env, text))
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
	e.fs.Var((*durationValue)(p), name, fmt.Sprintf("%s, as a `duration` (env %s)", text, env))
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
	return e.fs.Int(name, def, e.usage(env, text))
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
	return e.fs.Int64(name, def, e.usage(env, text))
}
