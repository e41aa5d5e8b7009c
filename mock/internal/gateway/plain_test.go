package gateway_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/internal/gateway"
)

// seen records what an Observer hears.
type seen struct{ requests []string }

func (s *seen) Request(family, operation string, status int) {
	s.requests = append(s.requests, family+" "+operation+" "+http.StatusText(status))
}

func (s *seen) RateLimited(string) {}

func TestPlainFamiliesAreRoutedOnceAndObserved(t *testing.T) {
	plain := func(name, prefix string, status int) *gateway.Family {
		return &gateway.Family{
			Name:   name,
			Claims: func(p string) bool { return strings.HasPrefix(p, prefix) },
			Serve:  http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(status) }),
			Errors: func(w http.ResponseWriter, e gateway.Error) { w.WriteHeader(e.Status) },
		}
	}
	obs := &seen{}
	g := gateway.New([]*gateway.Family{plain("ui", "/ui", http.StatusOK), plain("rest", "/", http.StatusTeapot)},
		gateway.WithObserver(obs), gateway.WithLoopGuard("X-Loop", "me"))
	for _, c := range []struct {
		path, loop string
		want       int
	}{
		{"/ui/app.js", "", http.StatusOK},
		{"/elsewhere", "", http.StatusTeapot},
		{"/ui/", "me", http.StatusLoopDetected}, // the loop guard holds for plain families too
	} {
		r := httptest.NewRequest(http.MethodGet, c.path, nil)
		if c.loop != "" {
			r.Header.Set("X-Loop", c.loop)
		}
		w := httptest.NewRecorder()
		g.ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("GET %s: %d, want %d", c.path, w.Code, c.want)
		}
	}
	want := []string{"ui ui OK", "rest rest I'm a teapot", "ui ui Loop Detected"}
	if strings.Join(obs.requests, "|") != strings.Join(want, "|") {
		t.Errorf("observed %q, want %q", obs.requests, want)
	}
}
