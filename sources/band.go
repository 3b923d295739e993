package sources

import (
	"math"
	"slices"
	"time"
)

// Trend is how the points that fall in one chart column come to the one
// value the chart's main line shows there.
type Trend int

// Trends. The zero value leaves the choice to the caller's default.
const (
	// TrendAuto is "not said": the chart picks (see sources/chart).
	TrendAuto Trend = iota
	// TrendMean is the mean of the column's valid points: rates, ratios,
	// counts per bucket and levels, whose typical value is their average.
	TrendMean
	// TrendMedian is the median of the column's valid points (the mean of
	// the two middle ones for an even count): percentile series, where one
	// spiking bucket must not lift the line (it shows in the band instead).
	TrendMedian
)

// TrendOf is the trend that reads a panel's series right: the median for
// latency (a percentile series: every point is already a p95 or a max, and
// averaging them moves the line with every spike), the mean for everything
// else (errors and their ratios, load rates and counts, SLIs, gauges).
func TrendOf(kind Kind, _ Measure) Trend {
	if kind == KindLatency {
		return TrendMedian
	}
	return TrendMean
}

// Band is a series cut into the n equal columns of a chart over a window,
// in one walk over its points: for every column its typical value (the
// trend line) and its range (the envelope drawn behind it). Column i covers
// [From + ⌈dur·i/n⌉ ns, From + ⌈dur·(i+1)/n⌉ ns), as in Columns.
type Band struct {
	// Typical, Lo and Hi have one value per column: the trend, the smallest
	// and the largest valid value. All three are NaN in a column without
	// data.
	Typical, Lo, Hi []float64
	// Held marks the columns that have no point of their own but lie inside
	// the bucket of the point before them (a series coarser than a column,
	// drawn as a step line): their three values are that point's.
	Held []bool
	// Min and Max are the window's smallest and largest valid points (the
	// first of equals); their V is NaN when the window has none.
	Min, Max Point
	// Valid counts the valid points in the window.
	Valid int
}

// BandOf cuts s into n columns over w (see Band); points outside w are
// ignored, except that the last point before w holds the first columns
// when its bucket reaches into w.
//
// Holding: a point stands for its bucket [T, T+step), where step is
// s.Step, or when that is unknown the median spacing of the points (looked
// for only when there are at most 4n points: a denser series cannot leave
// a column empty unless it has a gap). An empty column whose start lies in
// the bucket of the last point before it takes that point's value, so a
// series coarser than a column draws as a connected step line instead of
// isolated dashes. A gap (a NaN point) ends its bucket like any point.
//
// Cost: one pass over the points, allocation per column only. Points in
// time order (the Series contract) are checked as they are read; a series
// out of order is sorted first (a copy), which costs O(len·log len).
// n < 1 gives a Band without columns; an empty window gives n NaN columns.
func BandOf(s Series, w Window, n int, t Trend) Band {
	step := s.Step
	if step <= 0 && len(s.Points) <= 4*n {
		step = stepOf(s)
	}
	return bandOf(s.Points, w, n, t, step).Band
}

// banded is a Band and where the window's points lie in the points it was
// cut from (a sorted copy when the series was out of order).
type banded struct {
	Band
	pts         []Point
	first, last int // pts[first:last] lie in the window
}

// bandOf cuts pts into n columns over w; step > 0 holds empty columns (see
// BandOf), 0 leaves them NaN.
func bandOf(pts []Point, w Window, n int, t Trend, step time.Duration) banded {
	out := banded{Band: newBand(n), pts: pts}
	if n < 1 || w.Duration() <= 0 {
		return out
	}
	wk := walk{span: spanOf(w), g: newGrid(w, n), median: t == TrendMedian, step: int64(step)}
	if wk.run(&out) {
		return out
	}
	sorted := slices.Clone(pts)
	slices.SortStableFunc(sorted, func(a, b Point) int { return a.T.Compare(b.T) })
	out = banded{Band: newBand(n), pts: sorted}
	wk.run(&out)
	return out
}

func newBand(n int) Band {
	b := Band{Min: Point{V: math.NaN()}, Max: Point{V: math.NaN()}}
	if n < 1 {
		return b
	}
	b.Typical, b.Lo, b.Hi = nans(n), nans(n), nans(n)
	b.Held = make([]bool, n)
	return b
}

