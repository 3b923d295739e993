package sources

import (
	"math"
	"slices"
	"sort"
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
// Cost: one pass over the points, reading each point's time and value
// once, and allocation per column only; a median trend adds, per column of
// more than 4·sampleSize points, a sample of the column and a selection
// among the few values near its middle (see medianOf). Points in time
// order (the Series contract) are checked as they are read; a series out
// of order is sorted first (a copy), which costs O(len·log len).
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
	wk.lastN = 0
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
	kept    []float64 // what a bracket keeps
	lastN   int       // the points of the last bracketed column
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
	starts := make([]int, n+1) // column c's points are pts[starts[c]:starts[c+1]]
	for c := range n {
		starts[c] = i
		start, end := wk.g.offset(int64(c)), wk.g.offset(int64(c+1))
		var br *bracket
		lim := len(pts)
		if wk.median {
			br, lim = wk.bracket(pts, i, end)
		}
		j, col, ok := wk.scan(pts[:lim], i, start, end, br)
		if !ok || j == lim && lim < len(pts) && wk.at(pts[lim].T) < end {
			return false // out of order: the bisection missed points of the column
		}
		if j == i { // no point of its own: held, or empty
			if wk.step > 0 && lastV == lastV && lastOff > math.MinInt64 && start-lastOff < wk.step {
				b.Typical[c], b.Lo[c], b.Hi[c], b.Held[c] = lastV, lastV, lastV, true
			}
			continue
		}
		lastOff, lastV = wk.at(pts[j-1].T), pts[j-1].V
		med := math.NaN()
		if wk.median {
			med = wk.medianOf(pts[i:j], col, br)
		}
		if col.n > 0 {
			b.Lo[c], b.Hi[c] = col.lo, col.hi
			if wk.median {
				b.Typical[c] = med
			} else {
				b.Typical[c] = col.sum / float64(col.n)
			}
			b.Valid += col.n
		}
		i = j
	}
	starts[n] = i
	b.last = i
	for ; i < len(pts); i++ {
		if wk.at(pts[i].T) < wk.dur {
			return false
		}
	}
	b.Max, b.Min = b.extreme(starts, b.Hi, 1), b.extreme(starts, b.Lo, -1)
	return true
}

// extreme finds the window's first largest (sign 1) or smallest (−1)
// point: the first column whose own extreme in cols is the window's, then
// the first point there that has it.
func (b *banded) extreme(starts []int, cols []float64, sign float64) Point {
	best := -1
	for c, v := range cols {
		if !b.Held[c] && v == v && (best < 0 || sign*v > sign*cols[best]) {
			best = c
		}
	}
	if best < 0 {
		return Point{V: math.NaN()}
	}
	for _, p := range b.pts[starts[best]:starts[best+1]] {
		if p.V == cols[best] {
			return p
		}
	}
	return Point{V: math.NaN()} // cannot happen: the column's extreme is one of its points
}

// sampleSize is how many of a column's points bracket samples; columns
// of fewer than 4·sampleSize points are not sampled.
const sampleSize = 128

// medianOf is the median of a column's valid values (col is the column
// reduced, with br filled): the middle one, or the mean of the two middle
// ones.
//
// A large column is bracketed before it is read (see bracket): the pass
// that sums the column counts the values below the bracket and keeps the
// few inside it, and the median is selected among those. An unlucky
// bracket costs a second pass over the column's values.
func (wk *walk) medianOf(pts []Point, col column, br *bracket) float64 {
	if col.n == 0 {
		return math.NaN()
	}
	k := (col.n - 1) / 2
	var a, b float64
	switch {
	case col.lo == col.hi:
		return col.lo
	case br != nil && k >= br.below && k+1 < br.below+br.kept:
		a, b = selectPair(br.vals[:br.kept], k-br.below, br.x0, br.x1)
	default:
		a, b, wk.scratch = selectPairOf(pts, col.n, k, col.lo, col.hi, wk.scratch)
	}
	if col.n%2 == 1 {
		return a
	}
	return a/2 + b/2
}

