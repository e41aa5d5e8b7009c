package testkit_test

import (
	"testing"
	"time"

	"github.com/bcmock/bcmock/testkit"
)

// BenchmarkStart measures what a test pays for its own mock: Start (build
// the mock, listen, serve) and the Close its cleanup runs.
func BenchmarkStart(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []testkit.Option
	}{
		{"wall clock", nil},
		{"fake clock", []testkit.Option{testkit.WithFakeClock(time.Time{})}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				srv := testkit.NewServer(bc.opts...)
				srv.Close()
			}
		})
	}
}
