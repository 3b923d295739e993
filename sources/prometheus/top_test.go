package prometheus

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// line builds a series on a shared 1-minute grid.
func line(name string, vs ...float64) sources.Series {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	s := sources.Series{Name: name, Step: time.Minute}
	for i, v := range vs {
		s.Points = append(s.Points, sources.Point{T: t0.Add(time.Duration(i) * time.Minute), V: v})
	}
	return s
}

func TestKeepTop(t *testing.T) {
	nan := math.NaN()
	in := []sources.Series{
		line("c", 1, 1, 1),     // mean 1
		line("a", 5, 5, 5),     // mean 5
		line("gaps", nan, nan), // no data: ranks last
		line("b", 2, nan, 4),   // mean 3, the gap ignored
		line("d", 1, 1, 1),     // ties with c: by name
	}
	tests := []struct {
		name      string
		top       int
		measure   sources.Measure
		wantNames []string
		wantOther []float64
	}{
		{"rates fold the rest into other", 2, sources.Rate, []string{"a", "b", "other (3 series)"}, []float64{2, 2, 2}},
		{"counts fold the rest into other", 3, sources.Count, []string{"a", "b", "c", "other (2 series)"}, []float64{1, 1, 1}},
		{"gauges drop the rest", 2, sources.Gauge, []string{"a", "b"}, nil},
		{"zero means five", 0, sources.Rate, []string{"a", "b", "c", "d", "gaps"}, nil},
		{"fewer series than top are all kept, sorted", 10, sources.Gauge, []string{"a", "b", "c", "d", "gaps"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keepTop(slices.Clone(in), tt.top, tt.measure)
			if n := names(got); !slices.Equal(n, tt.wantNames) {
				t.Fatalf("names %q, want %q", n, tt.wantNames)
			}
			if tt.wantOther == nil {
				return
			}
			other := got[len(got)-1]
			for i, p := range other.Points {
				// rates, top 2: c+d+gaps = 1+1+NaN → 2 at every point.
				// counts, top 3: d alone = 1.
				if p.V != tt.wantOther[i] {
					t.Errorf("other[%d] = %g, want %g", i, p.V, tt.wantOther[i])
				}
			}
		})
	}
}

func TestFoldKeepsAGapOnlyWhereAllAreGaps(t *testing.T) {
	nan := math.NaN()
	got := foldSum([]sources.Series{line("x", 1, nan, nan), line("y", nan, 2, nan)})
	want := []float64{1, 2, nan}
	for i, p := range got.Points {
		if p.V != want[i] && !(math.IsNaN(p.V) && math.IsNaN(want[i])) {
			t.Errorf("point %d = %g, want %g", i, p.V, want[i])
		}
	}
}
