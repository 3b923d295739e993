package demo

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestNewGridPicksTheWidestNiceStepWithEnoughBuckets(t *testing.T) {
	a := anchorOf(testNow) // 2026-11-22 00:00 UTC
	cases := []struct {
		name      string
		w         sources.Window
		columns   int
		wantStep  time.Duration
		wantN     int
		wantFirst time.Time
	}{
		// 720 h / 6 h = 120; 12 h would give 60 < 120.
		{"30 aligned days on 120 columns", between(a, -30*day, 0), 120, 6 * time.Hour, 120, a.Add(-30 * day)},
		// No columns aims for 300: 2 h gives 360, 3 h only 240.
		{"30 aligned days without columns", between(a, -30*day, 0), 0, 2 * time.Hour, 360, a.Add(-30 * day)},
		// 1 h gives 720 < 1000; 30 m gives 1440.
		{"30 aligned days on 1000 columns", between(a, -30*day, 0), 1000, 30 * time.Minute, 1440, a.Add(-30 * day)},
		// 15 m would give 2880 > 1500 points: the cap wins over the columns.
		{"30 aligned days on 1500 columns", between(a, -30*day, 0), 1500, 30 * time.Minute, 1440, a.Add(-30 * day)},
		{"30 aligned days on 9000 columns", between(a, -30*day, 0), 9000, 30 * time.Minute, 1440, a.Add(-30 * day)},
		// First minute 10:02 of day −30 falls in its 06:00 bucket, the last
		// (10:01 of the anchor day) in the anchor day's 06:00 bucket: 30·4 + 1.
		{"30 days ending 10:02 on 120 columns", sources.Window{From: testNow.Add(-30 * day), To: testNow}, 120, 6 * time.Hour, 121, a.Add(-30*day + 6*time.Hour)},
		// 60 one-minute buckets are all an hour has.
		{"one hour on 120 columns", between(a, 10*time.Hour, 11*time.Hour), 120, time.Minute, 60, a.Add(10 * time.Hour)},
		{"one day on 1440 columns", between(a, -day, 0), 1440, time.Minute, 1440, a.Add(-day)},
		// 1 d gives 400 ≥ 300 buckets.
		{"400 days without columns", between(a, -400*day, 0), 0, 24 * time.Hour, 400, a.Add(-400 * day)},
		// Minutes 10:01, 10:02, 10:03 and 10:04 start inside the window.
		{"window starting mid-minute", sources.Window{From: a.Add(10*time.Hour + 30*time.Second), To: a.Add(10*time.Hour + 5*time.Minute)}, 10, time.Minute, 4, a.Add(10*time.Hour + time.Minute)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, ok := newGrid(c.w, c.columns)
			if !ok {
				t.Fatal("newGrid found no minute")
			}
			first := time.Unix(g.bucket0*g.step*60, 0).UTC()
			if g.Step() != c.wantStep || g.n != c.wantN || !first.Equal(c.wantFirst) {
				t.Errorf("step %s, %d buckets from %s; want %s, %d from %s", g.Step(), g.n, first, c.wantStep, c.wantN, c.wantFirst)
			}
		})
	}
}

func TestNewGridFindsNoMinuteInAWindowShorterThanOne(t *testing.T) {
	a := anchorOf(testNow)
	w := sources.Window{From: a.Add(10 * time.Second), To: a.Add(50 * time.Second)}
	if g, ok := newGrid(w, 10); ok {
		t.Errorf("newGrid(%s) = %+v, want no minute", w, g)
	}
}

func TestRollupCombinesTheMinutesOfABucket(t *testing.T) {
	// Minutes 10…19 in 5-minute buckets 2 (10…14) and 3 (15…19).
	g := grid{first: 10, end: 20, step: 5, bucket0: 2, n: 2}
	// Minute 12 is a gap; so is all of bucket 3 in allGaps.
	withGap := func(m int64) float64 {
		if m == 12 {
			return math.NaN()
		}
		return float64(m)
	}
	allGaps := func(m int64) float64 {
		if m >= 15 {
			return math.NaN()
		}
		return withGap(m)
	}
	cases := []struct {
		name string
		a    agg
		f    func(int64) float64
		want [2]float64
	}{
		{"max keeps the worst minute", aggMax, withGap, [2]float64{14, 19}},
		// 10+11+13+14 = 48; 15+16+17+18+19 = 85.
		{"sum adds the minutes up", aggSum, withGap, [2]float64{48, 85}},
		// 48/4 = 12 (the gap is not a zero); 85/5 = 17.
		{"mean averages the minutes with data", aggMean, withGap, [2]float64{12, 17}},
		{"a bucket of gaps is a gap, not a zero", aggSum, allGaps, [2]float64{48, math.NaN()}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pts, err := g.rollup(context.Background(), c.a, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(pts) != 2 {
				t.Fatalf("%d points, want 2", len(pts))
			}
			for i, p := range pts {
				if !(p.V == c.want[i] || math.IsNaN(p.V) && math.IsNaN(c.want[i])) {
					t.Errorf("bucket %d = %v, want %v", i, p.V, c.want[i])
				}
			}
			// Bucket 2 of 5 minutes starts at minute 10: 00:10 on 1970-01-01.
			if want := time.Unix(600, 0).UTC(); !pts[0].T.Equal(want) || !pts[1].T.Equal(want.Add(5*time.Minute)) {
				t.Errorf("bucket starts %s, %s; want %s and 5 minutes later", pts[0].T, pts[1].T, want)
			}
		})
	}
}

func TestRollupStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := grid{first: 0, end: 10, step: 5, bucket0: 0, n: 2}
	if _, err := g.rollup(ctx, aggSum, func(int64) float64 { return 1 }); !errors.Is(err, context.Canceled) {
		t.Errorf("rollup with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestFloorDivRoundsTowardsMinusInfinity(t *testing.T) {
	cases := []struct{ a, b, want int64 }{
		{7, 5, 1}, {5, 5, 1}, {0, 5, 0}, {-1, 5, -1}, {-5, 5, -1}, {-6, 5, -2},
	}
	for _, c := range cases {
		if got := floorDiv(c.a, c.b); got != c.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
