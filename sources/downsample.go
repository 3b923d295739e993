package sources

import (
	"math"
	"time"
)

// Downsample cuts w into buckets equal spans and keeps, per bucket, the
// point with the smallest and the one with the largest value, in time order
// (one point when they are the same point). Spikes and dips survive, unlike
// averaging or asciigraph's interpolation. A bucket whose points are all
// gaps emits one NaN point at its start, so the gap stays visible; a bucket
// without any point emits nothing. Points outside w are dropped.
//
// The result has at most 2·buckets points and Step w/buckets. It runs in
// O(len + buckets) and allocates per bucket, never per point; the input
// need not be sorted. buckets < 1 or an empty window give no points.
func Downsample(s Series, w Window, buckets int) Series {
	out := Series{Name: s.Name, Unit: s.Unit}
	dur := w.Duration()
	if buckets < 1 || dur <= 0 {
		return out
	}
	out.Step = dur / time.Duration(buckets)
	const none = -1
	lo := make([]int, buckets) // index of the bucket's min point, or none
	hi := make([]int, buckets)
	seen := make([]bool, buckets) // any point at all, gaps included
	for i := range lo {
		lo[i], hi[i] = none, none
	}
	g := newGrid(w, buckets)
	for i, p := range s.Points {
		b, ok := g.bucket(p.T)
		if !ok {
			continue
		}
		seen[b] = true
		if math.IsNaN(p.V) {
			continue
		}
		if lo[b] == none || p.V < s.Points[lo[b]].V {
			lo[b] = i
		}
		if hi[b] == none || p.V > s.Points[hi[b]].V {
			hi[b] = i
		}
	}
	out.Points = make([]Point, 0, 2*buckets)
	for b := range buckets {
		switch {
		case lo[b] != none:
			first, second := s.Points[lo[b]], s.Points[hi[b]]
			if second.T.Before(first.T) || (second.T.Equal(first.T) && hi[b] < lo[b]) {
				first, second = second, first
			}
			out.Points = append(out.Points, first)
			if lo[b] != hi[b] {
				out.Points = append(out.Points, second)
			}
		case seen[b]:
			out.Points = append(out.Points, Point{T: g.start(b), V: math.NaN()})
		}
	}
	return out
}

// Pick is how Columns chooses the one value a chart column shows out of the
// points that fall in it.
type Pick int

// Picks. The zero value is PickExtreme.
const (
	// PickExtreme keeps the column's min or max, whichever lies farther from
	// the median of the whole series: spikes and dips both survive. Ties go
	// to the max.
	PickExtreme Pick = iota
	// PickMax keeps the column's largest value: latency, where only the
	// spikes matter.
	PickMax
	// PickMin keeps the column's smallest value: an SLI, where the dips matter.
	PickMin
)

// Columns gives exactly n values for a chart n columns wide: column i covers
// the i-th of n equal spans of w and holds the value pick chooses among the
// valid points in it, or NaN when it has none. Points outside w are
// ignored. n < 1 gives nil; an empty window gives n NaNs.
//
// The median PickExtreme measures from is the lower median of the valid
// points in w, found by a radix selection in O(len) without sorting.
func Columns(s Series, w Window, n int, pick Pick) []float64 {
	if n < 1 {
		return nil
	}
	lo := make([]float64, n)
	hi := make([]float64, n)
	for i := range lo {
		lo[i], hi[i] = math.NaN(), math.NaN()
	}
	if w.Duration() <= 0 {
		return lo
	}
	g := newGrid(w, n)
	valid := 0
	for _, p := range s.Points {
		if math.IsNaN(p.V) {
			continue
		}
		b, ok := g.bucket(p.T)
		if !ok {
			continue
		}
		valid++
		if !(p.V >= lo[b]) { // also true when lo[b] is NaN
			lo[b] = p.V
		}
		if !(p.V <= hi[b]) {
			hi[b] = p.V
		}
	}
	switch pick {
	case PickMax:
		return hi
	case PickMin:
		return lo
	}
	med := lowerMedian(s.Points, w, valid)
	for i := range hi {
		if math.Abs(lo[i]-med) > math.Abs(hi[i]-med) {
			hi[i] = lo[i]
		}
	}
	return hi
}

// grid maps times to the n equal buckets of a window exactly, in integer
// nanoseconds: bucket i is [start(i), start(i+1)) with start(i) =
// From + ⌊dur·i/n⌋. Points usually come in time order, so a cursor finds the
// next bucket without dividing.
type grid struct {
	from     time.Time
	dur      int64
	n        int64
	cur      int64 // the bucket of the last point
	curStart int64 // offsets from From of bucket cur and of the next one
	curEnd   int64
}

func newGrid(w Window, n int) *grid {
	g := &grid{from: w.From, dur: int64(w.Duration()), n: int64(n)}
	g.curStart, g.curEnd = 0, g.offset(1)
	return g
}

// offset is ⌊dur·i/n⌋ without overflowing int64 for long windows.
func (g *grid) offset(i int64) int64 {
	return g.dur/g.n*i + g.dur%g.n*i/g.n
}

func (g *grid) start(i int) time.Time {
	return g.from.Add(time.Duration(g.offset(int64(i))))
}

// bucket is the bucket of t, and false when t lies outside the window.
func (g *grid) bucket(t time.Time) (int, bool) {
	off := int64(t.Sub(g.from))
	if off < 0 || off >= g.dur {
		return 0, false
	}
	if off >= g.curStart && off < g.curEnd {
		return int(g.cur), true
	}
	if off >= g.curEnd && off < g.offset(g.cur+2) {
		g.cur++
	} else {
		// A jump: solve ⌊dur·i/n⌋ ≤ off for the largest i, first
		// approximately, then exactly.
		i := int64(float64(off) / float64(g.dur) * float64(g.n))
		i = min(max(i, 0), g.n-1)
		for i > 0 && g.offset(i) > off {
			i--
		}
		for i < g.n-1 && g.offset(i+1) <= off {
			i++
		}
		g.cur = i
	}
	g.curStart, g.curEnd = g.offset(g.cur), g.offset(g.cur+1)
	return int(g.cur), true
}
