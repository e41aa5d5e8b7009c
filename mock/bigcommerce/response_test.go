package bigcommerce_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestHeaderProblem(t *testing.T) {
	many := func(n int) http.Header {
		h := http.Header{}
		for i := range n {
			h.Set(fmt.Sprintf("X-H%d", i), "v")
		}
		return h
	}
	tests := []struct {
		name   string
		header http.Header
		want   string // "" or a part of the problem
	}{
		{"none", http.Header{}, ""},
		{"64 fields", many(64), ""},
		{"65 fields", many(65), "65 header fields, more than the 64 allowed"},
		{"repeated values count", http.Header{"Set-Cookie": make([]string, 65)}, "65 header fields"},
		{"64-byte name", http.Header{strings.Repeat("N", 64): {"v"}}, ""},
		{"65-byte name", http.Header{strings.Repeat("N", 65): {"v"}}, "is 65 bytes, more than the 64 allowed"},
		{"8 KB value", http.Header{"X-Big": {strings.Repeat("v", 8192)}}, ""},
		{"8 KB + 1 value", http.Header{"X-Big": {strings.Repeat("v", 8193)}}, "header X-Big has a value of 8193 bytes, more than the 8192 allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bigcommerce.HeaderProblem(tt.header)
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("HeaderProblem = %q, want %q", got, tt.want)
			}
		})
	}
}
