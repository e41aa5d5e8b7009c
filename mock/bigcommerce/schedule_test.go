// These tests lock BigCommerce's documented retry ladder (11 delays, 12
// attempts, the last 173,040 s after the first) and the one duration rule.
// They need no clock.
package bigcommerce_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
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
		got, ok := bigcommerce.DefaultSchedule.Delay(tc.attempt)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Delay(%d) = %v, %v; want %v, %v", tc.attempt, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDefaultScheduleOffsets(t *testing.T) {
	if got := bigcommerce.DefaultSchedule.Attempts(); got != 12 {
		t.Fatalf("Attempts() = %d, want 12", got)
	}
	var want []time.Duration
	for _, s := range []int{0, 60, 240, 540, 1140, 2040, 3840, 7440, 14640, 36240, 86640, 173040} {
		want = append(want, time.Duration(s)*time.Second)
	}
	if got := bigcommerce.DefaultSchedule.Offsets(); !slices.Equal(got, want) {
		t.Fatalf("Offsets() = %v, want %v", got, want)
	}
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name string
		text string
		want bigcommerce.Schedule
		err  string // "" for success
	}{
		{"durations", "60s,3m,1h", bigcommerce.Schedule{time.Minute, 3 * time.Minute, time.Hour}, ""},
		{"spaces", " 60s, 3m ", bigcommerce.Schedule{time.Minute, 3 * time.Minute}, ""},
		{"sub-second", "250ms", bigcommerce.Schedule{250 * time.Millisecond}, ""},
		{"none", "none", bigcommerce.Schedule{}, ""},
		{"NONE", " NONE ", bigcommerce.Schedule{}, ""},
		{"default text", bigcommerce.DefaultSchedule.String(), bigcommerce.DefaultSchedule, ""},
		{"empty", "", nil, "empty retry schedule: write delays such as 60s,3m or none"},
		{"bare seconds", "60,180", nil, `delay 1: "60" has no unit: write "60s" or "60ms"; delay 2: "180" has no unit: write "180s" or "180ms"`},
		{"empty field", "60s,,3m", nil, "delay 2: empty duration"},
		{"zero", "0s", nil, "delay 1: a retry delay must be positive, got 0s"},
		{"bare zero", "1s,0", nil, "delay 2: a retry delay must be positive, got 0s"},
		{"negative", "-5s", nil, "delay 1: a retry delay must be positive, got -5s"},
		{"garbage", "soon", nil, `delay 1: "soon" is not a duration such as 250ms, 90s, 2m or 49h`},
		{"days", "1h,2d", nil, `delay 2: durations stop at hours: write "48h"`},
		{"minutes spelt out", "5min", nil, `delay 1: "5min" spells out its unit: write "5m"`},
		{"overflow", "99999999999999999s", nil, `delay 1: "99999999999999999s" is not a duration such as 250ms, 90s, 2m or 49h`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := bigcommerce.ParseSchedule(tc.text)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err || !errors.Is(err, bigcommerce.ErrInvalidSchedule) {
					t.Fatalf("ParseSchedule(%q) error = %v\nwant %s (wrapping ErrInvalidSchedule)", tc.text, err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseSchedule(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
			}
		})
	}
}

func TestScheduleErrorPointsAtEachDelay(t *testing.T) {
	_, err := bigcommerce.ParseSchedule("60s, 3x,5")
	var se *bigcommerce.ScheduleError
	if !errors.As(err, &se) {
		t.Fatalf("error %v is not a *ScheduleError", err)
	}
	var got [][2]int
	for _, b := range se.Bad {
		got = append(got, [2]int{b.Index, b.Offset})
	}
	if want := [][2]int{{1, 5}, {2, 8}}; !slices.Equal(got, want) {
		t.Errorf("bad delays at %v, want %v", got, want)
	}
	if !errors.Is(err, bigcommerce.ErrInvalidDuration) {
		t.Errorf("%v does not wrap ErrInvalidDuration", err)
	}
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		s   bigcommerce.Schedule
		err string
	}{
		{bigcommerce.DefaultSchedule, ""},
		{nil, ""},
		{bigcommerce.Schedule{time.Second, 0}, "delay 2: a retry delay must be positive, got 0s"},
		{bigcommerce.Schedule{-time.Minute}, "delay 1: a retry delay must be positive, got -1m0s"},
	}
	for _, tc := range tests {
		err := tc.s.Validate()
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%v.Validate() = %v", tc.s, err)
		case tc.err != "" && (err == nil || err.Error() != tc.err || !errors.Is(err, bigcommerce.ErrInvalidSchedule)):
			t.Errorf("%v.Validate() = %v, want %s", tc.s, err, tc.err)
		}
	}
}

