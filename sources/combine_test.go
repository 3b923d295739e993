package sources

import (
	"slices"
	"testing"
	"time"
)

func TestCombineFoldsGroupsByKindAndMeasure(t *testing.T) {
	// a has minutes 0..2, b minutes 1..3: the union is 0..3.
	a := perMinute("", 1, 2, gap)
	b := seriesFrom(1, time.Minute, "", 10, gap, 30)
	union := []time.Time{at(0), at(1), at(2), at(3)}
	tests := []struct {
		name string
		kind Kind
		m    Measure
		want []float64
	}{
		// 1 | 2+10 | no value at all | 30
		{"error counts are summed", KindErrors, Count, []float64{1, 12, gap, 30}},
		{"load rates are summed", KindLoad, Rate, []float64{1, 12, gap, 30}},
		// 1 | max(2, 10) | gap | 30
		{"latency takes the worst group", KindLatency, Gauge, []float64{1, 10, gap, 30}},
		{"gauges do not add up", KindLoad, Gauge, []float64{1, 10, gap, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Combine(tt.kind, tt.m, []Series{a, b})
			wantPoints(t, got, union, tt.want)
			if got.Step != time.Minute {
				t.Errorf("step = %v, want 1m", got.Step)
			}
		})
	}
}

func TestCombineTakesTheFirstSeriesOfCustomAndSLO(t *testing.T) {
	a := perMinute("x", 1, 2)
	b := perMinute("x", 10, 20)
	for _, k := range []Kind{KindCustom, KindSLO} {
		got := Combine(k, Gauge, []Series{a, b})
		wantPoints(t, got, []time.Time{at(0), at(1)}, []float64{1, 2})
	}
}

func TestCombineOfOneOrNoSeries(t *testing.T) {
	a := perMinute("s", 1, 2)
	if got := Combine(KindLatency, Gauge, []Series{a}); got.Name != a.Name || len(got.Points) != 2 {
		t.Errorf("one series should come back as is, got %+v", got)
	}
	if got := Combine(KindLatency, Gauge, nil); got.Len() != 0 {
		t.Errorf("no series should give an empty series, got %+v", got)
	}
}

func TestCombineAlignsUnsortedSeriesAndKeepsWarnings(t *testing.T) {
	a := Series{Points: []Point{{at(2), 2}, {at(0), 1}}, Warnings: []string{"partial"}}
	b := Series{Points: []Point{{at(1), 5}}, Warnings: []string{"partial", "slow"}}
	got := Combine(KindErrors, Count, []Series{a, b})
	wantPoints(t, got, []time.Time{at(0), at(1), at(2)}, []float64{1, 5, 2})
	if !slices.Equal(got.Warnings, []string{"partial", "slow"}) {
		t.Errorf("warnings = %q, want each once", got.Warnings)
	}
}

func TestRatioIsPercentPerBucketWithGapsWhereUndefined(t *testing.T) {
	num := perMinute("", 1, 2, gap, 4)
	den := perMinute("", 100, 0, 50)
	got := Ratio(num, den)
	// 1/100 = 1 % | den 0 | num missing | den missing
	wantPoints(t, got, []time.Time{at(0), at(1), at(2), at(3)}, []float64{1, gap, gap, gap})
	if got.Unit != "%" {
		t.Errorf("unit = %q, want %%", got.Unit)
	}
}

func TestStepOfFallsBackToTheMedianSpacing(t *testing.T) {
	s := Series{Points: []Point{{at(0), 1}, {at(1), 1}, {at(2), 1}, {at(10), 1}}}
	// spacings 1m, 1m, 8m: the median is 1m, the outlier does not matter
	if got := stepOf(s); got != time.Minute {
		t.Errorf("stepOf = %v, want 1m", got)
	}
	s.Step = 5 * time.Minute
	if got := stepOf(s); got != 5*time.Minute {
		t.Errorf("stepOf with Step = %v, want the declared 5m", got)
	}
	if got := stepOf(Series{Points: []Point{{at(0), 1}}}); got != 0 {
		t.Errorf("stepOf one point = %v, want 0 (unknown)", got)
	}
}
