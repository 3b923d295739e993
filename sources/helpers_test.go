package sources

import (
	"math"
	"testing"
	"time"
)

// at is minute i of the test window, which starts 2026-10-23 10:00 UTC.
func at(i int) time.Time {
	return time.Date(2026, 10, 23, 10, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
}

// perMinute is a series with one point a minute from at(0); NaN is a gap.
func perMinute(unit string, vals ...float64) Series {
	return seriesFrom(0, time.Minute, unit, vals...)
}

// seriesFrom starts at minute first with points step apart; the Series'
// Step is step.
func seriesFrom(first int, step time.Duration, unit string, vals ...float64) Series {
	s := Series{Name: "test", Unit: unit, Step: step, Points: make([]Point, len(vals))}
	for i, v := range vals {
		s.Points[i] = Point{T: at(first).Add(time.Duration(i) * step), V: v}
	}
	return s
}

// gap is a point without data; the name keeps tables short.
var gap = math.NaN()

// near compares floats to a relative 1e-9, with NaN equal to NaN.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// wantFigure checks one figure of a summary, and its time when at is set.
func wantFigure(t *testing.T, s Summary, key string, value float64, unit string, when time.Time) {
	t.Helper()
	f, ok := s.Figure(key)
	if !ok {
		t.Errorf("summary has no figure %q (figures %+v)", key, s.Figures)
		return
	}
	if !near(f.Value, value) {
		t.Errorf("figure %q = %v, want %v", key, f.Value, value)
	}
	if f.Unit != unit {
		t.Errorf("figure %q unit = %q, want %q", key, f.Unit, unit)
	}
	if !f.At.Equal(when) {
		t.Errorf("figure %q at %v, want %v", key, f.At, when)
	}
}

// wantPoints compares a series' points with times and values.
func wantPoints(t *testing.T, got Series, times []time.Time, vals []float64) {
	t.Helper()
	if len(got.Points) != len(vals) {
		t.Fatalf("got %d points %v, want %d", len(got.Points), got.Points, len(vals))
	}
	for i, p := range got.Points {
		if !p.T.Equal(times[i]) || !near(p.V, vals[i]) {
			t.Errorf("point %d = (%v, %v), want (%v, %v)", i, p.T.Format("15:04:05"), p.V, times[i].Format("15:04:05"), vals[i])
		}
	}
}
