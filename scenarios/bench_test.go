package scenarios_test

import (
	"testing"

	"github.com/bcmock/bcmock/scenarios"
)

// BenchmarkParseHugeFile measures a file with 20,000 hooks and 60,000
// problems, of which Parse lists the first 200 (about 0.6 s on the 2-core
// work machine when it was written).
func BenchmarkParseHugeFile(b *testing.B) {
	data := hugeFile(20000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := scenarios.Parse("huge.yaml", data); err == nil {
			b.Fatal("Parse accepted the huge file")
		}
	}
}

// BenchmarkParseAliasBomb measures how fast Parse refuses a file whose
// aliases would expand to a million values.
func BenchmarkParseAliasBomb(b *testing.B) {
	data := []byte(aliasBomb)
	for b.Loop() {
		if _, err := scenarios.Parse("bomb.yaml", data); err == nil {
			b.Fatal("Parse accepted the alias bomb")
		}
	}
}
