package runner

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// scenarioReceiver is a scenario receiver: served by the runner, or
// replaced by a target URL.
type scenarioReceiver struct {
	name   string
	url    string             // base URL, no trailing slash for a served receiver
	target bool               // the user's app: nothing is served or recorded
	served *receiver.Receiver // nil for a target
}

// newReceiver starts serving rc on a port of its own, answering from its
// scripted responses.
func newReceiver(rc scenarios.Receiver, secret string, fake bool) (*scenarioReceiver, error) {
	opts := []receiver.Option{receiver.WithName(rc.Name)}
	if rc.RefuseUnverified != 0 {
		opts = append(opts, receiver.WithSecret(secret), receiver.RefuseUnverified(rc.RefuseUnverified))
		if fake {
			opts = append(opts, receiver.WithoutTimestampCheck()) // a fake clock's timestamps are not the wall time
		}
	}
	if len(rc.Responses) > 0 {
		steps := make([]receiver.Step, len(rc.Responses))
		for i, resp := range rc.Responses {
			steps[i] = stepOf(resp)
		}
		opts = append(opts, receiver.WithScript(steps...))
	}
	r, err := receiver.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("receiver %s: %w", rc.Name, err)
	}
	return &scenarioReceiver{name: rc.Name, url: r.URL, served: r}, nil
}

// stepOf maps a scripted response to the receiver step that gives it.
func stepOf(resp scenarios.Response) receiver.Step {
	var st receiver.Step
	switch resp.Fault {
	case scenarios.FaultTimeout:
		return receiver.Hang()
	case scenarios.FaultClose:
		st = receiver.Close()
	default:
		st = receiver.Respond(resp.Status).WithBody(resp.Body)
		for _, k := range slices.Sorted(maps.Keys(resp.Headers)) {
			st = st.WithHeader(k, resp.Headers[k])
		}
	}
	return st.After(time.Duration(resp.Delay))
}

// newTarget stands for a receiver replaced by the user's app at u.
func newTarget(name, u string) *scenarioReceiver {
	return &scenarioReceiver{name: name, url: u, target: true}
}

// destination is the URL a hook with path on this receiver delivers to.
func (r *scenarioReceiver) destination(path string) string {
	if r.target && (path == "" || path == "/") {
		return r.url
	}
	if path == "" {
		path = "/"
	}
	return strings.TrimRight(r.url, "/") + path
}

// owns reports whether dest is on this receiver.
func (r *scenarioReceiver) owns(dest string) bool {
	base := strings.TrimRight(r.url, "/")
	rest, ok := strings.CutPrefix(dest, base)
	return ok && (rest == "" || rest[0] == '/' || rest[0] == '?')
}

// origin is the receiver's scheme://host:port, as the blocklist names it.
func (r *scenarioReceiver) origin() string { return bigcommerce.Origin(r.url) }

// callbacks returns what the receiver got so far; none for a target.
func (r *scenarioReceiver) callbacks() []receiver.Callback {
	if r.served == nil {
		return nil
	}
	return r.served.Calls()
}

// byMessage returns the callbacks of one delivery (webhook-id), oldest
// first.
func (r *scenarioReceiver) byMessage(id string) []receiver.Callback {
	var out []receiver.Callback
	for _, c := range r.callbacks() {
		if c.MessageID == id {
			out = append(out, c)
		}
	}
	return out
}

// close releases hanging requests and stops serving. It is safe to call
// twice.
func (r *scenarioReceiver) close() {
	if r.served != nil {
		r.served.Close()
	}
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
