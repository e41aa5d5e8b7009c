// Package adminapi is a Go client for bcmock's control API, the endpoints
// under /__bcmock/ described by openapi/control.yaml: health, resets,
// raising store events, the fake clock, the delivery log, account
// secrets, and the store model (a store's state dump, seeding orders and
// carts, paying an order).
//
// It talks HTTP only, so the same Client drives an in-process mock
// (testkit) and one in a container (testkit/container):
//
//	admin := adminapi.New("http://127.0.0.1:8080", nil)
//	raised, err := admin.RaiseEvent(ctx, "abc123", "store/order/created", map[string]any{"id": 250})
//	...
//	clock, err := admin.AdvanceClock(ctx, 49*time.Hour) // a mock started with a fake clock
//
// The package is a leaf: it owns the JSON shapes of /__bcmock/ (the
// server answers with these types) and imports only the standard library
// and mock/bigcommerce, so a program that drives a mock in a container
// pulls in none of the server.
package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Prefix is the path under which bcmock serves its control API; the one
// definition, which the server uses too.
const Prefix = "/__bcmock"

// OwnReceiverHeader, set to "true" on a create or update request, says
// that the hook's destination is one of bcmock's own receivers (the
// scenario runner's, plain http on a local port): BigCommerce's
// destination rule does not apply to them (scenarios/FORMAT.md), so the
// destination is neither refused in strict mode nor warned about. An app
// under test has no reason to send it; it is part of the control
// contract between the scenario runner and the mock.
const OwnReceiverHeader = "X-Bcmock-Own-Receiver"

// Client calls one mock's control API. It is safe for concurrent use.
// Create it with New.
type Client struct {
	base string
	hc   *http.Client
}

// New returns a client for the mock at baseURL (scheme://host:port, with or
// without a trailing slash; the control API's /__bcmock prefix is added by
// the client). Every request goes through httpClient; nil means
// http.DefaultClient.
func New(baseURL string, httpClient *http.Client) *Client {
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(baseURL, "/"), hc: httpClient}
}

// BaseURL returns the mock's base URL, without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// Health is the answer of GET /__bcmock/health.
type Health struct {
	// Status is "ok" when the mock is ready.
	Status string `json:"status"`
	// Version is the mock's version ("dev" for local builds).
	Version string `json:"version"`
}

// Health reports whether the mock is ready to serve.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var h Health
	if err := c.do(ctx, http.MethodGet, "/health", nil, http.StatusOK, &h); err != nil {
		return Health{}, fmt.Errorf("check health: %w", err)
	}
	return h, nil
}

// Raised is what the mock did with a raised event.
type Raised struct {
	// EventID identifies the recorded event (Query.Event).
	EventID int64 `json:"event_id"`
	// StoreHash is the store the event happened in.
	StoreHash string `json:"store_hash"`
	// Scope is the concrete event, e.g. "store/order/created".
	Scope string `json:"scope"`
	// Hash is the callback's hash field.
	Hash string `json:"hash"`
	// Payload is the callback body every matching hook receives.
	Payload json.RawMessage `json:"payload"`
	// HookIDs are the hooks that matched; empty (not nil) when none did.
	HookIDs []int `json:"hook_ids"`
	// DeliveryIDs are the deliveries created, parallel to HookIDs.
	DeliveryIDs []int64 `json:"delivery_ids"`
}

// RaiseEvent raises the concrete event scope in the store. The mock invents
// the event's data from its seed and merges data over it; data is
// marshalled with encoding/json and may be nil (nothing to override), an
// object (map or struct) of overrides, or a whole array for array-shaped
// events (store/priceList/records/*). The callbacks go to every matching
// active hook at once; RaiseEvent does not wait for them.
func (c *Client) RaiseEvent(ctx context.Context, storeHash, scope string, data any) (Raised, error) {
	return c.RaiseEventWithFaults(ctx, storeHash, scope, data, nil)
}

// ResendEvent raises a recorded event again with the same body and hash,
// the way BigCommerce's duplicate deliveries arrive; every hook that
// matches now gets it, as a new delivery with its own webhook-id.
func (c *Client) ResendEvent(ctx context.Context, eventID int64) (Raised, error) {
	var r Raised
	if err := c.do(ctx, http.MethodPost, fmt.Sprintf("/events/%d/resend", eventID), nil, http.StatusCreated, &r); err != nil {
		return Raised{}, fmt.Errorf("resend event %d: %w", eventID, err)
	}
	return r, nil
}

// Clock is the mock's clock.
type Clock struct {
	// Mode is "real" or "fake".
	Mode string `json:"mode"`
	// Now is the mock's current instant.
	Now time.Time `json:"now"`
	// Unix is Now in Unix seconds.
	Unix int64 `json:"unix"`
	// NextDue is when the next delivery attempt is due; nil when none is.
	NextDue *time.Time `json:"next_due,omitempty"`
}

