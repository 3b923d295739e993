package prometheus

import (
	"time"

	"github.com/nagame-dev/nagame/sources"
)

const (
	// maxPoints is Prometheus' own cap on the points of one series in a
	// range query ("exceeded maximum resolution of 11,000 points").
	maxPoints = 11000
	// defaultPoints is how many buckets a query gets when the panel does not
	// say how wide its chart is: enough for a wide terminal.
	defaultPoints = 300
)

// niceSteps are the steps a chart's axis can label without fractions,
// ascending. Every step from 5m on is a multiple of 5m, so a count over
// [5m] tiles it exactly (see plan.go).
var niceSteps = [...]time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour,
}

// chooseStep returns the step for a window of length span: the largest nice
// step that still gives at least columns buckets (defaultPoints when
// columns ≤ 0) and no more than maxPoints. When no nice step fits, it is the
// smallest whole number of seconds that stays under maxPoints, or 1s for a
// window too short to hold columns seconds.
func chooseStep(span time.Duration, columns int) time.Duration {
	want := columns
	if want <= 0 {
		want = defaultPoints
	}
	want = min(want, maxPoints)
	var best time.Duration
	for _, s := range niceSteps {
		if n := int(span / s); n >= want && n <= maxPoints {
			best = s
		}
	}
	if best > 0 {
		return best
	}
	if span < time.Duration(want)*time.Second {
		return time.Second
	}
	// Adjacent nice steps are at most 3.5× apart, so this happens only when
	// want is close to maxPoints: take the smallest step under the cap.
	sec := (span + maxPoints*time.Second - 1) / (maxPoints * time.Second)
	return sec * time.Second
}

// grid is when a range query evaluates: n instants, step apart, from start
// to end. The value at instant t covers the bucket (t−step, t], which nagame
// labels with its start t−step.
type grid struct {
	step  time.Duration
	start time.Time
	end   time.Time
	n     int
}

// newGrid lays the buckets of w out backwards from w.To (whole seconds), so
// that the current window and its previous one, which ends where this one
// starts, cut time at the same instants. A part of w shorter than a step at
// its start is left out, and so are buckets that end after now: Prometheus
// has nothing there yet.
func newGrid(w sources.Window, columns int, now time.Time) grid {
	step := chooseStep(w.Duration(), columns)
	end := w.To.Truncate(time.Second)
	n := int(end.Sub(w.From) / step)
	if !now.IsZero() && end.After(now) {
		late := (end.Sub(now) + step - 1) / step
		end = end.Add(-late * step)
		n -= int(late)
	}
	if n <= 0 {
		return grid{step: step}
	}
	return grid{step: step, start: end.Add(-time.Duration(n-1) * step), end: end, n: n}
}

// bucketStart is the label of the i-th point.
func (g grid) bucketStart(i int) time.Time {
	return g.start.Add(time.Duration(i-1) * g.step)
}

// index returns which point an evaluation instant belongs to, and false when
// it is off the grid.
func (g grid) index(t time.Time) (int, bool) {
	d := t.Sub(g.start)
	if d < 0 {
		return 0, false
	}
	i := int((d + g.step/2) / g.step)
	return i, i < g.n
}

// span is the time the query reads: the n buckets.
func (g grid) span() time.Duration { return time.Duration(g.n) * g.step }
