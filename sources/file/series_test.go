package file

import (
	"math"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func pts(step time.Duration, at ...int) []sources.Point {
	out := make([]sources.Point, len(at))
	for i, k := range at {
		out[i] = sources.Point{T: at0.Add(time.Duration(k) * step), V: float64(k)}
	}
	return out
}

var at0 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func TestInferStep(t *testing.T) {
	tests := []struct {
		name string
		pts  []sources.Point
		want time.Duration
	}{
		{"regular minutes", pts(time.Minute, 0, 1, 2, 3), time.Minute},
		// Spacings 1,1,3,1: the usual one wins over the hole.
		{"a hole does not change the step", pts(time.Minute, 0, 1, 2, 5, 6), time.Minute},
		// Spacings 1,2,1,2: a tie goes to the smaller.
		{"a tie takes the smaller", pts(time.Minute, 0, 1, 3, 4, 6), time.Minute},
		{"one point has no step", pts(time.Minute, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inferStep(tt.pts); got != tt.want {
				t.Errorf("inferStep = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFinish(t *testing.T) {
	// Rows out of order, 00:02 twice (the later row, 9, wins), 00:04 and
	// 00:05 missing, one +Inf; the window leaves out 00:00 and 00:07.
	in := sources.Series{Name: "x", Points: []sources.Point{
		{T: at0.Add(3 * time.Minute), V: 3},
		{T: at0, V: 0},
		{T: at0.Add(2 * time.Minute), V: 2},
		{T: at0.Add(time.Minute), V: math.Inf(1)},
		{T: at0.Add(2 * time.Minute), V: 9},
		{T: at0.Add(6 * time.Minute), V: 6},
		{T: at0.Add(7 * time.Minute), V: 7},
	}}
	w := sources.Window{From: at0.Add(time.Minute), To: at0.Add(7 * time.Minute)}
	got, notes := finish(table{series: []sources.Series{in}}, w)
	nan := math.NaN()
	want := []float64{nan, 9, 3, nan, nan, 6} // 00:01 … 00:06
	s := got[0]
	if s.Step != time.Minute || len(s.Points) != len(want) {
		t.Fatalf("step %s, %d points; want 1m, %d", s.Step, len(s.Points), len(want))
	}
	for i, p := range s.Points {
		if !p.T.Equal(at0.Add(time.Duration(i+1)*time.Minute)) || !(p.V == want[i] || math.IsNaN(p.V) && math.IsNaN(want[i])) {
			t.Errorf("point %d = %s %g, want 00:%02d %g", i, p.T, p.V, i+1, want[i])
		}
	}
	if len(notes) != 2 {
		t.Errorf("notes %q, want one about the duplicate and one about +Inf", notes)
	}
}

func TestFillGapsIsBounded(t *testing.T) {
	// Two points a year apart at a 1-minute step: not half a million gaps.
	p := []sources.Point{{T: at0, V: 1}, {T: at0.Add(time.Minute), V: 1}, {T: at0.Add(365 * 24 * time.Hour), V: 2}}
	if got := fillGaps(p, time.Minute); len(got) != 3 {
		t.Errorf("%d points, want the 3 given", len(got))
	}
}
