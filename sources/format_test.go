package sources

import (
	"math"
	"testing"
)

func TestFormatValuePicksAReadableUnit(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		unit string
		want string
	}{
		{"seconds below one read as ms", 0.142, "s", "142 ms"},
		{"seconds keep three digits", 1.2412, "s", "1.24 s"},
		{"sub-millisecond reads as µs", 0.00085, "s", "850 µs"},
		{"sub-microsecond reads as ns", 5e-7, "s", "500 ns"},
		{"ms stay ms", 250, "ms", "250 ms"},
		{"ms above a second read as s", 1500, "ms", "1.5 s"},
		{"µs input", 850, "us", "850 µs"},
		{"rounding up crosses into the next unit", 0.9996, "s", "1 s"}, // 0.9996 → 1.00 s, not 1000 ms
		{"long durations read as minutes", 2000, "s", "33.3 min"},      // 2000 / 60 = 33.33
		{"very long durations read as hours", 90000, "s", "25 h"},      // 90000 / 3600
		{"zero time", 0, "s", "0 s"},
		{"negative time", -0.142, "s", "-142 ms"},
		{"tiny share", 0.02, "%", "0.02 %"},
		{"small share", 4.1, "%", "4.1 %"},
		{"three digits of a share", 12.345, "%", "12.3 %"},
		{"share just under 100 keeps its decimals", 99.95, "%", "99.95 %"},
		{"99.5 is not 100", 99.5, "%", "99.5 %"},
		{"five nines", 99.999, "%", "99.999 %"},
		{"95.3 keeps one decimal", 95.3, "%", "95.3 %"},
		{"a full share", 100, "%", "100 %"},
		{"no share", 0, "%", "0 %"},
		{"very small share", 0.00123, "%", "0.00123 %"},
		{"thousands get k", 1200, "req/s", "1.2k req/s"},
		{"millions get M", 3.4e6, "", "3.4M"},
		{"three significant digits with a suffix", 1234567, "", "1.23M"},
		{"giga", 2.5e9, "B", "2.5G B"},
		{"tera", 1e13, "", "10T"},
		{"beyond tera an exponent", 1e300, "", "1e+300"},
		{"the last T", 999e12, "", "999T"},
		{"huge seconds stay short", 1e300, "s", "2.78e+296 h"}, // 1e300 / 3600
		{"huge percent stays short", 1e300, "%", "1e+300 %"},
		{"rounding up crosses into k", 999.6, "", "1k"}, // 999.6 → 1.00e3
		{"just under a thousand", 999, "", "999"},
		{"rounding up crosses into M", 999600, "", "1M"},
		{"fractions of a request", 0.5, "req/s", "0.5 req/s"},
		{"small fractions keep three digits", 0.000123, "", "0.000123"},
		{"negative count", -1500, "", "-1.5k"},
		{"very small numbers use an exponent", 1e-7, "", "1e-07"},
		{"no data is a dash", math.NaN(), "s", "–"},
		{"no data without unit", math.NaN(), "", "–"},
		{"infinity", math.Inf(1), "s", "∞ s"},
		{"minus infinity", math.Inf(-1), "", "-∞"},
		{"plain integer", 42, "", "42"},
		{"integer with decimals dropped", 2.0, "", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatValue(tt.v, tt.unit); got != tt.want {
				t.Errorf("FormatValue(%v, %q) = %q, want %q", tt.v, tt.unit, got, tt.want)
			}
		})
	}
}

func TestFormatChangeShowsSignPercentAndVerdict(t *testing.T) {
	tests := []struct {
		name string
		c    Change
		want string
	}{
		{
			"a drop that is better",
			// (110 − 140) / 140 = −21.4 %
			change(Figure{Key: "p95", Value: 110}, Figure{Value: 140}, LowerIsBetter),
			"−21 % (better)",
		},
		{
			"load growth is only a change",
			// (125 − 100) / 100 = +25 %
			change(Figure{Key: "mean", Value: 125}, Figure{Value: 100}, Neutral),
			"+25 %",
		},
		{
			"a small rise that is worse",
			// (104.12 − 100) / 100 = +4.12 % → two significant digits
			change(Figure{Key: "p95", Value: 104.12}, Figure{Value: 100}, LowerIsBetter),
			"+4.1 % (worse)",
		},
		{
			"noise reads as same",
			// (100.4 − 100) / 100 = +0.4 %, under 1 %
			change(Figure{Key: "p95", Value: 100.4}, Figure{Value: 100}, LowerIsBetter),
			"+0.4 % (same)",
		},
		{
			"equal values",
			change(Figure{Key: "p95", Value: 7}, Figure{Value: 7}, LowerIsBetter),
			"0 % (same)",
		},
		{
			"from zero shows the absolute change",
			change(Figure{Key: "errors", Value: 5}, Figure{Value: 0}, LowerIsBetter),
			"+5 (worse)",
		},
		{
			"from zero with a unit",
			change(Figure{Key: "p95", Value: 0.2, Unit: "s"}, Figure{Value: 0}, LowerIsBetter),
			"+200 ms (worse)",
		},
		{
			"no previous data",
			change(Figure{Key: "p95", Value: 1}, Figure{Value: math.NaN()}, LowerIsBetter),
			"n/a",
		},
		{
			"a large rise rounds to whole percent",
			// (2.5 − 1) / 1 = +150 %
			change(Figure{Key: "p95", Value: 2.5}, Figure{Value: 1}, LowerIsBetter),
			"+150 % (worse)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatChange(tt.c); got != tt.want {
				t.Errorf("FormatChange(%+v) = %q, want %q", tt.c, got, tt.want)
			}
		})
	}
}

func TestFormatTickKeepsOneUnitAndDistinctLabels(t *testing.T) {
	// Each row is one axis: its unit, step and largest label, then its
	// labels as values and as they must read.
	axes := []struct {
		unit          string
		step, largest float64
		labels        map[float64]string
	}{
		{"s", 0.1, 0.4, map[float64]string{0: "0 ms", 0.1: "100 ms", 0.3: "300 ms", 0.4: "400 ms"}},
		{"s", 0.5, 1.5, map[float64]string{0: "0 s", 0.5: "0.5 s", 1: "1 s", 1.5: "1.5 s"}},
		{"ms", 200, 1000, map[float64]string{800: "0.8 s", 1000: "1 s"}},
		{"%", 0.02, 0.1, map[float64]string{0: "0 %", 0.02: "0.02 %", 0.04: "0.04 %", 0.1: "0.1 %"}},
		{"%", 0.05, 100, map[float64]string{99.85: "99.85 %", 99.9: "99.9 %", 99.95: "99.95 %", 100: "100 %"}},
		{"req/s", 200, 1400, map[float64]string{1000: "1k req/s", 1200: "1.2k req/s", 1400: "1.4k req/s"}},
		{"", 0.0025, 0.01, map[float64]string{0.0075: "0.0075", 0.01: "0.01"}},
		{"", 1e6, 3e6, map[float64]string{-1e6: "-1M", 0: "0", 3e6: "3M"}},
	}
	for _, a := range axes {
		for v, want := range a.labels {
			if got := FormatTick(v, a.step, a.unit, a.largest); got != want {
				t.Errorf("FormatTick(%v, %v, %q, %v) = %q, want %q", v, a.step, a.unit, a.largest, got, want)
			}
		}
	}
}
