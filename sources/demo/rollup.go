package demo

import (
	"context"
	"math"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Rollup limits, like a metrics backend's.
const (
	// maxPoints caps a series, as Datadog does (about 1,500 points).
	maxPoints = 1500
	// defaultColumns is how many buckets to aim for when the panel does not say.
	defaultColumns = 300
	// maxWindow is the longest window the demo generates: 400 days is
	// 576,000 minutes, a few tens of milliseconds of work.
	maxWindow = 400 * 24 * time.Hour
	// ctxEvery is how many minutes pass between two looks at the context.
	ctxEvery = 1 << 12
)

// niceSteps are the bucket widths the demo rolls up to, in minutes, finest
// first.
func niceSteps() [12]int64 {
	return [...]int64{1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440}
}

// agg is how the minutes of one bucket combine into its value.
type agg int

const (
	// aggMax keeps the worst minute: latency spikes survive the rollup.
	aggMax agg = iota
	// aggSum adds counts up.
	aggSum
	// aggMean averages rates and gauges.
	aggMean
)

// grid is the minutes of a window and the buckets they roll up to.
type grid struct {
	first, end int64 // epoch minutes whose start lies in the window: [first, end)
	step       int64 // bucket width in minutes
	bucket0    int64 // index of the first bucket (its start is bucket0·step)
	n          int   // number of buckets
}

// minutesOf returns the epoch minutes whose start lies in w.
func minutesOf(w sources.Window) (first, end int64) {
	ceil := func(t time.Time) int64 {
		m := floorDiv(t.Unix(), 60)
		if time.Unix(m*60, 0).Before(t) {
			m++
		}
		return m
	}
	return ceil(w.From), ceil(w.To)
}

// buckets is how many step-aligned buckets the minutes [first, end) touch.
func buckets(first, end, step int64) int {
	return int(floorDiv(end-1, step) - floorDiv(first, step) + 1)
}

// newGrid picks the step for a window and a number of chart columns: the
// widest nice step that still gives at least columns buckets (300 when
// columns is 0) and no more than maxPoints. When no step gives that many
// (a one-hour window on a wide chart) the finest allowed step wins. ok is
// false when the window holds no minute at all.
func newGrid(w sources.Window, columns int) (g grid, ok bool) {
	first, end := minutesOf(w)
	if end <= first {
		return grid{}, false
	}
	target := columns
	if target <= 0 {
		target = defaultColumns
	}
	target = min(target, maxPoints)
	steps := niceSteps()
	step := int64(0)
	for _, s := range steps {
		n := buckets(first, end, s)
		if n > maxPoints {
			continue
		}
		if step == 0 || n >= target {
			step = s // the finest allowed so far, or a wider one still dense enough
		}
	}
	if step == 0 {
		// Unreachable within maxWindow (a day-wide step allows 1,500 days),
		// but a grid must never be empty.
		step = steps[len(steps)-1]
	}
	return grid{
		first:   first,
		end:     end,
		step:    step,
		bucket0: floorDiv(first, step),
		n:       buckets(first, end, step),
	}, true
}

// Step is the bucket width.
func (g grid) Step() time.Duration { return time.Duration(g.step) * time.Minute }

// rollup evaluates f at every minute of the grid and combines the minutes of
// each bucket with a. A bucket whose minutes are all NaN is NaN: a gap, not a
// zero. It returns ctx's error when ctx ends first.
func (g grid) rollup(ctx context.Context, a agg, f func(m int64) float64) ([]sources.Point, error) {
	vals := make([]float64, g.n)
	counts := make([]int32, g.n)
	for m := g.first; m < g.end; m++ {
		if (m-g.first)%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		v := f(m)
		if math.IsNaN(v) {
			continue
		}
		i := floorDiv(m, g.step) - g.bucket0
		switch {
		case counts[i] == 0:
			vals[i] = v
		case a == aggMax:
			vals[i] = max(vals[i], v)
		default:
			vals[i] += v
		}
		counts[i]++
	}
	pts := make([]sources.Point, g.n)
	for i := range pts {
		v := vals[i]
		switch {
		case counts[i] == 0:
			v = math.NaN()
		case a == aggMean:
			v /= float64(counts[i])
		}
		start := (g.bucket0 + int64(i)) * g.step * 60
		pts[i] = sources.Point{T: time.Unix(start, 0).UTC(), V: v}
	}
	return pts, nil
}

// floorDiv divides rounding towards minus infinity, so minutes before 1970
// still land in the right bucket.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
