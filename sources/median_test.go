package sources

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSortKeyKeepsTheOrderOfFloats(t *testing.T) {
	vals := []float64{math.Inf(-1), -1e300, -2, -1, -1e-300, math.Copysign(0, -1), 0, 1e-300, 1, 2, 1e300, math.Inf(1)}
	for i := 1; i < len(vals); i++ {
		if sortKey(vals[i-1]) >= sortKey(vals[i]) {
			t.Errorf("sortKey(%v) ≥ sortKey(%v)", vals[i-1], vals[i])
		}
	}
}

func TestLowerMedianMatchesSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	gen := map[string]func() float64{
		"normal":     r.NormFloat64,
		"few values": func() float64 { return float64(r.IntN(3)) },      // many duplicates
		"tiny noise": func() float64 { return 0.1 + 1e-12*r.Float64() }, // keys differ only in low bits
		"signs":      func() float64 { return r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20)) },
		"constant":   func() float64 { return 42 },
	}
	for name, g := range gen {
		for _, n := range []int{1, 2, 3, 10, 4096, 4097, 50_000} {
			vals := make([]float64, n)
			for i := range vals {
				vals[i] = g()
			}
			sorted := slices.Sorted(slices.Values(vals))
			want := sorted[(n-1)/2]
			if got := lowerMedian(vals); !near(got, want) {
				t.Errorf("%s, n=%d: lowerMedian = %v, want %v", name, n, got, want)
			}
		}
	}
	if got := lowerMedian(nil); !math.IsNaN(got) {
		t.Errorf("lowerMedian(nil) = %v, want NaN", got)
	}
}
