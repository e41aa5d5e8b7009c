package runner

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

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// bcClient calls BigCommerce's v3 webhooks API on the mock, as an app
// would: with the hook's X-Auth-Token.
type bcClient struct {
	base string
	hc   *http.Client
}

// apiError is an answer of the v3 API other than the one expected.
type apiError struct {
	Method, Path string
	Status       int
	Title        string            `json:"title"`
	Errors       map[string]string `json:"errors"`
}

// Error formats the answer with its field problems.
func (e *apiError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: bcmock answered %d", e.Method, e.Path, e.Status)
	if e.Title != "" {
		b.WriteString(" " + e.Title)
	}
	for i, k := range slices.Sorted(maps.Keys(e.Errors)) {
		sep := "; "
		if i == 0 {
			sep = " ("
		}
		b.WriteString(sep + k + ": " + e.Errors[k])
		if i == len(e.Errors)-1 {
			b.WriteString(")")
		}
	}
	return b.String()
}

// hooksPath is the v3 hooks collection of a store.
func hooksPath(store string) string { return "/stores/" + url.PathEscape(store) + "/v3/hooks" }

// ownReceiver marks a create or update request whose destination is one
// of the scenario's receivers, which BigCommerce's destination rule
// exempts (see adminapi.OwnReceiverHeader).
var ownReceiver = http.Header{adminapi.OwnReceiverHeader: {"true"}}

// createHook registers a hook and returns it; header (may be nil) is added
// to the request.
func (c *bcClient) createHook(ctx context.Context, store, token string, header http.Header, body map[string]any) (bigcommerce.Hook, error) {
	var out struct {
		Data bigcommerce.Hook `json:"data"`
	}
	if err := c.do(ctx, http.MethodPost, hooksPath(store), token, header, body, http.StatusOK, &out); err != nil {
		return bigcommerce.Hook{}, fmt.Errorf("create hook: %w", err)
	}
	return out.Data, nil
}

// updateHook changes a hook with PUT; header (may be nil) is added to the
// request.
func (c *bcClient) updateHook(ctx context.Context, store, token string, header http.Header, id int, body map[string]any) (bigcommerce.Hook, error) {
	var out struct {
		Data bigcommerce.Hook `json:"data"`
	}
	if err := c.do(ctx, http.MethodPut, hooksPath(store)+"/"+strconv.Itoa(id), token, header, body, http.StatusOK, &out); err != nil {
		return bigcommerce.Hook{}, fmt.Errorf("update hook: %w", err)
	}
	return out.Data, nil
}

// deleteHook deletes a hook.
func (c *bcClient) deleteHook(ctx context.Context, store, token string, id int) error {
	if err := c.do(ctx, http.MethodDelete, hooksPath(store)+"/"+strconv.Itoa(id), token, nil, nil, http.StatusOK, nil); err != nil {
		return fmt.Errorf("delete hook: %w", err)
	}
	return nil
}

// getHook returns a hook; found is false when the API answers 404.
func (c *bcClient) getHook(ctx context.Context, store, token string, id int) (h bigcommerce.Hook, found bool, err error) {
	var out struct {
		Data bigcommerce.Hook `json:"data"`
	}
	err = c.do(ctx, http.MethodGet, hooksPath(store)+"/"+strconv.Itoa(id), token, nil, nil, http.StatusOK, &out)
	if ae, ok := err.(*apiError); ok && ae.Status == http.StatusNotFound {
		return bigcommerce.Hook{}, false, nil
	}
	if err != nil {
		return bigcommerce.Hook{}, false, fmt.Errorf("get hook: %w", err)
	}
	return out.Data, true, nil
}

// admin returns GET /hooks/admin for the token's account in store.
func (c *bcClient) admin(ctx context.Context, store, token string) (bigcommerce.HooksAdmin, error) {
	var out struct {
		Data bigcommerce.HooksAdmin `json:"data"`
	}
	if err := c.do(ctx, http.MethodGet, hooksPath(store)+"/admin", token, nil, nil, http.StatusOK, &out); err != nil {
		return bigcommerce.HooksAdmin{}, fmt.Errorf("get hooks admin: %w", err)
	}
	return out.Data, nil
}

// UserAgent is the User-Agent of the runner's own requests to the API
// (setting hooks up, hook steps, reading hook states), which conditions on
// the app's requests leave out.
const UserAgent = "bcmock-runner"

// maxAnswer bounds how much of an answer is read.
const maxAnswer = 4 << 20

// do sends one request, with header's fields added, and decodes a want
// answer into out (nil: discard). Any other answer is an *apiError.
func (c *bcClient) do(ctx context.Context, method, path, token string, header http.Header, in any, want int, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("read %s %s answer: %w", method, path, err)
	}
	if resp.StatusCode != want {
		e := &apiError{Method: method, Path: path, Status: resp.StatusCode}
		if json.Unmarshal(raw, e) != nil || e.Title == "" {
			e.Title = strings.TrimSpace(string(raw))
		}
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decode %s %s answer: %w", method, path, err)
	}
	return nil
}
