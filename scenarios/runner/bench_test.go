package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// ladderOnly walks BigCommerce's whole 48-hour ladder: 12 failed attempts,
// the hook deactivated, a 90002 to the exception hook.
const ladderOnly = `
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-01-01T00:00:00Z}
  hooks:
    - {name: orders, scope: store/order/created, receiver: broken}
    - {name: exceptions, scope: store/hook/deliveryException, receiver: alerts}
receivers:
  - {name: broken, responses: [503]}
  - name: alerts
steps:
  - raise: store/order/created
  - advance: 49h
  - expect:
      deliveries:
        - hook: orders
          attempts: 12
          offsets: [0s, 1m, 4m, 9m, 19m, 34m, 1h4m, 2h4m, 4h4m, 10h4m, 24h4m, 48h4m]
          status: failed
          signature: valid
      hooks: [{name: orders, status: deactivated}]
      exceptions: [{hook: orders, error_code: 90002, count: 1}]
`

// BenchmarkLadder times a whole run (mock, receivers, hooks, steps,
// checks, teardown) of a scenario that walks the 48-hour retry ladder.
func BenchmarkLadder(b *testing.B) {
	s := parse(b, "ladder.yaml", ladderOnly)
	b.ReportAllocs()
	for b.Loop() {
		if res := runner.Run(context.Background(), s); !res.Passed() {
			b.Fatal(res.Report())
		}
	}
}

// BenchmarkLadderExample times the example that walks the ladder, then
// reactivates the hook (scenarios/examples/retry-ladder-deactivation.yaml).
func BenchmarkLadderExample(b *testing.B) {
	benchmarkFile(b, "../examples/retry-ladder-deactivation.yaml")
}

// BenchmarkExamples times every example in turn (one op runs them all).
func BenchmarkExamples(b *testing.B) {
	files, _ := filepath.Glob("../examples/*.yaml")
	loaded := make([]*scenarios.Scenario, len(files))
	for i, f := range files {
		s, err := scenarios.Load(f)
		if err != nil {
			b.Fatal(err)
		}
		loaded[i] = s
	}
	for b.Loop() {
		for _, s := range loaded {
			if res := runner.Run(context.Background(), s); !res.Passed() {
				b.Fatal(res.Report())
			}
		}
	}
}

func benchmarkFile(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	s := parse(b, path, string(data))
	b.ReportAllocs()
	for b.Loop() {
		if res := runner.Run(context.Background(), s); !res.Passed() {
			b.Fatal(res.Report())
		}
	}
}
