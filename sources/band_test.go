package sources

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestBandGivesEachColumnItsTrendAndRange(t *testing.T) {
	// Minutes 0..9, five columns of two minutes; minute 7 spikes.
	s := perMinute("s", 1, 3, 2, 2, 4, 8, 5, 50, gap, 7)
	b := BandOf(s, tenMinutes(), 5, TrendMean)
	wantCols(t, "mean", b.Typical, 2, 2, 6, 27.5, 7)
	wantCols(t, "lo", b.Lo, 1, 2, 4, 5, 7)
	wantCols(t, "hi", b.Hi, 3, 2, 8, 50, 7)
	if b.Max.V != 50 || !b.Max.T.Equal(at(7)) || b.Min.V != 1 || !b.Min.T.Equal(at(0)) {
		t.Errorf("max %v min %v, want 50 at minute 7 and 1 at minute 0", b.Max, b.Min)
	}
	if b.Valid != 9 {
		t.Errorf("valid %d, want 9", b.Valid)
	}
	b = BandOf(s, tenMinutes(), 5, TrendMedian)
	wantCols(t, "median", b.Typical, 2, 2, 6, 27.5, 7)
	b = BandOf(perMinute("s", 1, 2, 90, 3, 4, 5, 6, 7, 8, 9), tenMinutes(), 2, TrendMedian)
	wantCols(t, "median of five", b.Typical, 3, 7) // 1 2 3 4 90 → 3: the spike does not lift it
}

func TestBandHoldsACoarseSeriesAcrossColumns(t *testing.T) {
	// 48 hours of 2-hour buckets on 100 columns of 28.8 minutes: each point
	// must fill the four or five columns of its bucket, with no gap.
	w := Window{From: at(0), To: at(0).Add(48 * time.Hour)}
	s := seriesFrom(0, 2*time.Hour, "%")
	for i := range 24 {
		s.Points = append(s.Points, Point{T: at(0).Add(time.Duration(i) * 2 * time.Hour), V: float64(i)})
	}
	b := BandOf(s, w, 100, TrendMean)
	// The value of column c is that of the last point before its end.
	lastBucket := func(c int) float64 { return math.Ceil(float64(c+1)*28.8/120) - 1 }
	for c, v := range b.Typical {
		if want := lastBucket(c); v != want {
			t.Fatalf("column %d = %v, want %v (held from its bucket)\n%v", c, v, want, b.Typical)
		}
	}
	if b.Held[0] || !b.Held[1] {
		t.Errorf("held %v…, want column 0 its own and column 1 held", b.Held[:5])
	}
	// Without a Step the spacing of the points says the same.
	s.Step = 0
	if got := BandOf(s, w, 100, TrendMean); !slices.Equal(got.Typical, b.Typical) {
		t.Errorf("without Step: %v", got.Typical)
	}
	// A gap ends its bucket: the columns of a NaN point stay empty.
	s.Points[10].V = gap
	b = BandOf(s, w, 100, TrendMean)
	for c := range b.Typical {
		inGap := lastBucket(c) == 10
		if inGap != math.IsNaN(b.Typical[c]) {
			t.Errorf("column %d = %v: want NaN exactly in the gap's bucket", c, b.Typical[c])
		}
	}
}

func TestBandHoldsFromAPointBeforeTheWindow(t *testing.T) {
	s := Series{Step: 4 * time.Minute, Points: []Point{{at(-2), 7}, {at(6), 9}}}
	b := BandOf(s, tenMinutes(), 10, TrendMean)
	wantCols(t, "held", b.Typical, 7, 7, gap, gap, gap, gap, 9, 9, 9, 9)
	if b.Valid != 1 || b.Max.V != 9 {
		t.Errorf("valid %d max %v: the point before the window only holds, it is not in it", b.Valid, b.Max)
	}
}

func TestBandOfShuffledPointsIsTheSame(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	s := Series{Step: time.Minute}
	for i := -20; i < 500; i++ {
		v := r.NormFloat64()
		if r.IntN(20) == 0 {
			v = gap
		}
		s.Points = append(s.Points, Point{T: at(i), V: v})
	}
	w := Window{From: at(0), To: at(480)}
	for _, tr := range []Trend{TrendMean, TrendMedian} {
		want := BandOf(s, w, 37, tr)
		shuffled := s
		shuffled.Points = slices.Clone(s.Points)
		r.Shuffle(len(shuffled.Points), func(i, j int) {
			shuffled.Points[i], shuffled.Points[j] = shuffled.Points[j], shuffled.Points[i]
		})
		got := BandOf(shuffled, w, 37, tr)
		for name, pair := range map[string][2][]float64{"typical": {got.Typical, want.Typical}, "lo": {got.Lo, want.Lo}, "hi": {got.Hi, want.Hi}} {
			if !slices.EqualFunc(pair[0], pair[1], near) {
				t.Errorf("trend %d %s: shuffled %v, want %v", tr, name, pair[0], pair[1])
			}
		}
		if got.Max != want.Max || got.Valid != want.Valid {
			t.Errorf("trend %d: max %v valid %d, want %v %d", tr, got.Max, got.Valid, want.Max, want.Valid)
		}
	}
}

func TestBandOfNothing(t *testing.T) {
	s := perMinute("", 1, 2, 3)
	if b := BandOf(s, tenMinutes(), 0, TrendMean); b.Typical != nil || !math.IsNaN(b.Max.V) {
		t.Errorf("no columns: %+v", b)
	}
	b := BandOf(s, Window{From: at(3), To: at(3)}, 4, TrendMedian)
	wantCols(t, "empty window", b.Typical, gap, gap, gap, gap)
	b = BandOf(Series{}, tenMinutes(), 2, TrendMedian)
	wantCols(t, "empty series", b.Hi, gap, gap)
}

func TestBandKeepsOneSpikeInAMillionPoints(t *testing.T) {
	s, w := million(501_234, 5)
	for _, tr := range []Trend{TrendMean, TrendMedian} {
		b := BandOf(s, w, 100, tr)
		if b.Hi[50] != 5 || b.Max.V != 5 || !b.Max.T.Equal(s.Points[501_234].T) {
			t.Errorf("trend %d: column 50 hi %v, max %v: the spike is lost", tr, b.Hi[50], b.Max)
		}
		if b.Typical[50] > 0.2 {
			t.Errorf("trend %d: column 50's trend %v: one spike in 10,000 points must not lift it", tr, b.Typical[50])
		}
	}
}

func TestTrendOfPanels(t *testing.T) {
	if TrendOf(KindLatency, Gauge) != TrendMedian || TrendOf(KindErrors, Count) != TrendMean || TrendOf(KindLoad, Rate) != TrendMean || TrendOf(KindSLO, Gauge) != TrendMean {
		t.Error("latency takes the median, everything else the mean")
	}
}

// wantCols compares column values, with NaN equal to NaN.
func wantCols(t *testing.T, what string, got []float64, want ...float64) {
	t.Helper()
	if !slices.EqualFunc(got, want, near) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}
