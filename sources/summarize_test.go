package sources

import (
	"math"
	"testing"
	"time"
)

func TestSummarizeLatencyUsesNearestRank(t *testing.T) {
	// 20, 19, …, 1 then a gap: 20 valid values, 1 missing.
	vals := make([]float64, 0, 21)
	for v := 20; v >= 1; v-- {
		vals = append(vals, float64(v))
	}
	vals = append(vals, gap)
	s := perMinute("ms", vals...)
	got := SummarizeLatency(s)
	// p50: rank ⌈50·20/100⌉ = 10 → the 10th smallest, 10
	wantFigure(t, got, "p50", 10, "ms", time.Time{})
	// p95: rank ⌈95·20/100⌉ = 19 → 19
	wantFigure(t, got, "p95", 19, "ms", time.Time{})
	wantFigure(t, got, "max", 20, "ms", at(0))
	// the last valid point is 1 at minute 19 (minute 20 is the gap)
	wantFigure(t, got, "last", 1, "ms", at(19))
	if got.Headline != "p95" || got.Kind != KindLatency || got.Valid != 20 || got.Missing != 1 {
		t.Errorf("headline %q kind %q valid %d missing %d, want p95 latency 20 1", got.Headline, got.Kind, got.Valid, got.Missing)
	}
}

