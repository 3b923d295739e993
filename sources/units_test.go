package sources

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseDurationAcceptsGoAndDatadogForms(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"90s", 90 * time.Second},
		{"10m", 10 * time.Minute},
		{"1h30m", 90 * time.Minute},
		{"500ms", 500 * time.Millisecond},
		{"30d", 30 * 24 * time.Hour},                          // 30 × 24 h = 720 h
		{"2w", 14 * 24 * time.Hour},                           // 2 × 7 d
		{"1d12h", 36 * time.Hour},                             // 24 h + 12 h
		{"1.5h", 90 * time.Minute},                            // fractions as in Go
		{"0.1s", 100 * time.Millisecond},                      // 0.1 × 1e9 rounds to 1e8 ns exactly
		{"250us", 250 * time.Microsecond},                     // ASCII micro
		{"250µs", 250 * time.Microsecond},                     // micro sign
		{"250μs", 250 * time.Microsecond},                     // Greek mu
		{" 7d ", 7 * 24 * time.Hour},                          // spaces around are fine
		{"0", 0},                                              // Go's bare zero
		{"+5m", 5 * time.Minute},                              // explicit plus
		{"1w2d3h4m5s", (9*24+3)*time.Hour + 245e9},            // 9 d 3 h + 4 m 5 s
		{"180d", 180 * 24 * time.Hour},                        // the 180d comparison
		{"1h1h", 2 * time.Hour},                               // repeated units add, as in Go
		{"1000000h", 1000000 * time.Hour},                     // long but representable
		{"2562047h", 2562047 * time.Hour},                     // just under the int64 limit
		{"5.5m", 5*time.Minute + 30*time.Second},              // half a minute
		{"0.5d", 12 * time.Hour},                              // half a day
		{"3ns", 3 * time.Nanosecond},                          // the smallest unit
		{"1.0000000001s", time.Second},                        // 0.1 ns rounds away
		{"12h0m0s", 12 * time.Hour},                           // what time.Duration.String writes
		{"1m30s", 90 * time.Second},                           // 60 s + 30 s
		{"100ms", 100 * time.Millisecond},                     // the classic timeout
		{"2w1d", 15 * 24 * time.Hour},                         // 14 d + 1 d
		{".5h", 30 * time.Minute},                             // a leading dot is a number
		{"24h", 24 * time.Hour},                               // one day the Go way
		{"1d", 24 * time.Hour},                                // one day the Datadog way
		{"60m", time.Hour},                                    // minutes add up to an hour
		{"3600s", time.Hour},                                  // seconds too
		{"1h0.5m", time.Hour + 30*time.Second},                // fractions in any part
		{"10m10m10m", 30 * time.Minute},                       // three parts of ten
		{"999ms1us", 999*time.Millisecond + time.Microsecond}, // parts of different sizes
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseDurationRejectsWithAnExample(t *testing.T) {
	tests := []struct {
		in, wantIn string
	}{
		{"", "empty"},
		{"abc", "want a duration like 90s, 10m, 30d or 2w"},
		{"10", "10 needs a unit"},
		{"5y", `unknown unit "y"`},
		{"-5m", "negative"},
		{"1h30", "30 needs a unit"},
		{"m", "want a duration like"},
		{"1.2.3s", "1.2 needs a unit"},
		{"99999999999h", "too long"},
		{"5 m", `unknown unit " m"`},
		{"1e3s", `unknown unit "e"`},
	}
	for _, tt := range tests {
		_, err := ParseDuration(tt.in)
		if err == nil {
			t.Errorf("ParseDuration(%q): no error, want one containing %q", tt.in, tt.wantIn)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("ParseDuration(%q) error %q, want it to contain %q", tt.in, err, tt.wantIn)
		}
	}
}

func TestParsePercentReadsAFraction(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"99.5%", 0.995},
		{"99.5", 0.995}, // a bare number is percent too
		{"99.9 %", 0.999},
		{"100%", 1},
		{"0.1%", 0.001},
		{" 50% ", 0.5},
		{"0.995", 0.00995}, // 0.995 %, not 99.5 %: documented
	}
	for _, tt := range tests {
		got, err := ParsePercent(tt.in)
		if err != nil {
			t.Errorf("ParsePercent(%q): %v", tt.in, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("ParsePercent(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParsePercentRejectsOutOfRangeAndJunk(t *testing.T) {
	for _, in := range []string{"0%", "0", "-1%", "100.1%", "150", "abc", "", "%", "NaN", "Inf%", "99.5%%"} {
		if v, err := ParsePercent(in); err == nil {
			t.Errorf("ParsePercent(%q) = %v, want an error", in, v)
		}
	}
}

func TestParseQuantityConvertsIntoThePanelsUnit(t *testing.T) {
	tests := []struct {
		in, unit string
		want     float64
	}{
		{"300ms", "s", 0.3}, // 300 × 1e-3 / 1
		{"0.3", "s", 0.3},   // no unit: already the panel's
		{"250", "ms", 250},
		{"1.5s", "ms", 1500}, // 1.5 × 1 / 1e-3
		{"2%", "%", 2},
		{"2 %", "%", 2},
		{"500us", "ms", 0.5},  // 500e-6 / 1e-3
		{"500µs", "s", 5e-4},  // micro sign
		{"1m", "s", 60},       // a minute
		{"2h", "min", 120},    // 7200 / 60
		{"1e3", "req/s", 1e3}, // an exponent is a number, not a unit
		{"-5", "", -5},        // negative thresholds are allowed
		{"150req/s", "req/s", 150},
		{"42", "", 42},
		{"250ns", "us", 0.25},
	}
	for _, tt := range tests {
		got, err := ParseQuantity(tt.in, tt.unit)
		if err != nil {
			t.Errorf("ParseQuantity(%q, %q): %v", tt.in, tt.unit, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-9*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("ParseQuantity(%q, %q) = %v, want %v", tt.in, tt.unit, got, tt.want)
		}
	}
}

func TestParseQuantityNamesBothUnitsWhenIncompatible(t *testing.T) {
	tests := []struct {
		in, unit string
		want     []string
	}{
		{"300ms", "%", []string{"ms", "%"}},
		{"2%", "s", []string{"%", "s"}},
		{"5req/s", "ms", []string{"req/s", "ms"}},
		{"300ms", "", []string{"ms", "no unit"}},
		{"fast", "s", []string{"want a number"}},
		{"", "s", []string{"want a number"}},
		{"1e999", "s", []string{"out of range"}},
	}
	for _, tt := range tests {
		_, err := ParseQuantity(tt.in, tt.unit)
		if err == nil {
			t.Errorf("ParseQuantity(%q, %q): no error", tt.in, tt.unit)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseQuantity(%q, %q) error %q, want it to name %q", tt.in, tt.unit, err, w)
			}
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90s", "1d12h", "2w", "-1m", "1.5.5h", "0", "µs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err == nil && d < 0 {
			t.Errorf("ParseDuration(%q) = %v: negative without an error", s, d)
		}
	})
}
