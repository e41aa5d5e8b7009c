package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
)

// runTrigger is "bcmock trigger SCOPE": it raises one store event on a
// running mock through the control API, as "stripe trigger" does.
func runTrigger(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("trigger", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	base := env.String("url", "BCMOCK_URL", "http://"+defaultAddr, "base URL of the running mock")
	store := env.String("store", "BCMOCK_STORE", "", "store hash to raise the event in (required)")
	data := env.String("data", "BCMOCK_DATA", "", `JSON merged into the invented event data, e.g. '{"id":250}' (an array for store/priceList/records/*)`)
	timeout := env.Duration("timeout", "BCMOCK_TRIGGER_TIMEOUT", 10*time.Second, "how long to wait for the mock")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock trigger --store HASH [flags] SCOPE

Raises one store event (a concrete scope such as store/order/created) on a
running mock, which delivers it to every matching active hook of the store,
and prints the event's id, hash and the hooks it matched. Flags may come
before or after the scope.

Exit status: 0 raised, 1 the mock could not be reached or failed,
2 a usage error or an event the mock refused (unknown scope, bad data).

Flags:
`)
		fs.PrintDefaults()
	}
	scopes, code, done := parseArgs(fs, args, stdout, stderr, "scope")
	if done {
		return code
	}
	if err := env.Err(); err != nil {
		fmt.Fprintln(stderr, "bcmock trigger:", err)
		return exitUsage
	}
	if len(scopes) != 1 {
		fmt.Fprintf(stderr, "bcmock trigger: want one scope, got %d: %s\n", len(scopes), strings.Join(scopes, " "))
		return exitUsage
	}
	if *store == "" {
		fmt.Fprintln(stderr, "bcmock trigger: --store is required (or BCMOCK_STORE)")
		return exitUsage
	}
	var payload any
	if *data != "" {
		if err := json.Unmarshal([]byte(*data), &payload); err != nil {
			fmt.Fprintf(stderr, "bcmock trigger: --data is not JSON: %v\n", err)
			return exitUsage
		}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	admin := adminapi.New(*base, &http.Client{})
	raised, err := admin.RaiseEvent(ctx, *store, scopes[0], payload)
	var answer *adminapi.Error
	switch {
	case errors.As(err, &answer) && answer.Status == http.StatusUnprocessableEntity:
		fmt.Fprintf(stderr, "bcmock trigger: the mock refused the event: %s\n", refusal(answer))
		return exitUsage
	case errors.As(err, &answer):
		fmt.Fprintf(stderr, "bcmock trigger: %v\n", answer)
		return exitError
	case err != nil:
		fmt.Fprintf(stderr, "bcmock trigger: cannot reach bcmock at %s (is \"bcmock serve\" running there? see --url): %v\n", *base, err)
		return exitError
	}
	fmt.Fprintf(stdout, "raised %s in store %s\n", raised.Scope, raised.StoreHash)
	fmt.Fprintf(stdout, "  event:  %d\n", raised.EventID)
	fmt.Fprintf(stdout, "  hash:   %s\n", raised.Hash)
	if len(raised.HookIDs) == 0 {
		fmt.Fprintln(stdout, "  hooks:  none matched: no active hook of the store subscribes to this scope, so nothing is delivered")
		return exitOK
	}
	ids := make([]string, len(raised.HookIDs))
	for i, id := range raised.HookIDs {
		ids[i] = fmt.Sprint(id)
	}
	fmt.Fprintf(stdout, "  hooks:  %s (%s; see %s/__bcmock/deliveries?event=%d)\n", strings.Join(ids, ", "), plural(len(raised.DeliveryIDs), "delivery"), strings.TrimRight(*base, "/"), raised.EventID)
	return exitOK
}

// refusal words a 422 of the control API: its field problems (which carry
// the hint, such as "did you mean"), else its title.
func refusal(e *adminapi.Error) string {
	if len(e.Errors) == 0 {
		return strings.TrimSpace(e.Title + ": " + e.Detail)
	}
	parts := make([]string, 0, len(e.Errors))
	for _, k := range slices.Sorted(maps.Keys(e.Errors)) {
		parts = append(parts, k+": "+e.Errors[k])
	}
	return strings.Join(parts, "; ")
}
