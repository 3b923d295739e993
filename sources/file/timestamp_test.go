package file

import (
	"math"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	oct1 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		cell string
		want time.Time
	}{
		{"2026-10-01T00:00:00Z", oct1},
		{"2026-10-01T00:00:00.000Z", oct1},
		{"2026-10-01T02:00:00+02:00", oct1},
		{"2026-10-01 00:00:00", oct1},
		{"2026-10-01 00:00:00 UTC", oct1},
		{"2026-10-01 00:00:00.250", oct1.Add(250 * time.Millisecond)},
		{"2026-10-01 00:00", oct1},
		{"2026-10-01", oct1},
		{"2026/10/01 00:00:00", oct1},
		{" 1790812800 ", oct1}, // seconds
		{"1790812800.5", oct1.Add(500 * time.Millisecond)},
		{"1790812800000", oct1},              // milliseconds
		{"1790812800000000", oct1},           // microseconds
		{"1790812800000000001", oct1.Add(1)}, // nanoseconds, exactly
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			got, err := parseTime(tt.cell)
			if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %s, %v; want %s UTC", tt.cell, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "yesterday", "2026-13-01", "1e9", "12:00"} {
		if got, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q) = %s, want an error", bad, got)
		}
	}
}

func TestParseValue(t *testing.T) {
	for _, gap := range []string{"", " ", "NaN", "nan", "null", "None", "N/A", "-"} {
		if v, err := parseValue(gap); err != nil || !math.IsNaN(v) {
			t.Errorf("parseValue(%q) = %g, %v; want a gap", gap, v, err)
		}
	}
	for cell, want := range map[string]float64{"0.12": 0.12, " 42 ": 42, "-1e-3": -0.001, "+Inf": math.Inf(1)} {
		if v, err := parseValue(cell); err != nil || v != want {
			t.Errorf("parseValue(%q) = %g, %v; want %g", cell, v, err, want)
		}
	}
	if _, err := parseValue("abc"); err == nil {
		t.Error("parseValue(abc) succeeded")
	}
}