// Clock returns the mock's clock.
func (c *Client) Clock(ctx context.Context) (Clock, error) {
	var clk Clock
	if err := c.do(ctx, http.MethodGet, "/clock", nil, http.StatusOK, &clk); err != nil {
		return Clock{}, fmt.Errorf("get clock: %w", err)
	}
	return clk, nil
}

// AdvanceClock moves a fake clock forward by d, walking from due time to
// due time so every attempt on the way fires at its scheduled instant, and
// returns when those attempts are done. AdvanceClock(ctx, 0) waits for the
// work due now. A mock with a real clock answers 409.
func (c *Client) AdvanceClock(ctx context.Context, d time.Duration) (Clock, error) {
	body := struct {
		Seconds float64 `json:"seconds"`
	}{Seconds: d.Seconds()}
	var clk Clock
	if err := c.do(ctx, http.MethodPost, "/clock/advance", body, http.StatusOK, &clk); err != nil {
		return Clock{}, fmt.Errorf("advance clock: %w", err)
	}
	return clk, nil
}

// Query selects records of the delivery log. Zero fields match everything.
// A field a listing does not support is not sent: Outcome applies to
// deliveries and attempts, Delivery to attempts, Kind to notifications.
type Query struct {
	// Store selects one store hash.
	Store string
	// Hook selects one hook id.
	Hook int
	// Scope selects one event scope, exactly (not notifications).
	Scope string
	// Event selects one event id (not notifications).
	Event int64
	// Delivery selects one delivery id (attempts only).
	Delivery int64
	// Outcome selects a delivery status or an attempt outcome (deliveries
	// and attempts only).
	Outcome Outcome
	// Kind selects one notification kind (notifications only).
	Kind NotificationKind
}

// query parameters each listing accepts.
const (
	listEvents        = "store hook scope event"
	listDeliveries    = "store hook scope event outcome"
	listAttempts      = "store hook scope event delivery outcome"
	listNotifications = "store hook kind"
)

// values encodes the fields of q that the listing accepts.
func (q Query) values(accepted string) url.Values {
	v := url.Values{}
	add := func(name, value string) {
		if value != "" && strings.Contains(" "+accepted+" ", " "+name+" ") {
			v.Set(name, value)
		}
	}
	add("store", q.Store)
	if q.Hook != 0 {
		add("hook", strconv.Itoa(q.Hook))
	}
	add("scope", q.Scope)
	if q.Event != 0 {
		add("event", strconv.FormatInt(q.Event, 10))
	}
	if q.Delivery != 0 {
		add("delivery", strconv.FormatInt(q.Delivery, 10))
	}
	add("outcome", string(q.Outcome))
	add("kind", string(q.Kind))
	return v
}

// getList fetches a whole log listing, page after page of the largest
// size the mock serves: path is "/events", "/deliveries"…, query its
// encoded filters. A record raised while the pages are read may be missed
// or, once the log drops its oldest records, seen twice; read again after
// the work is done (AdvanceClock, WaitForDelivery) for a settled answer.
func getList[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	all := []T{}
	for page := 1; ; page++ {
		query.Set("page", strconv.Itoa(page))
		query.Set("limit", strconv.Itoa(bigcommerce.MaxLimit))
		var l List[T]
		if err := c.do(ctx, http.MethodGet, path+"?"+query.Encode(), nil, http.StatusOK, &l); err != nil {
			return nil, fmt.Errorf("list %s: %w", strings.TrimPrefix(path, "/"), err)
		}
		all = append(all, l.Data...)
		if len(l.Data) == 0 || page >= l.Meta.Pagination.TotalPages {
			return all, nil
		}
	}
}

// Events lists raised events, oldest first, every page of them.
func (c *Client) Events(ctx context.Context, q Query) ([]Event, error) {
	return getList[Event](ctx, c, "/events", q.values(listEvents))
}

// Deliveries lists deliveries (one per event and hook), oldest first.
func (c *Client) Deliveries(ctx context.Context, q Query) ([]Delivery, error) {
	return getList[Delivery](ctx, c, "/deliveries", q.values(listDeliveries))
}

// Attempts lists delivery attempts, oldest first. The mock keeps a bounded
// number per store (its --attempt-log-cap).
func (c *Client) Attempts(ctx context.Context, q Query) ([]Attempt, error) {
	return getList[Attempt](ctx, c, "/attempts", q.values(listAttempts))
}

// Notifications lists what BigCommerce would have emailed, oldest first.
func (c *Client) Notifications(ctx context.Context, q Query) ([]Notification, error) {
	return getList[Notification](ctx, c, "/notifications", q.values(listNotifications))
}

