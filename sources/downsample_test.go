package sources

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// tenMinutes is the window at(0) to at(10).
func tenMinutes() Window { return Window{From: at(0), To: at(10)} }

func TestDownsampleKeepsMinAndMaxPerBucket(t *testing.T) {
	s := Series{Name: "p95", Unit: "s", Points: []Point{
		{at(-1), 100},          // before the window: dropped
		{at(0), 5}, {at(1), 1}, // bucket 0 [0, 2): max then min, in time order
		{at(2), 3}, {at(3), 3}, // bucket 1: min and max are the same (first) point
		{at(4), gap}, {at(5), gap}, // bucket 2: only gaps → one NaN at its start
		{at(6), 7},    // bucket 3: one point; bucket 4 [8, 10) has none → nothing
		{at(10), 100}, // the window is closed-open: dropped
	}}
	got := Downsample(s, tenMinutes(), 5)
	wantPoints(t, got,
		[]time.Time{at(0), at(1), at(2), at(4), at(6)},
		[]float64{5, 1, 3, gap, 7})
	if got.Step != 2*time.Minute || got.Name != "p95" || got.Unit != "s" {
		t.Errorf("step %v name %q unit %q, want 2m p95 s", got.Step, got.Name, got.Unit)
	}

	// The same points in another order give the same result.
	shuffled := slices.Clone(s.Points)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	got = Downsample(Series{Points: shuffled}, tenMinutes(), 5)
	wantPoints(t, got,
		[]time.Time{at(0), at(1), at(2), at(4), at(6)},
		[]float64{5, 1, 3, gap, 7})
}

func TestDownsampleOrdersMinAndMaxByTime(t *testing.T) {
	s := perMinute("", 1, 9) // min first, then max
	got := Downsample(s, tenMinutes(), 1)
	wantPoints(t, got, []time.Time{at(0), at(1)}, []float64{1, 9})
}

func TestDownsampleOfNothing(t *testing.T) {
	s := perMinute("", 1, 2, 3)
	for name, got := range map[string]Series{
		"zero buckets":     Downsample(s, tenMinutes(), 0),
		"negative buckets": Downsample(s, tenMinutes(), -3),
		"empty window":     Downsample(s, Window{From: at(5), To: at(5)}, 10),
		"reversed window":  Downsample(s, Window{From: at(5), To: at(0)}, 10),
		"empty series":     Downsample(Series{}, tenMinutes(), 10),
	} {
		if got.Len() != 0 {
			t.Errorf("%s: %d points, want none", name, got.Len())
		}
	}
}

func TestDownsampleNeverExceedsTwoPointsPerBucket(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	w := Window{From: at(0), To: at(0).Add(time.Hour)}
	for range 20 {
		n, buckets := 1+r.IntN(5000), 1+r.IntN(300)
		s := Series{Points: make([]Point, n)}
		for i := range s.Points {
			v := r.NormFloat64()
			if r.IntN(10) == 0 {
				v = gap
			}
			s.Points[i] = Point{T: w.From.Add(time.Duration(r.Int64N(int64(time.Hour)))), V: v}
		}
		got := Downsample(s, w, buckets)
		if got.Len() > 2*buckets {
			t.Fatalf("%d points in %d buckets: %d out, want ≤ %d", n, buckets, got.Len(), 2*buckets)
		}
		for i := 1; i < got.Len(); i++ {
			if got.Points[i].T.Before(got.Points[i-1].T) {
				t.Fatalf("points out of order at %d", i)
			}
		}
	}
}

func TestGridMatchesExactArithmetic(t *testing.T) {
	// A window whose length does not divide by n: boundaries fall between
	// whole nanoseconds and the cursor must agree with ⌊off·n/dur⌋.
	w := Window{From: at(0), To: at(0).Add(10*time.Minute + 7)}
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 3, 7, 100, 997} {
		g := newGrid(w, n)
		offs := make([]int64, 0, 3000)
		for i := range int64(n) {
			b := new(big.Int).Mul(big.NewInt(int64(w.Duration())), big.NewInt(i))
			b.Div(b, big.NewInt(int64(n)))
			offs = append(offs, b.Int64()-1, b.Int64(), b.Int64()+1) // around each boundary
		}
		for range 1000 {
			offs = append(offs, r.Int64N(int64(w.Duration())))
		}
		slices.Sort(offs)                                            // in order, as the cursor likes it
		offs = append(offs, offs[len(offs)/2], 0, offs[len(offs)-1]) // then some jumps
		for _, off := range offs {
			got, ok := g.bucket(w.From.Add(time.Duration(off)))
			inside := off >= 0 && off < int64(w.Duration())
			if ok != inside {
				t.Fatalf("n=%d off=%d: ok %v, want %v", n, off, ok, inside)
			}
			if !ok {
				continue
			}
			want := new(big.Int).Mul(big.NewInt(off), big.NewInt(int64(n)))
			want.Div(want, big.NewInt(int64(w.Duration())))
			if int64(got) != want.Int64() {
				t.Fatalf("n=%d off=%d: bucket %d, want %d", n, off, got, want.Int64())
			}
		}
	}
}