func TestNearestRankOnFewValues(t *testing.T) {
	tests := []struct {
		sorted []float64
		p      int
		want   float64
	}{
		{[]float64{7}, 50, 7},
		{[]float64{7}, 95, 7},
		{[]float64{1, 2, 3}, 50, 2},        // ⌈1.5⌉ = 2
		{[]float64{1, 2, 3}, 95, 3},        // ⌈2.85⌉ = 3
		{[]float64{1, 2, 3, 4}, 50, 2},     // ⌈2⌉ = 2: the lower middle
		{[]float64{1, 2, 3, 4, 5}, 95, 5},  // ⌈4.75⌉ = 5
		{[]float64{1, 2, 3, 4, 5}, 100, 5}, // the max
		{nil, 95, gap},
	}
	for _, tt := range tests {
		if got := nearestRank(tt.sorted, tt.p); !near(got, tt.want) {
			t.Errorf("nearestRank(%v, %d) = %v, want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}

func TestSummariesOfAnEmptyWindowAreNaN(t *testing.T) {
	allGaps := perMinute("s", gap, gap, gap)
	cases := map[string]Summary{
		"latency empty":   SummarizeLatency(Series{}),
		"latency gaps":    SummarizeLatency(allGaps),
		"errors empty":    SummarizeErrors(Series{}, Series{}, Count),
		"errors gaps":     SummarizeErrors(allGaps, allGaps, Rate),
		"load empty":      SummarizeLoad(Series{}, Count),
		"load gaps":       SummarizeLoad(allGaps, Rate),
		"custom empty":    SummarizeCustom(Series{}),
		"dispatch errors": Summarize(KindErrors, Count, nil, nil),
		"dispatch slo":    Summarize(KindSLO, Gauge, nil, nil),
	}
	for name, s := range cases {
		if !s.Empty() || s.Valid != 0 {
			t.Errorf("%s: valid %d, want 0", name, s.Valid)
		}
		if len(s.Figures) == 0 {
			t.Errorf("%s: no figures, want NaN figures", name)
		}
		for _, f := range s.Figures {
			if !math.IsNaN(f.Value) {
				t.Errorf("%s: figure %q = %v, want NaN", name, f.Key, f.Value)
			}
		}
		if !math.IsNaN(s.Head().Value) {
			t.Errorf("%s: headline %v, want NaN", name, s.Head().Value)
		}
	}
	if got := SummarizeLatency(allGaps); got.Missing != 3 {
		t.Errorf("all gaps: missing %d, want 3", got.Missing)
	}
}

func TestSummarizeErrorsOfCounts(t *testing.T) {
	errs := perMinute("", 1, 0, 3, gap)
	total := perMinute("", 100, 100, 50, 100)
	got := SummarizeErrors(errs, total, Count)
	wantFigure(t, got, "errors", 4, "", time.Time{})  // 1 + 0 + 3
	wantFigure(t, got, "total", 350, "", time.Time{}) // 100 + 100 + 50 + 100
	// 100 · 4 / 350 = 1.142857 %
	wantFigure(t, got, "error_pct", 400.0/350, "%", time.Time{})
	// buckets: 1 %, 0 %, 3/50 = 6 %, none → 6 % at minute 2
	wantFigure(t, got, "worst", 6, "%", at(2))
	if got.Headline != "error_pct" || got.Valid != 4 || got.Missing != 0 {
		t.Errorf("headline %q valid %d missing %d, want error_pct 4 0", got.Headline, got.Valid, got.Missing)
	}
}

func TestSummarizeErrorsOfRatesMultipliesByTheStep(t *testing.T) {
	errs := perMinute("", 0.1, 0.2)
	total := perMinute("", 10, 10)
	got := SummarizeErrors(errs, total, Rate)
	wantFigure(t, got, "errors", 18, "", time.Time{})      // (0.1 + 0.2) × 60 s
	wantFigure(t, got, "total", 1200, "", time.Time{})     // (10 + 10) × 60 s
	wantFigure(t, got, "error_pct", 1.5, "%", time.Time{}) // 100 · 18 / 1200
	wantFigure(t, got, "worst", 2, "%", at(1))             // 0.2 / 10
}

func TestSummarizeErrorsTakesTheStepOfTheDenserTotal(t *testing.T) {
	// The backend skipped the buckets without errors and gave no step.
	errs := Series{Points: []Point{{at(1), 0.5}}}
	total := Series{Points: []Point{{at(0), 10}, {at(1), 10}, {at(2), 10}}}
	got := SummarizeErrors(errs, total, Rate)
	wantFigure(t, got, "errors", 30, "", time.Time{})  // 0.5 × 60 s (the total's spacing)
	wantFigure(t, got, "total", 1800, "", time.Time{}) // 30 × 60 s
	wantFigure(t, got, "error_pct", 100.0*30/1800, "%", time.Time{})
}

func TestSummarizeErrorsWithoutErrorPointsIsZeroErrors(t *testing.T) {
	got := SummarizeErrors(Series{}, perMinute("", 10, 10), Count)
	wantFigure(t, got, "errors", 0, "", time.Time{})
	wantFigure(t, got, "error_pct", 0, "%", time.Time{})
}

func TestSummarizeErrorsWithoutTotalCountsOnly(t *testing.T) {
	got := SummarizeErrors(perMinute("", 1, 5, 2), Series{}, Count)
	wantFigure(t, got, "errors", 8, "", time.Time{}) // 1 + 5 + 2
	wantFigure(t, got, "peak", 5, "", at(1))
	if _, ok := got.Figure("error_pct"); ok {
		t.Error("a summary without total must not have error_pct")
	}
	if got.Headline != "errors" || got.Valid != 3 {
		t.Errorf("headline %q valid %d, want errors 3", got.Headline, got.Valid)
	}
}

func TestSummarizeLoad(t *testing.T) {
	t.Run("a rate", func(t *testing.T) {
		got := SummarizeLoad(perMinute("req/s", 10, 20, 30), Rate)
		wantFigure(t, got, "mean", 20, "req/s", time.Time{}) // (10 + 20 + 30) / 3
		wantFigure(t, got, "peak", 30, "req/s", at(2))
		wantFigure(t, got, "total", 3600, "req", time.Time{}) // 60 req/s·min × 60 s
	})
	t.Run("a count per bucket", func(t *testing.T) {
		got := SummarizeLoad(perMinute("", 600, 1200, gap), Count)
		wantFigure(t, got, "mean", 15, "req/s", time.Time{}) // (600 + 1200) / 2 / 60 s
		wantFigure(t, got, "peak", 20, "req/s", at(1))       // 1200 / 60 s
		wantFigure(t, got, "total", 1800, "req", time.Time{})
		if got.Missing != 1 {
			t.Errorf("missing %d, want 1", got.Missing)
		}
	})
	t.Run("a count with a unit", func(t *testing.T) {
		got := SummarizeLoad(perMinute("B", 60), Count)
		wantFigure(t, got, "mean", 1, "B/s", time.Time{})
		wantFigure(t, got, "total", 60, "B", time.Time{})
	})
	t.Run("a rate without unit is requests", func(t *testing.T) {
		got := SummarizeLoad(perMinute("", 5), Rate)
		wantFigure(t, got, "mean", 5, "req/s", time.Time{})
	})
	t.Run("a gauge has no total", func(t *testing.T) {
		got := SummarizeLoad(perMinute("conn", 3, 5), Gauge)
		wantFigure(t, got, "mean", 4, "conn", time.Time{})
		wantFigure(t, got, "peak", 5, "conn", at(1))
		if _, ok := got.Figure("total"); ok {
			t.Error("a gauge must have no total")
		}
	})
	t.Run("a count without a known step has no rate", func(t *testing.T) {
		got := SummarizeLoad(Series{Points: []Point{{at(0), 60}}}, Count)
		wantFigure(t, got, "mean", gap, "req/s", time.Time{})
		wantFigure(t, got, "total", 60, "req", time.Time{})
	})
}

func TestSummarizeCustom(t *testing.T) {
	got := SummarizeCustom(perMinute("x", 3, -1, 7, gap, 2))
	wantFigure(t, got, "min", -1, "x", at(1))
	wantFigure(t, got, "mean", 2.75, "x", time.Time{}) // (3 − 1 + 7 + 2) / 4
	wantFigure(t, got, "max", 7, "x", at(2))
	wantFigure(t, got, "last", 2, "x", at(4))
	if got.Headline != "mean" || got.Valid != 4 || got.Missing != 1 {
		t.Errorf("headline %q valid %d missing %d", got.Headline, got.Valid, got.Missing)
	}
}

func TestSummarizeDispatchesAndCombinesGroups(t *testing.T) {
	t.Run("latency takes the max of groups", func(t *testing.T) {
		got := Summarize(KindLatency, Gauge, []Series{perMinute("s", 0.1, 0.5), perMinute("s", 0.3, 0.2)}, nil)
		// combined: 0.3, 0.5 → p95 rank ⌈1.9⌉ = 2 → 0.5
		wantFigure(t, got, "p95", 0.5, "s", time.Time{})
		wantFigure(t, got, "p50", 0.3, "s", time.Time{})
	})
	t.Run("errors sum groups of both queries", func(t *testing.T) {
		got := Summarize(KindErrors, Count,
			[]Series{perMinute("", 1, 1), perMinute("", 2, 0)},
			[]Series{perMinute("", 50, 50), perMinute("", 50, 50)})
		wantFigure(t, got, "errors", 4, "", time.Time{})
		wantFigure(t, got, "total", 200, "", time.Time{})
		wantFigure(t, got, "error_pct", 2, "%", time.Time{}) // 100 · 4 / 200
	})
	t.Run("errors without total", func(t *testing.T) {
		got := Summarize(KindErrors, Count, []Series{perMinute("", 1, 1)}, nil)
		if got.Headline != "errors" {
			t.Errorf("headline %q, want errors", got.Headline)
		}
	})
	t.Run("load", func(t *testing.T) {
		got := Summarize(KindLoad, Rate, []Series{perMinute("req/s", 1, 3), perMinute("req/s", 1, 3)}, nil)
		wantFigure(t, got, "mean", 4, "req/s", time.Time{}) // (2 + 6) / 2
	})
	t.Run("slo history reads like custom", func(t *testing.T) {
		got := Summarize(KindSLO, Gauge, []Series{perMinute("%", 99.9, 99.7)}, nil)
		if got.Kind != KindSLO {
			t.Errorf("kind %q, want slo", got.Kind)
		}
		wantFigure(t, got, "min", 99.7, "%", at(1))
	})
	t.Run("custom", func(t *testing.T) {
		got := Summarize(KindCustom, Gauge, []Series{perMinute("", 1, 3)}, nil)
		if got.Kind != KindCustom {
			t.Errorf("kind %q, want custom", got.Kind)
		}
		wantFigure(t, got, "mean", 2, "", time.Time{})
	})
}
