package container

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// fakeTarget is a container as a wait strategy sees it, without Docker.
type fakeTarget struct {
	wait.StrategyTarget // methods the strategy must not call panic
	host                string
	mapped              uint16
	gateway             string
	state               dockercontainer.State
	log                 string
}

func (f *fakeTarget) Host(context.Context) (string, error) { return f.host, nil }

func (f *fakeTarget) MappedPort(context.Context, string) (network.Port, error) {
	p, _ := network.PortFrom(f.mapped, network.TCP)
	return p, nil
}

func (f *fakeTarget) Inspect(context.Context) (*dockercontainer.InspectResponse, error) {
	nw := &network.EndpointSettings{}
	if f.gateway != "" {
		nw.Gateway = netip.MustParseAddr(f.gateway)
	}
	return &dockercontainer.InspectResponse{NetworkSettings: &dockercontainer.NetworkSettings{
		Networks: map[string]*network.EndpointSettings{"bridge": nw},
	}}, nil
}

func (f *fakeTarget) State(context.Context) (*dockercontainer.State, error) { return &f.state, nil }

func (f *fakeTarget) Logs(context.Context) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(f.log)), nil
}

// healthServer answers HealthPath on addr and returns its port.
func healthServer(t *testing.T, addr string) uint16 {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s here: %v", addr, err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != HealthPath {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return uint16(ln.Addr().(*net.TCPAddr).Port)
}

// closedPort returns a port on 127.0.0.1 nothing listens on.
func closedPort(t *testing.T) uint16 {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return uint16(ln.Addr().(*net.TCPAddr).Port)
}

func newReachWait(timeout time.Duration) *reachWait {
	return &reachWait{timeout: timeout, poll: 10 * time.Millisecond, found: &reached{}}
}

func TestWaitFallsBackToAnAddressThatAnswers(t *testing.T) {
	// testcontainers' host (127.0.0.9) leads nowhere, as the default route
	// does inside a container; the network's gateway (127.0.0.3) has the port.
	port := healthServer(t, "127.0.0.3:0")
	running := dockercontainer.State{Running: true, Status: dockercontainer.StateRunning}
	w := newReachWait(10 * time.Second)
	err := w.WaitUntilReady(t.Context(), &fakeTarget{host: "127.0.0.9", mapped: port, gateway: "127.0.0.3", state: running})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := w.found.get(), "127.0.0.3:"+strconv.Itoa(int(port)); got != want {
		t.Errorf("found %s, want %s", got, want)
	}
	c := &Container{reached: w.found}
	if u, err := c.BaseURL(t.Context()); err != nil || u != "http://127.0.0.3:"+strconv.Itoa(int(port)) {
		t.Errorf("BaseURL = %s, %v", u, err)
	}
}

func TestWaitSaysWhatItTriedAndWhatToSet(t *testing.T) {
	running := dockercontainer.State{Running: true, Status: dockercontainer.StateRunning}
	port := closedPort(t)
	w := newReachWait(300 * time.Millisecond)
	err := w.WaitUntilReady(t.Context(), &fakeTarget{host: "127.0.0.9", mapped: port, gateway: "127.0.0.5", state: running})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline", err)
	}
	p := strconv.Itoa(int(port))
	for _, want := range []string{
		"127.0.0.9:" + p + " (testcontainers' host)", "127.0.0.1:" + p + " (loopback)",
		"127.0.0.5:" + p + " (the gateway of Docker network bridge)", "connection refused", "TESTCONTAINERS_HOST_OVERRIDE",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	if w.found.get() != "" {
		t.Errorf("found %s although nothing answered", w.found.get())
	}
}

func TestWaitStopsWhenTheContainerExits(t *testing.T) {
	exited := dockercontainer.State{Status: dockercontainer.StateExited, ExitCode: 2}
	w := newReachWait(10 * time.Second)
	err := w.WaitUntilReady(t.Context(), &fakeTarget{host: "127.0.0.9", mapped: closedPort(t), state: exited,
		log: "line 1\nbcmock serve: --clock: unknown mode \"sundial\"\n"})
	if err == nil || !strings.Contains(err.Error(), "exited with code 2") || !strings.Contains(err.Error(), `unknown mode "sundial"`) {
		t.Errorf("err = %v, want the exit code and the log's end", err)
	}
}
