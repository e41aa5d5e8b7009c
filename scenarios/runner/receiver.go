package runner

import (
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
)

// maxCallbackBody bounds what a receiver keeps of a callback body.
// BigCommerce's callbacks are small envelopes; 1 MiB is generous.
const maxCallbackBody = 1 << 20

// Callback is one request a receiver got.
type Callback struct {
	// Receiver is the receiver's name.
	Receiver string
	// Path is the request's path and query.
	Path string
	// Header is the request's headers.
	Header http.Header
	// Body is the request body (at most 1 MiB).
	Body []byte
	// MessageID is the webhook-id header: the delivery it belongs to.
	MessageID string
	// Answer is the scripted response it got: "200", "500 after 250ms",
	// "timeout" or "close".
	Answer string
	// At is the wall time it arrived.
	At time.Time
}

// receiver is a scenario receiver: served by the runner, or replaced by a
// target URL.
type receiver struct {
	name   string
	url    string // base URL, no trailing slash for a served receiver
	target bool   // the user's app: nothing is served or recorded
	srv    *httptest.Server

	responses []scenarios.Response
	mu        sync.Mutex
	calls     []Callback
	closing   chan struct{}
	closeOnce sync.Once
}

// newReceiver starts serving rc on a port of its own.
func newReceiver(rc scenarios.Receiver) *receiver {
	r := &receiver{name: rc.Name, responses: slices.Clone(rc.Responses), closing: make(chan struct{})}
	if len(r.responses) == 0 {
		r.responses = []scenarios.Response{{Status: http.StatusOK}}
	}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	r.url = r.srv.URL
	return r
}

// newTarget stands for a receiver replaced by the user's app at u.
func newTarget(name, u string) *receiver {
	return &receiver{name: name, url: u, target: true, closing: make(chan struct{})}
}

// destination is the URL a hook with path on this receiver delivers to.
func (r *receiver) destination(path string) string {
	if r.target && (path == "" || path == "/") {
		return r.url
	}
	if path == "" {
		path = "/"
	}
	return strings.TrimRight(r.url, "/") + path
}

// owns reports whether dest is on this receiver.
func (r *receiver) owns(dest string) bool {
	base := strings.TrimRight(r.url, "/")
	rest, ok := strings.CutPrefix(dest, base)
	return ok && (rest == "" || rest[0] == '/' || rest[0] == '?')
}

// origin is the receiver's scheme://host:port, as the blocklist names it.
func (r *receiver) origin() string { return bigcommerce.Origin(r.url) }

// serve records a callback and answers it from the script.
func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(req.Body, maxCallbackBody))
	r.mu.Lock()
	resp := r.responses[min(len(r.calls), len(r.responses)-1)]
	r.calls = append(r.calls, Callback{
		Receiver: r.name, Path: req.URL.RequestURI(), Header: req.Header.Clone(), Body: body,
		MessageID: req.Header.Get("webhook-id"), Answer: answer(resp), At: time.Now(),
	})
	r.mu.Unlock()
	switch resp.Fault {
	case scenarios.FaultTimeout:
		select {
		case <-req.Context().Done():
		case <-r.closing:
		}
		hangUp(w)
		return
	case scenarios.FaultClose:
		hangUp(w)
		return
	}
	if resp.Delay > 0 {
		t := time.NewTimer(time.Duration(resp.Delay))
		select {
		case <-t.C:
		case <-req.Context().Done():
			t.Stop()
			return
		case <-r.closing:
			t.Stop()
			hangUp(w)
			return
		}
	}
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(resp.Status)
	_, _ = io.WriteString(w, resp.Body)
}

// hangUp closes the connection without an answer. A server that cannot
// hijack (never the case for httptest's HTTP/1.1) answers 502 instead,
// which fails the attempt all the same.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	http.Error(w, "bcmock receiver: could not close the connection", http.StatusBadGateway)
}

// answer describes a scripted response.
func answer(r scenarios.Response) string {
	if r.Fault != "" {
		return string(r.Fault)
	}
	s := strconv.Itoa(r.Status)
	if r.Delay > 0 {
		s += " after " + r.Delay.String()
	}
	return s
}

// callbacks returns what the receiver got so far.
func (r *receiver) callbacks() []Callback {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.calls)
	for i := range out {
		out[i].Header = out[i].Header.Clone()
		out[i].Body = slices.Clone(out[i].Body)
	}
	return out
}

// byMessage returns the callbacks of one delivery (webhook-id), oldest
// first.
func (r *receiver) byMessage(id string) []Callback {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Callback
	for _, c := range r.calls {
		if c.MessageID == id {
			out = append(out, c)
		}
	}
	return out
}

// close releases hanging requests and stops serving. It is safe to call
// twice.
func (r *receiver) close() {
	r.closeOnce.Do(func() {
		close(r.closing)
		if r.srv != nil {
			r.srv.CloseClientConnections()
			r.srv.Close()
		}
	})
}

// headerOf turns a logged attempt's headers into an http.Header, for
// signature checks.
func headerOf(m map[string]string) http.Header {
	h := http.Header{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		h.Set(k, m[k])
	}
	return h
}
