// These tests lock BigCommerce's documented retry ladder: 11 delays, 12
// attempts, the last 173,040 s after the first. They need no clock.
package webhook_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/webhook"
)

func TestDefaultScheduleDelay(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
		ok      bool
	}{
		{0, 0, false},
		{-1, 0, false},
		{1, 60 * time.Second, true},
		{2, 180 * time.Second, true},
		{3, 300 * time.Second, true},
		{4, 600 * time.Second, true},
		{5, 900 * time.Second, true},
		{6, 1800 * time.Second, true},
		{7, 3600 * time.Second, true},
		{8, 7200 * time.Second, true},
		{9, 21600 * time.Second, true},
		{10, 50400 * time.Second, true},
		{11, 86400 * time.Second, true},
		{12, 0, false},
		{13, 0, false},
	}
	for _, tc := range tests {
		got, ok := webhook.DefaultSchedule.Delay(tc.attempt)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Delay(%d) = %v, %v; want %v, %v", tc.attempt, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDefaultScheduleOffsets(t *testing.T) {
	if got := webhook.DefaultSchedule.Attempts(); got != 12 {
		t.Fatalf("Attempts() = %d, want 12", got)
	}
	want := secs(0, 60, 240, 540, 1140, 2040, 3840, 7440, 14640, 36240, 86640, 173040)
	if got := webhook.DefaultSchedule.Offsets(); !slices.Equal(got, want) {
		t.Fatalf("Offsets() = %v, want %v", got, want)
	}
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    webhook.Schedule
		wantErr bool
	}{
		{"durations", "60s,3m,1h", webhook.Schedule{time.Minute, 3 * time.Minute, time.Hour}, false},
		{"bare seconds", "60, 180", webhook.Schedule{time.Minute, 3 * time.Minute}, false},
		{"sub-second", "250ms", webhook.Schedule{250 * time.Millisecond}, false},
		{"none", "none", webhook.Schedule{}, false},
		{"NONE", " NONE ", webhook.Schedule{}, false},
		{"default text", webhook.DefaultSchedule.String(), webhook.DefaultSchedule, false},
		{"empty", "", nil, true},
		{"empty field", "60s,,3m", nil, true},
		{"zero", "0s", nil, true},
		{"negative", "-5s", nil, true},
		{"garbage", "soon", nil, true},
		{"overflow", "99999999999999999", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := webhook.ParseSchedule(tc.text)
			if tc.wantErr {
				if !errors.Is(err, webhook.ErrInvalidSchedule) {
					t.Fatalf("ParseSchedule(%q) error = %v, want ErrInvalidSchedule", tc.text, err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseSchedule(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
			}
		})
	}
}

func TestScheduleString(t *testing.T) {
	tests := []struct {
		s    webhook.Schedule
		want string
	}{
		{webhook.DefaultSchedule, "60s,180s,300s,600s,900s,1800s,3600s,7200s,21600s,50400s,86400s"},
		{webhook.Schedule{}, "none"},
		{nil, "none"},
		{webhook.Schedule{1500 * time.Millisecond}, "1.5s"},
	}
	for _, tc := range tests {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		back, err := webhook.ParseSchedule(tc.s.String())
		if err != nil || !slices.Equal(back, tc.s) {
			t.Errorf("ParseSchedule(%q) = %v, %v; want a round trip", tc.s.String(), back, err)
		}
	}
}
