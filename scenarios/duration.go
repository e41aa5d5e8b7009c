package scenarios

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Duration is a time.Duration written the friendly way in YAML: "250ms",
// "2m", "49h", "1h30m". It is read by bigcommerce.ParseDuration, the one
// duration rule of bcmock: a unit is required ("250" is refused as
// ambiguous) and Go's units stop at hours, so two days is "48h".
type Duration time.Duration

// String formats d without zero units: "49h", "1h30m", "250ms", "0s".
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// MarshalYAML writes d as its String form.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// Schedule is a retry ladder as a scenario file writes it: only the YAML
// form of bigcommerce.Schedule, whose methods (Attempts, Offsets, String)
// it has.
//
// In YAML it is a list of durations ([60s, 3m, 5m]), the same as one string
// ("60s,3m,5m"), or "none" for no retries; every delay must be positive,
// which decoding checks. Encode writes a list, or "none" for an empty
// schedule. A nil Schedule is "not set": Validate replaces it with
// bigcommerce.DefaultSchedule.
type Schedule struct{ bigcommerce.Schedule }

// IsZero reports whether s is unset (nil), so that an empty schedule ("no
// retries") survives omitempty when encoded.
func (s Schedule) IsZero() bool { return s.Schedule == nil }

// MarshalYAML writes s as a flow list of durations, or "none".
func (s Schedule) MarshalYAML() (any, error) {
	if len(s.Schedule) == 0 {
		return bigcommerce.NoRetries, nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, d := range s.Schedule {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: Duration(d).String()})
	}
	return n, nil
}

// RateLimit is a store's request quota as a scenario file writes it:
// "150/30s" (QUOTA/WINDOW, read by bigcommerce.ParseRateLimit) or "off".
// The zero value is off.
type RateLimit struct{ bigcommerce.RateLimit }

// IsZero reports whether l is off, so that it is left out when encoded.
func (l RateLimit) IsZero() bool { return l.Off() }

// MarshalYAML writes l as its String form, "150/30s" or "off".
func (l RateLimit) MarshalYAML() (any, error) { return l.String(), nil }
