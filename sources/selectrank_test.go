package sources

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// valueKinds are value distributions that make selection hard in
// different ways.
func valueKinds(r *rand.Rand) map[string]func() float64 {
	return map[string]func() float64{
		"normal":     r.NormFloat64,
		"few values": func() float64 { return float64(r.IntN(3)) },      // many duplicates
		"tiny noise": func() float64 { return 0.1 + 1e-12*r.Float64() }, // buckets of one value
		"signs":      func() float64 { return r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20)) },
		"constant":   func() float64 { return 42 },
		"a spike":    func() float64 { return []float64{0.1, 0.1, 0.1, 1e6}[r.IntN(4)] + 1e-3*r.Float64() },
		"huge":       func() float64 { return []float64{-math.MaxFloat64, math.MaxFloat64, 1}[r.IntN(3)] },
	}
}

func TestSelectPairMatchesSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for name, g := range valueKinds(r) {
		for _, n := range []int{1, 2, 3, 10, 255, 256, 257, 4096, 8333, 50_000} {
			vals := make([]float64, n)
			pts := make([]Point, n)
			for i := range vals {
				vals[i] = g()
				pts[i] = Point{T: at(i), V: vals[i]}
			}
			// A gap among the points: selectPairOf skips it.
			pts = append(pts, Point{T: at(n), V: gap})
			sorted := slices.Sorted(slices.Values(vals))
			lo, hi := sorted[0], sorted[n-1]
			for _, k := range []int{0, (n - 1) / 2, n - 1} {
				want0, want1 := sorted[k], sorted[min(k+1, n-1)]
				if a, b := selectPair(slices.Clone(vals), k, lo, hi); a != want0 || b != want1 {
					t.Errorf("%s, n=%d, k=%d: selectPair = %v %v, want %v %v", name, n, k, a, b, want0, want1)
				}
				if lo == hi {
					continue // selectPairOf's callers answer a constant column themselves
				}
				if a, b, _ := selectPairOf(pts, n, k, lo, hi, nil); a != want0 || b != want1 {
					t.Errorf("%s, n=%d, k=%d: selectPairOf = %v %v, want %v %v", name, n, k, a, b, want0, want1)
				}
			}
		}
	}
}

func TestBandMedianIsTheMiddleOrTheMeanOfTheTwoMiddle(t *testing.T) {
	w := Window{From: at(0), To: at(2)}
	sec := func(i int) time.Time { return at(0).Add(time.Duration(i) * time.Second) }
	s := Series{Points: []Point{
		// column 0: 3 1 100 2 and a gap → 1 2 3 100 → (2+3)/2
		{sec(0), 3}, {sec(10), 1}, {sec(20), gap}, {sec(30), 100}, {sec(40), 2},
		// column 1: 5 6 9 → 6
		{sec(60), 5}, {sec(70), 9}, {sec(80), 6},
	}}
	b := BandOf(s, w, 2, TrendMedian)
	if b.Typical[0] != 2.5 || b.Typical[1] != 6 {
		t.Errorf("medians %v, want [2.5 6]", b.Typical)
	}
}