// bracket samples the column that starts at pts[i] and ends before offset
// end, for medianOf: its extent found by bisection (the points are in time
// order, or the walk finds out and starts again), sampleSize points spread
// over it, sorted, give two values that hold the median between them
// unless the sample is unlucky (two standard deviations of the sample
// median's rank either side: one column in twenty pays a second pass). It also returns where the column
// ends, as the bisection found it; a nil bracket for a small column.
func (wk *walk) bracket(pts []Point, i int, end int64) (*bracket, int) {
	// Regular series put as many points in every column: try the last
	// column's count before bisecting.
	n := wk.lastN
	fits := n > 0 && i+n <= len(pts) && wk.at(pts[i+n-1].T) < end && (i+n == len(pts) || wk.at(pts[i+n].T) >= end)
	if !fits {
		n = sort.Search(len(pts)-i, func(k int) bool { return wk.at(pts[i+k].T) >= end })
	}
	wk.lastN = n
	if n < 4*sampleSize {
		return nil, i + n
	}
	var smp [sampleSize]float64
	m, stride := 0, n/sampleSize
	for k := range sampleSize {
		if v := pts[i+k*stride+stride/2].V; v == v {
			smp[m] = v
			m++
		}
	}
	if m < sampleSize/2 { // mostly gaps: not worth it
		return nil, i + n
	}
	s := smp[:m]
	slices.Sort(s)
	d := int(math.Sqrt(float64(m))) + 1 // two standard deviations (√m/2 each) of the sample median's rank
	if cap(wk.kept) < n {
		wk.kept = make([]float64, n)
	}
	return &bracket{x0: s[max(m/2-d, 0)], x1: s[min(m/2+d, m-1)], vals: wk.kept[:n]}, i + n
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

// column is what reduce makes of a column's points.
type column struct {
	n      int // valid points
	sum    float64
	lo, hi float64
}

// bracket is a value range [x0, x1] that very likely holds a column's
// median (see medianOf): reduce counts the values below it and copies
// those inside it.
type bracket struct {
	x0, x1 float64
	vals   []float64 // len ≥ the column's points
	below  int
	kept   int
}

// scan reads the column that starts at pts[i] and ends before offset
// end: it returns the index after its last point and the column's sum and
// extremes (filling br when it is not nil: then pts must end where the
// column does, so that br.vals holds every value); false when a point
// lies before start (the points are not in time order).
//
// A million points spend most of their time here, so it reads four points
// at a time while all four lie in whole seconds strictly inside the
// column (a comparison of Unix seconds, no nanoseconds) and none is a gap:
// one test for the four, a short chain of additions, no branch on the
// values, all in registers. Points near the column's edges, gaps and the
// last few are read one at a time.
func (s span) scan(pts []Point, i int, start, end int64, br *bracket) (int, column, bool) {
	// The Unix seconds of the column's first and last nanosecond; the
	// offsets are ≥ 0, and nsec < 1e9, so the divisions floor.
	first := s.sec + (s.nsec+start)/1e9
	last := s.sec + (s.nsec+end-1)/1e9
	n, sum := 0, 0.0
	lo, hi := math.Inf(1), math.Inf(-1)
	var vals []float64
	var x0, x1 float64
	kept, below := 0, 0
	if br != nil {
		vals, x0, x1 = br.vals, br.x0, br.x1
	}
	// in is 1 when v lies in the bracket, without a branch: which values
	// do is random.
	in := func(v float64) int { return b2i(v >= x0) & b2i(v <= x1) }
	for i < len(pts) {
		if i+4 <= len(pts) {
			q := pts[i : i+4 : i+4]
			u0, u1, u2, u3 := q[0].T.Unix(), q[1].T.Unix(), q[2].T.Unix(), q[3].T.Unix()
			v0, v1, v2, v3 := q[0].V, q[1].V, q[2].V, q[3].V
			g := (v0 + v1) + (v2 + v3)
			if min(u0, u1, u2, u3) > first && max(u0, u1, u2, u3) < last && g == g {
				sum += g
				n += 4
				lo = min(lo, min(v0, v1), min(v2, v3))
				hi = max(hi, max(v0, v1), max(v2, v3))
				if vals != nil {
					// Every value is written, the next one over it unless
					// it was kept: the four offsets are added up apart,
					// not one after the other.
					k0, k1, k2, k3 := in(v0), in(v1), in(v2), in(v3)
					k01 := k0 + k1
					vals[kept] = v0
					vals[kept+k0] = v1
					vals[kept+k01] = v2
					vals[kept+k01+k2] = v3
					kept += k01 + k2 + k3
					below += b2i(v0 < x0) + b2i(v1 < x0) + b2i(v2 < x0) + b2i(v3 < x0)
				}
				i += 4
				continue
			}
		}
		off := s.at(pts[i].T)
		if off >= end {
			break
		}
		if off < start {
			return i, column{}, false
		}
		if v := pts[i].V; v == v {
			n++
			sum += v
			lo, hi = min(lo, v), max(hi, v)
			if vals != nil {
				vals[kept] = v
				kept += in(v)
				below += b2i(v < x0)
			}
		}
		i++
	}
	if br != nil {
		br.kept, br.below = kept, below
	}
	return i, column{n: n, sum: sum, lo: lo, hi: hi}, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