// WaitForDelivery polls the deliveries selected by q until one satisfies
// match (nil matches any) and returns it. It waits until ctx ends, so give
// ctx a deadline. Under a fake clock a retry due later happens only when
// the clock is advanced; WaitForDelivery does not advance it.
func (c *Client) WaitForDelivery(ctx context.Context, q Query, match func(Delivery) bool) (Delivery, error) {
	pause := time.Millisecond
	for {
		ds, err := c.Deliveries(ctx, q)
		if err != nil {
			return Delivery{}, fmt.Errorf("wait for delivery: %w", err)
		}
		for _, d := range ds {
			if match == nil || match(d) {
				return d, nil
			}
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return Delivery{}, fmt.Errorf("wait for delivery: none of %d matched: %w", len(ds), ctx.Err())
		case <-t.C:
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// Account is the answer of GET /__bcmock/accounts/{client_id}: an API
// account's signing secret, so a test can verify callbacks. The token is
// never shown.
type Account struct {
	// ClientID names the account.
	ClientID string `json:"client_id"`
	// ClientSecret keys the webhook-signature of its callbacks.
	ClientSecret string `json:"client_secret"`
}

// Secret returns the client secret of the API account clientID: the key of
// the webhook-signature header of its callbacks. An open mock knows an
// account once its token has been used; before that it answers 404.
func (c *Client) Secret(ctx context.Context, clientID string) (string, error) {
	var a Account
	if err := c.do(ctx, http.MethodGet, "/accounts/"+url.PathEscape(clientID), nil, http.StatusOK, &a); err != nil {
		return "", fmt.Errorf("get secret: %w", err)
	}
	return a.ClientSecret, nil
}

// ResetResult says what a reset forgot.
type ResetResult struct {
	// Stores is how many stores were forgotten.
	Stores int `json:"stores"`
	// Hooks is how many hooks were forgotten.
	Hooks int `json:"hooks"`
}

// Reset forgets every store: hooks, emails and the delivery log.
func (c *Client) Reset(ctx context.Context) (ResetResult, error) {
	var r ResetResult
	if err := c.do(ctx, http.MethodPost, "/reset", nil, http.StatusOK, &r); err != nil {
		return ResetResult{}, fmt.Errorf("reset mock: %w", err)
	}
	return r, nil
}

// ResetStore forgets one store (its hooks, emails and delivery log, for
// every account); its hook ids start again at 1.
func (c *Client) ResetStore(ctx context.Context, storeHash string) (ResetResult, error) {
	var r ResetResult
	if err := c.do(ctx, http.MethodPost, "/stores/"+url.PathEscape(storeHash)+"/reset", nil, http.StatusOK, &r); err != nil {
		return ResetResult{}, fmt.Errorf("reset store %s: %w", storeHash, err)
	}
	return r, nil
}

// Error is a control API answer other than the expected status, with the
// control API's error body {status, title, detail, errors}. Get it with
// errors.As.
type Error struct {
	// Status is the HTTP status of the answer.
	Status int `json:"status"`
	// Title says what went wrong.
	Title string `json:"title"`
	// Detail explains it; may be empty.
	Detail string `json:"detail,omitempty"`
	// Errors maps request fields to problems; nil when there are none.
	Errors map[string]string `json:"errors,omitempty"`
	// Method and URL name the request that got the answer.
	Method string `json:"-"`
	URL    string `json:"-"`
}

// Error formats the answer with every field problem, in field order.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: bcmock answered %d", e.Method, e.URL, e.Status)
	if e.Title != "" {
		b.WriteString(" " + e.Title)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	keys := slices.Sorted(maps.Keys(e.Errors))
	for i, k := range keys {
		sep := "; "
		if i == 0 {
			sep = " ("
		}
		b.WriteString(sep + k + ": " + e.Errors[k])
	}
	if len(keys) > 0 {
		b.WriteString(")")
	}
	return b.String()
}

// maxErrorBody bounds how much of an error answer is read.
const maxErrorBody = 64 << 10

// do sends one request to the control API and decodes a want answer into out.
func (c *Client) do(ctx context.Context, method, path string, in any, want int, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	target := c.base + Prefix + path
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err // already "Get \"url\": cause"
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		return answerError(resp, method, target)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("decode %s %s answer: %w", method, target, err)
	}
	return nil
}

// answerError reads an unexpected answer into an *Error.
func answerError(resp *http.Response, method, target string) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &Error{}
	if json.Unmarshal(raw, e) != nil || e.Title == "" {
		e = &Error{Title: http.StatusText(resp.StatusCode), Detail: strings.TrimSpace(string(raw))}
	}
	e.Status, e.Method, e.URL = resp.StatusCode, method, target
	return e
}

var _ error = (*Error)(nil)
