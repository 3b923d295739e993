package file

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// maxFilledGaps bounds how many missing rows one hole in a file may turn
// into gap points: a file that jumps a year at a 1-minute step is two
// stretches of data, not half a million NaNs.
const maxFilledGaps = 10000

// table is what a parser read: every series of the file, whole.
type table struct {
	series []sources.Series
	// notes are warnings about the file for the panel.
	notes []string
}

// finish turns a file's series into what a panel gets: points in time
// order, one value per timestamp (the later row wins), ±Inf shown as gaps,
// the step inferred from the spacing, missing rows on that spacing filled
// with gaps, and only the points inside w.
func finish(tab table, w sources.Window) ([]sources.Series, []string) {
	notes := tab.notes
	dupes, infs := 0, 0
	out := make([]sources.Series, 0, len(tab.series))
	for _, s := range tab.series {
		pts := slices.Clone(s.Points)
		slices.SortStableFunc(pts, func(a, b sources.Point) int { return a.T.Compare(b.T) })
		pts, d := dedupe(pts)
		dupes += d
		for i := range pts {
			if math.IsInf(pts[i].V, 0) {
				pts[i].V = math.NaN()
				infs++
			}
		}
		step := s.Step
		if step <= 0 {
			step = inferStep(pts)
		}
		pts = fillGaps(pts, step)
		s.Points = inside(pts, w)
		s.Step = step
		out = append(out, s)
	}
	if dupes > 0 {
		notes = append(notes, fmt.Sprintf("%d timestamps appear twice in a series; the later row is used", dupes))
	}
	if infs > 0 {
		notes = append(notes, fmt.Sprintf("%d values are infinite and shown as gaps", infs))
	}
	return out, notes
}

// dedupe keeps the last point of each run of equal timestamps (pts sorted,
// stably, so the last is the later row).
func dedupe(pts []sources.Point) ([]sources.Point, int) {
	out := pts[:0]
	n := 0
	for _, p := range pts {
		if len(out) > 0 && out[len(out)-1].T.Equal(p.T) {
			out[len(out)-1] = p
			n++
			continue
		}
		out = append(out, p)
	}
	return out, n
}

// inferStep is the most common spacing of the timestamps (the smaller on a
// tie): robust to the odd missing or extra row. 0 with fewer than two points.
func inferStep(pts []sources.Point) time.Duration {
	counts := map[time.Duration]int{}
	for i := 1; i < len(pts); i++ {
		counts[pts[i].T.Sub(pts[i-1].T)]++
	}
	var best time.Duration
	for d, n := range counts {
		if d <= 0 {
			continue
		}
		if best == 0 || n > counts[best] || (n == counts[best] && d < best) {
			best = d
		}
	}
	return best
}

// fillGaps puts a gap point where rows are missing on the step's spacing, so
// a chart shows a hole, not a line across it.
func fillGaps(pts []sources.Point, step time.Duration) []sources.Point {
	if step <= 0 || len(pts) < 2 {
		return pts
	}
	missing := 0
	for i := 1; i < len(pts); i++ {
		if gap := pts[i].T.Sub(pts[i-1].T); gap%step == 0 && gap/step > 1 && int(gap/step)-1 <= maxFilledGaps {
			missing += int(gap/step) - 1
		}
	}
	if missing == 0 {
		return pts
	}
	out := make([]sources.Point, 0, len(pts)+missing)
	for i, p := range pts {
		if i > 0 {
			prev := pts[i-1].T
			gap := p.T.Sub(prev)
			if missing := int(gap/step) - 1; gap%step == 0 && missing > 0 && missing <= maxFilledGaps {
				for k := 1; k <= missing; k++ {
					out = append(out, sources.Point{T: prev.Add(time.Duration(k) * step), V: math.NaN()})
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// inside returns the points of sorted pts within w.
func inside(pts []sources.Point, w sources.Window) []sources.Point {
	lo, _ := slices.BinarySearchFunc(pts, w.From, func(p sources.Point, t time.Time) int { return p.T.Compare(t) })
	hi, _ := slices.BinarySearchFunc(pts, w.To, func(p sources.Point, t time.Time) int { return p.T.Compare(t) })
	return slices.Clone(pts[lo:hi])
}
