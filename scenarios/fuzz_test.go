package scenarios_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/bcmock/bcmock/scenarios"
)

// FuzzParse feeds arbitrary bytes to the decoder. It must never panic; a
// failure must be a Problems error whose every problem has a message; and a
// success must survive the round trip: its encoding parses again and
// encodes to the same bytes.
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 5m ./scenarios/
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"examples/*.yaml", "testdata/valid/*.yaml", "testdata/invalid/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, tt := range problemCases {
		if len(tt.src) < 1<<16 {
			f.Add([]byte(tt.src))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.yaml", data)
		if err != nil {
			checkProblems(t, err)
			return
		}
		enc, err := scenarios.Encode(s)
		if err != nil {
			t.Fatalf("Encode of a valid scenario: %v", err)
		}
		again, err := scenarios.Parse("fuzz.yaml", enc)
		if err != nil {
			t.Fatalf("the encoding does not parse: %v\n%s", err, enc)
		}
		enc2, err := scenarios.Encode(again)
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("the encoding is not a fixed point (%v):\n%s\n---\n%s", err, enc, enc2)
		}
	})
}

// checkProblems checks the shape of a Parse error.
func checkProblems(t *testing.T, err error) {
	t.Helper()
	var ps scenarios.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("Parse error %v is not a non-empty Problems", err)
	}
	for _, p := range ps {
		if p.Message == "" || p.Line < 1 || p.Column < 1 {
			t.Fatalf("problem without message or position: %#v", p)
		}
	}
}
