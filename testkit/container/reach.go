package container

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/testcontainers/testcontainers-go/wait"
)

// candidate is one address at which the test process may reach the mock.
type candidate struct {
	addr string // host:port
	via  string // where the address comes from, for messages
}

// reachWait is Run's default wait strategy. Like wait.ForHTTP it polls
// HealthPath, but not only at the address testcontainers names
// (Container.Host and the mapped port), which inside a container is the
// Docker bridge's gateway or this container's default route and may not
// lead to the published port. It polls every address that may reach the
// mock, each on its own, and keeps the first that answers for BaseURL:
//
//   - testcontainers' host and the mapped port, what its modules use;
//   - 127.0.0.1 and the mapped port, for an engine in this machine or
//     container (Docker-in-Docker, a CI job that starts dockerd);
//   - each of the container's networks' gateway and the mapped port: the
//     Docker host, where published ports listen;
//   - the container's own address and Port, for a test process on the
//     same Docker network.
//
// It fails at once when the container exits, and at the timeout with what
// each address answered and what to set.
type reachWait struct {
	timeout time.Duration
	poll    time.Duration
	found   *reached
}

// reached holds the address reachWait found.
type reached struct {
	mu   sync.Mutex
	addr string
}

func (r *reached) set(addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addr = addr
}

func (r *reached) get() string {
	if r == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.addr
}

// Timeout makes MultiStrategy keep reachWait's own timeout.
func (w *reachWait) Timeout() *time.Duration { return &w.timeout }

// WaitUntilReady waits until some address answers HealthPath.
func (w *reachWait) WaitUntilReady(ctx context.Context, target wait.StrategyTarget) error {
	ctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	mapped, err := w.mappedPort(ctx, target)
	if err != nil {
		return err
	}
	cands := candidates(ctx, target, mapped)
	results := make(chan probeResult, len(cands))
	probeCtx, stopProbes := context.WithCancel(ctx)
	defer stopProbes()
	client := &http.Client{Transport: &http.Transport{}, Timeout: time.Second}
	defer client.CloseIdleConnections()
	for _, c := range cands {
		go func() { results <- w.probe(probeCtx, client, c) }()
	}
	lastErrs := make(map[string]error, len(cands))
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for pending := len(cands); pending > 0; {
		select {
		case r := <-results:
			pending--
			if r.err == nil {
				w.found.set(r.addr)
				return nil
			}
			lastErrs[r.addr] = r.err
		case <-tick.C:
			if err := exited(ctx, target); err != nil {
				return err
			}
		}
	}
	if err := exited(context.WithoutCancel(ctx), target); err != nil {
		return err
	}
	return errors.Join(unreachable(w.timeout, cands, lastErrs), ctx.Err())
}

// mappedPort waits until the container runs and Port is published.
func (w *reachWait) mappedPort(ctx context.Context, target wait.StrategyTarget) (string, error) {
	for {
		if err := exited(ctx, target); err != nil {
			return "", err
		}
		p, err := target.MappedPort(ctx, Port)
		if err == nil && !p.IsZero() {
			return strconv.Itoa(int(p.Num())), nil
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("wait for bcmock: port %s was never published: %w", Port, errors.Join(ctx.Err(), err))
		case <-time.After(w.poll):
		}
	}
}

// candidates lists the addresses to try, testcontainers' own first,
// without repeats.
func candidates(ctx context.Context, target wait.StrategyTarget, mapped string) []candidate {
	var out []candidate
	add := func(host, port, via string) {
		addr := net.JoinHostPort(host, port)
		if host != "" && !slices.ContainsFunc(out, func(c candidate) bool { return c.addr == addr }) {
			out = append(out, candidate{addr: addr, via: via})
		}
	}
	if host, err := target.Host(ctx); err == nil {
		add(host, mapped, "testcontainers' host")
	}
	add("127.0.0.1", mapped, "loopback")
	inspect, err := target.Inspect(ctx)
	if err != nil || inspect.NetworkSettings == nil {
		return out
	}
	containerPort := strconv.Itoa(int(network.MustParsePort(Port).Num()))
	for _, name := range slices.Sorted(maps.Keys(inspect.NetworkSettings.Networks)) {
		nw := inspect.NetworkSettings.Networks[name]
		if nw == nil {
			continue
		}
		if nw.Gateway.IsValid() {
			add(nw.Gateway.String(), mapped, "the gateway of Docker network "+name)
		}
		if nw.IPAddress.IsValid() {
			add(nw.IPAddress.String(), containerPort, "the container's address on Docker network "+name)
		}
	}
	return out
}

// probeResult is how polling one address ended.
type probeResult struct {
	addr string
	err  error // nil: it answered; else the last failure
}

// probe polls c until HealthPath answers 200 or ctx ends. The failure it
// reports is the last one before ctx ended, which says more than the
// cancellation does.
func (w *reachWait) probe(ctx context.Context, client *http.Client, c candidate) probeResult {
	var last error
	for {
		err := health(ctx, client, c.addr)
		if err == nil {
			return probeResult{addr: c.addr}
		}
		if last == nil || ctx.Err() == nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return probeResult{addr: c.addr, err: last}
		case <-time.After(w.poll):
		}
	}
}

// health asks addr for HealthPath once.
func health(ctx context.Context, client *http.Client, addr string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+HealthPath, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ok"`) {
		return fmt.Errorf("answered %s: %.100s", resp.Status, body)
	}
	return nil
}

// exited reports, with the end of its log, a container that stopped.
func exited(ctx context.Context, target wait.StrategyTarget) error {
	st, err := target.State(ctx)
	if err != nil || st.Running || (st.Status != dockercontainer.StateExited && st.Status != dockercontainer.StateDead && !st.OOMKilled) {
		return nil
	}
	msg := fmt.Sprintf("wait for bcmock: the container %s with code %d before it was ready", st.Status, st.ExitCode)
	if tail := logTail(ctx, target, 10); tail != "" {
		msg += "; its log ends:\n" + tail
	}
	return errors.New(msg)
}

// logTail returns the last n lines of the container's log.
func logTail(ctx context.Context, target wait.StrategyTarget, n int) string {
	rc, err := target.Logs(ctx)
	if err != nil {
		return ""
	}
	defer rc.Close()
	var lines []string
	sc := bufio.NewScanner(rc)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > n {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}

// unreachable says why no address answered and what to do about it.
func unreachable(timeout time.Duration, cands []candidate, lastErrs map[string]error) error {
	var b strings.Builder
	fmt.Fprintf(&b, "wait for bcmock: %s did not answer within %v at any address the test process may reach it by:", HealthPath, timeout)
	for _, c := range cands {
		fmt.Fprintf(&b, "\n  %s (%s): %v", c.addr, c.via, lastErrs[c.addr])
	}
	b.WriteString("\nthe container runs, but its published port is not reachable from here")
	if _, err := os.Stat("/.dockerenv"); err == nil {
		b.WriteString(" (these tests run inside a container)")
	}
	b.WriteString(". Set TESTCONTAINERS_HOST_OVERRIDE to an address of the Docker host that reaches its published ports," +
		" or run the tests on the Docker host's network (docker run --network host)")
	return errors.New(b.String())
}
