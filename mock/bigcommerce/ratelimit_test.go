package bigcommerce_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestParseRateLimit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bigcommerce.RateLimit
		err  string
	}{
		{in: "150/30s", want: bigcommerce.StandardPlan},
		{in: " 450 / 30s ", want: bigcommerce.RateLimit{Quota: 450, Window: 30 * time.Second}},
		{in: "2/1m30s", want: bigcommerce.RateLimit{Quota: 2, Window: 90 * time.Second}},
		{in: "off", want: bigcommerce.RateLimit{}},
		{in: "OFF", want: bigcommerce.RateLimit{}},
		{in: "150", err: "want QUOTA/WINDOW"},
		{in: "0/30s", err: "at least 1"},
		{in: "x/30s", err: "whole number"},
		{in: "150/30", err: "no unit"},
		{in: "150/0s", err: "at least 1ms"},
		{in: "150/-3s", err: "at least 1ms"},
	} {
		got, err := bigcommerce.ParseRateLimit(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, bigcommerce.ErrInvalidRateLimit) {
				t.Errorf("ParseRateLimit(%q) = %v, %v; want an ErrInvalidRateLimit saying %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseRateLimit(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
		if back, err := bigcommerce.ParseRateLimit(got.String()); err != nil || back != got {
			t.Errorf("String %q does not read back: %+v, %v", got.String(), back, err)
		}
	}
	if s := bigcommerce.StandardPlan.String(); s != "150/30s" {
		t.Errorf("StandardPlan = %q", s)
	}
}
