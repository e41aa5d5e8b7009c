package text

import "testing"

func TestPlural(t *testing.T) {
	tests := []struct {
		n     int
		thing string
		want  string
	}{
		{0, "attempt", "0 attempts"},
		{1, "attempt", "1 attempt"},
		{2, "delivery", "2 deliveries"},
		{1, "delivery", "1 delivery"},
		{3, "more step", "3 more steps"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.thing); got != tt.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tt.n, tt.thing, got, tt.want)
		}
	}
}
