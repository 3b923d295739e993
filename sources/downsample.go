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
	out := Series{Name: s.Name, Unit: s.Unit, Warnings: s.Warnings}
	dur := w.Duration()
	if buckets < 1 || dur <= 0 {
		return out
	}
	out.Step = dur / time.Duration(buckets)
	const none = -1
	type extremes struct {
		lo, hi   int // indexes of the min and max point, or none
		loV, hiV float64
		seen     bool // any point at all, gaps included
	}
	ext := make([]extremes, buckets)
	for i := range ext {
		ext[i] = extremes{lo: none, hi: none}
	}
	g := newGrid(w, buckets)
	for i, p := range s.Points {
		// g.bucket, inlined by hand: this loop may see a million points.
		b := int(g.cur)
		if off := g.rel(p.T); off < g.curStart || off >= g.curEnd {
			var ok bool
			if b, ok = g.seek(off); !ok {
				continue
			}
		}
		e := &ext[b]
		e.seen = true
		if math.IsNaN(p.V) {
			continue
		}
		if e.lo == none || p.V < e.loV {
			e.lo, e.loV = i, p.V
		}
		if e.hi == none || p.V > e.hiV {
			e.hi, e.hiV = i, p.V
		}
	}
	out.Points = make([]Point, 0, 2*buckets)
	for b, e := range ext {
		switch {
		case e.lo != none:
			first, second := s.Points[e.lo], s.Points[e.hi]
			if second.T.Before(first.T) || (second.T.Equal(first.T) && e.hi < e.lo) {
				first, second = second, first
			}
			out.Points = append(out.Points, first)
			if e.lo != e.hi {
				out.Points = append(out.Points, second)
			}
		case e.seen:
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
// It is BandOf's walk without holding (one pass over the points in time
// order), and for PickExtreme the lower median of the valid points in w,
// selected without sorting them or copying them all (selectPairOf: a
// sampled bracket, one pass over the values, a selection among the few
// near the middle).
func Columns(s Series, w Window, n int, pick Pick) []float64 {
	if n < 1 {
		return nil
	}
	b := bandOf(s.Points, w, n, TrendMean, 0)
	switch pick {
	case PickMax:
		return b.Hi
	case PickMin:
		return b.Lo
	}
	if b.Valid == 0 {
		return b.Hi
	}
	med := b.Min.V
	if b.Min.V < b.Max.V {
		med, _, _ = selectPairOf(b.pts[b.first:b.last], b.Valid, (b.Valid-1)/2, b.Min.V, b.Max.V, nil)
	}
	out := b.Hi
	for i, lo := range b.Lo {
		if math.Abs(lo-med) > math.Abs(out[i]-med) {
			out[i] = lo
		}
	}
	return out
}

// span measures times as nanosecond offsets into a window. It works on
// Unix seconds and nanoseconds because time.Time's Sub and Before, with
// their monotonic-clock and overflow handling, cost more than the rest of
// a pass over a million points.
type span struct {
	sec, nsec int64 // the window's start
	dur       int64 // its length in ns
	durSec    int64 // and in whole seconds, to rule out far times first
}

func spanOf(w Window) span {
	return span{sec: w.From.Unix(), nsec: int64(w.From.Nanosecond()), dur: int64(w.Duration()), durSec: int64(w.Duration() / time.Second)}
}

// rel is t − From in ns, or −1 when t is too far off for that to fit.
// Small enough to inline into the loops over a million points.
func (s span) rel(t time.Time) int64 {
	d := t.Unix() - s.sec
	if uint64(d+1) > uint64(s.durSec+2) { // d < −1 or d > durSec + 1
		return -1
	}
	return d*1e9 + int64(t.Nanosecond()) - s.nsec
}

// grid maps times to the n equal buckets of a window exactly, in integer
// nanoseconds: the bucket of an offset off is ⌊off·n/dur⌋, so bucket i is
// [start(i), start(i+1)) with start(i) = From + ⌈dur·i/n⌉. Points usually
// come in time order, so a cursor finds the next bucket without dividing.
type grid struct {
	span
	from     time.Time
	n        int64
	cur      int64 // the bucket of the last point
	curStart int64 // offsets from From of bucket cur and of the next one
	curEnd   int64
}

func newGrid(w Window, n int) *grid {
	g := &grid{span: spanOf(w), from: w.From, n: int64(n)}
	g.curStart, g.curEnd = 0, g.offset(1)
	return g
}

// offset is ⌈dur·i/n⌉ without overflowing int64 for long windows:
// dur = q·n + r, so dur·i/n = q·i + r·i/n with r·i < n².
func (g *grid) offset(i int64) int64 {
	q, r := g.dur/g.n, g.dur%g.n
	return q*i + (r*i+g.n-1)/g.n
}

func (g *grid) start(i int) time.Time {
	return g.from.Add(time.Duration(g.offset(int64(i))))
}

// bucket is the bucket of t, and false when t lies outside the window.
// The common case, t in the same bucket as the last point, inlines.
func (g *grid) bucket(t time.Time) (int, bool) {
	off := g.rel(t)
	if off >= g.curStart && off < g.curEnd {
		return int(g.cur), true
	}
	return g.seek(off)
}

// seek moves the cursor to the bucket of off.
func (g *grid) seek(off int64) (int, bool) {
	if off < 0 || off >= g.dur {
		return 0, false
	}
	if off >= g.curEnd && off < g.offset(g.cur+2) {
		g.cur++
	} else {
		// A jump: find the largest i with start(i) ≤ off, first
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
