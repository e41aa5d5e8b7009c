package shop

import "testing"

func TestMoneyDecimal(t *testing.T) {
	tests := []struct {
		m    Money
		want string
	}{
		{0, "0.0000"},
		{12 * Unit, "12.0000"},
		{125_000, "12.5000"},
		{1, "0.0001"},
		{-1, "-0.0001"},
		{-125_050, "-12.5050"},
		{9_999_999_9999, "9999999.9999"},
	}
	for _, tc := range tests {
		if got := tc.m.Decimal(); got != tc.want {
			t.Errorf("Money(%d).Decimal() = %q, want %q", int64(tc.m), got, tc.want)
		}
	}
}

func TestMoneyOf(t *testing.T) {
	tests := []struct {
		in   any
		want Money
		ok   bool
	}{
		{12.5, 125_000, true},
		{"12.5", 125_000, true},
		{"12.0000", 12 * Unit, true},
		{"-0.5", -5_000, true},
		{"1.23456", 0, false},
		{"abc", 0, false},
		{true, 0, false},
	}
	for _, tc := range tests {
		got, ok := MoneyOf(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("MoneyOf(%v) = %d, %v, want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