func TestScheduleString(t *testing.T) {
	tests := []struct {
		s    bigcommerce.Schedule
		want string
	}{
		{bigcommerce.DefaultSchedule, "60s,180s,300s,600s,900s,1800s,3600s,7200s,21600s,50400s,86400s"},
		{bigcommerce.Schedule{}, "none"},
		{nil, "none"},
		{bigcommerce.Schedule{1500 * time.Millisecond}, "1.5s"},
	}
	for _, tc := range tests {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		back, err := bigcommerce.ParseSchedule(tc.s.String())
		if err != nil || !slices.Equal(back, tc.s) {
			t.Errorf("ParseSchedule(%q) = %v, %v; want a round trip", tc.s.String(), back, err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string // "" for success
	}{
		{"250ms", 250 * time.Millisecond, ""},
		{"5ms", 5 * time.Millisecond, ""},
		{"49h", 49 * time.Hour, ""},
		{"1h30m", 90 * time.Minute, ""},
		{" 90s ", 90 * time.Second, ""},
		{"0", 0, ""},
		{"-2m", -2 * time.Minute, ""},
		{"", 0, "empty duration"},
		{"5", 0, `"5" has no unit: write "5s" or "5ms"`},
		{"1.5", 0, `"1.5" has no unit: write "1.5s" or "1.5ms"`},
		{"2d", 0, `durations stop at hours: write "48h"`},
		{"5min", 0, `"5min" spells out its unit: write "5m"`},
		{"5mins", 0, `"5mins" spells out its unit: write "5m"`},
		{"5sec", 0, `"5sec" spells out its unit: write "5s"`},
		{"5secs", 0, `"5secs" spells out its unit: write "5s"`},
		{"5hr", 0, `"5hr" spells out its unit: write "5h"`},
		{"5hrs", 0, `"5hrs" spells out its unit: write "5h"`},
		{"5hours", 0, `"5hours" spells out its unit: write "5h"`},
		{"1hr30mins", 0, `"1hr30mins" spells out its unit: write "1h30m"`},
		{"soon", 0, `"soon" is not a duration such as 250ms, 90s, 2m or 49h`},
		{"1e3", 0, `"1e3" is not a duration such as 250ms, 90s, 2m or 49h`},
		{"5parsecs", 0, `"5parsecs" is not a duration such as 250ms, 90s, 2m or 49h`},
	}
	for _, tc := range tests {
		got, err := bigcommerce.ParseDuration(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || err.Error() != tc.err || !errors.Is(err, bigcommerce.ErrInvalidDuration) {
			t.Errorf("ParseDuration(%q) error = %v\nwant %s (wrapping ErrInvalidDuration)", tc.in, err, tc.err)
		}
	}
}

// ParseSchedule reads a --retry-schedule flag; String writes it back.
func ExampleParseSchedule() {
	s, err := bigcommerce.ParseSchedule("30s,2m,10m")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Attempts(), "attempts, offsets", s.Offsets())
	fmt.Println(s)
	_, err = bigcommerce.ParseSchedule("30s,2min")
	fmt.Println(err)
	// Output:
	// 4 attempts, offsets [0s 30s 2m30s 12m30s]
	// 30s,120s,600s
	// delay 2: "2min" spells out its unit: write "2m"
}