func nans(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// walk is one pass of bandOf over points in time order.
type walk struct {
	span
	g       *grid
	median  bool
	step    int64     // ns; 0: no holding
	scratch []float64 // a column's values, for its median
}

// run fills b; false when the points turn out not to be in time order (b
// is then partly filled and must be discarded).
func (wk *walk) run(b *banded) bool {
	pts := b.pts
	n := len(b.Typical)
	i := 0
	// The last point read, as an offset from From and a value: it holds
	// the empty columns after it. None yet: a start far before any column.
	lastOff, lastV := int64(math.MinInt64), math.NaN()
	for ; i < len(pts); i++ {
		if wk.at(pts[i].T) >= 0 {
			break
		}
		// Before the window: only the last of these matters, for holding,
		// and it needs its true distance (Sub saturates far off).
		off := int64(pts[i].T.Sub(wk.g.from))
		if off < lastOff {
			return false
		}
		lastOff, lastV = off, pts[i].V
	}
	b.first = i
	maxI, minI := -1, -1
	for c := range n {
		start, end := wk.g.offset(int64(c)), wk.g.offset(int64(c+1))
		j, ok := wk.upTo(pts, i, start, end)
		if !ok {
			return false
		}
		if j == i { // no point of its own: held, or empty
			if wk.step > 0 && lastV == lastV && lastOff > math.MinInt64 && start-lastOff < wk.step {
				b.Typical[c], b.Lo[c], b.Hi[c], b.Held[c] = lastV, lastV, lastV, true
			}
			continue
		}
		lastOff, lastV = wk.at(pts[j-1].T), pts[j-1].V
		col := reduce(pts[i:j])
		if col.n > 0 {
			b.Lo[c], b.Hi[c] = col.lo, col.hi
			if wk.median {
				b.Typical[c] = wk.medianOf(pts[i:j], col)
			} else {
				b.Typical[c] = col.sum / float64(col.n)
			}
			b.Valid += col.n
			if maxI < 0 || col.hi > pts[maxI].V {
				maxI = i + col.hiI
			}
			if minI < 0 || col.lo < pts[minI].V {
				minI = i + col.loI
			}
		}
		i = j
	}
	b.last = i
	for ; i < len(pts); i++ {
		if wk.at(pts[i].T) < wk.dur {
			return false
		}
	}
	if maxI >= 0 {
		b.Max, b.Min = pts[maxI], pts[minI]
	}
	return true
}

// medianOf is the median of a column's valid points, whose count and
// extremes col has: the middle value, or the mean of the two middle ones.
func (wk *walk) medianOf(pts []Point, col column) float64 {
	if col.n == 1 || col.lo == col.hi {
		return col.lo
	}
	var a, b float64
	a, b, wk.scratch = selectPairOf(pts, col.n, (col.n-1)/2, col.lo, col.hi, wk.scratch)
	if col.n%2 == 1 {
		return a
	}
	return a/2 + b/2
}

// at is t − From in ns, saturated for times far outside the window: −1 for
// any time over a second before From, MaxInt64 for any time over a second
// after To. Small enough to inline into the walk.
func (s span) at(t time.Time) int64 {
	d := t.Unix() - s.sec
	if d < -1 {
		return -1
	}
	if d > s.durSec+1 {
		return math.MaxInt64
	}
	return d*1e9 + int64(t.Nanosecond()) - s.nsec
}

// upTo is the end of the run of points from i that lie in [start, end):
// the index of the first point at or after end. false when a point of the
// run lies before start (the points are not in time order).
//
// Most points lie in a whole second strictly inside the column, which a
// comparison of Unix seconds settles; only points in the column's first or
// last second (or outside it) need the nanoseconds.
func (s span) upTo(pts []Point, i int, start, end int64) (int, bool) {
	// The Unix seconds of the column's first and last nanosecond; the
	// offsets are ≥ 0, and nsec < 1e9, so the divisions floor.
	first := s.sec + (s.nsec+start)/1e9
	last := s.sec + (s.nsec+end-1)/1e9
	for ; i < len(pts); i++ {
		if u := pts[i].T.Unix(); u > first && u < last {
			continue
		}
		off := s.at(pts[i].T)
		if off >= end {
			return i, true
		}
		if off < start {
			return i, false
		}
	}
	return i, true
}

// column is what reduce makes of a column's points.
type column struct {
	n        int // valid points
	sum      float64
	lo, hi   float64
	loI, hiI int // indexes of the first smallest and largest
}

// reduce sums a column's valid points and finds their extremes, four at a
// time: a short chain of additions and one test for gaps per four points
// (a million points spend most of their time here).
func reduce(pts []Point) column {
	c := column{lo: math.Inf(1), hi: math.Inf(-1), loI: -1, hiI: -1}
	i := 0
	for ; i+4 <= len(pts); i += 4 {
		q := pts[i : i+4 : i+4]
		v0, v1, v2, v3 := q[0].V, q[1].V, q[2].V, q[3].V
		g := (v0 + v1) + (v2 + v3)
		if g != g { // a gap, or +Inf and −Inf: one at a time
			for k := range q {
				c.add(q[k].V, i+k)
			}
			continue
		}
		c.sum += g
		c.n += 4
		if v0 < c.lo || v1 < c.lo || v2 < c.lo || v3 < c.lo || v0 > c.hi || v1 > c.hi || v2 > c.hi || v3 > c.hi {
			for k := range q {
				c.extremes(q[k].V, i+k)
			}
		}
	}
	for ; i < len(pts); i++ {
		c.add(pts[i].V, i)
	}
	return c
}

func (c *column) add(v float64, i int) {
	if v != v {
		return
	}
	c.n++
	c.sum += v
	c.extremes(v, i)
}

func (c *column) extremes(v float64, i int) {
	if v < c.lo {
		c.lo, c.loI = v, i
	}
	if v > c.hi {
		c.hi, c.hiI = v, i
	}
}