func TestColumnsPicksPerColumn(t *testing.T) {
	// Minutes 0..9 with value = minute, except minute 5 (a dip, −3) and
	// minute 7 (a spike, 20). Five columns of two minutes each.
	vals := []float64{0, 1, 2, 3, 4, -3, 6, 20, 8, 9}
	s := perMinute("", vals...)
	tests := []struct {
		pick Pick
		want []float64
	}{
		{PickMax, []float64{1, 3, 4, 20, 9}},
		{PickMin, []float64{0, 2, -3, 6, 8}},
		// sorted: −3 0 1 2 3 4 6 8 9 20, lower median (rank 4) = 3;
		// per column the value farther from 3: 0 (3 vs 2), 2 (1 vs 0),
		// −3 (6 vs 1), 20 (3 vs 17), 9 (5 vs 6)
		{PickExtreme, []float64{0, 2, -3, 20, 9}},
	}
	for _, tt := range tests {
		got := Columns(s, tenMinutes(), 5, tt.pick)
		if !slices.EqualFunc(got, tt.want, near) {
			t.Errorf("pick %d: %v, want %v", tt.pick, got, tt.want)
		}
	}
}

func TestColumnsLeavesEmptyColumnsNaN(t *testing.T) {
	s := Series{Points: []Point{{at(0), 4}, {at(3), gap}, {at(12), 9}}}
	got := Columns(s, tenMinutes(), 10, PickExtreme)
	want := []float64{4, gap, gap, gap, gap, gap, gap, gap, gap, gap}
	if !slices.EqualFunc(got, want, near) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := Columns(s, tenMinutes(), 0, PickMax); got != nil {
		t.Errorf("n = 0: %v, want nil", got)
	}
	got = Columns(s, Window{}, 3, PickMax)
	if len(got) != 3 || !math.IsNaN(got[0]) || !math.IsNaN(got[2]) {
		t.Errorf("empty window: %v, want 3 NaNs", got)
	}
}

// million is 1,000,000 points a second apart from at(0), a slow wave around
// 0.1 (latency in seconds), with v at index i.
func million(i int, v float64) (Series, Window) {
	const n = 1_000_000
	s := Series{Unit: "s", Step: time.Second, Points: make([]Point, n)}
	for k := range s.Points {
		s.Points[k] = Point{T: at(0).Add(time.Duration(k) * time.Second), V: 0.1 + 0.01*math.Sin(float64(k)/5000)}
	}
	s.Points[i].V = v
	return s, Window{From: at(0), To: at(0).Add(n * time.Second)}
}

func TestColumnsKeepsOneSpikeInAMillionPoints(t *testing.T) {
	tests := []struct {
		name  string
		v     float64
		picks []Pick
	}{
		{"a spike up", 5, []Pick{PickMax, PickExtreme}},
		{"a dip down", -5, []Pick{PickMin, PickExtreme}},
	}
	for _, tt := range tests {
		s, w := million(501_234, tt.v)
		for _, p := range tt.picks {
			cols := Columns(s, w, 100, p)
			// 10,000 points a column: the spike lives in column 50
			if cols[50] != tt.v {
				t.Errorf("%s, pick %d: column 50 = %v, want %v", tt.name, p, cols[50], tt.v)
			}
			if c := slices.Index(cols, tt.v); c != 50 {
				t.Errorf("%s, pick %d: spike in column %d, want 50", tt.name, p, c)
			}
		}
		ds := Downsample(s, w, 100)
		if !slices.ContainsFunc(ds.Points, func(p Point) bool { return p.V == tt.v }) {
			t.Errorf("%s: Downsample lost it", tt.name)
		}
	}
}

func BenchmarkDownsample1M(b *testing.B) {
	s, w := million(501_234, 5)
	b.ReportAllocs()
	for b.Loop() {
		Downsample(s, w, 120)
	}
}

func BenchmarkColumns1M(b *testing.B) {
	s, w := million(501_234, 5)
	for _, p := range []struct {
		name string
		pick Pick
	}{{"extreme", PickExtreme}, {"max", PickMax}} {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Columns(s, w, 120, p.pick)
			}
		})
	}
}
