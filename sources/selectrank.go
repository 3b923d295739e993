package sources

import (
	"math"
	"math/bits"
	"slices"
)

// selectBuckets is how many value buckets one round of the selection
// counts: their counters fit in the L1 cache.
const selectBuckets = 1024

// histogram is one round of the selection: counts of values by bucket of
// equal width between lo and lo + selectBuckets/scale.
type histogram struct {
	count [selectBuckets]int32
	lo    float64
	scale float64 // buckets per unit of value
}

// reset prepares a round over values in [lo, hi]; false when the range
// cannot be cut (infinite, or too wide for float64).
func (h *histogram) reset(lo, hi float64) bool {
	h.lo, h.scale = lo, selectBuckets/(hi-lo)
	clear(h.count[:])
	return !math.IsInf(hi-lo, 0) && !math.IsInf(h.scale, 0) && h.scale > 0
}

// bucket is v's bucket; v must lie in the round's range.
func (h *histogram) bucket(v float64) uint64 {
	return uint64(min(int((v-h.lo)*h.scale), selectBuckets-1))
}

// find returns the buckets b0 and b1 that hold ranks k and k+1 (b1 = b0 when
// k is the last of n), and how many values lie below b0.
func (h *histogram) find(k, n int) (below int, b0, b1 uint64) {
	seen, found := 0, false
	for i, c := range h.count {
		if !found && k < seen+int(c) {
			below, b0, found = seen, uint64(i), true
		}
		if found && (k+1 < seen+int(c) || k+1 >= n) {
			return below, b0, uint64(i)
		}
		seen += int(c)
	}
	return below, b0, b0
}

// keep is 1 when bucket bk lies in [b0, b1], else 0, without a branch:
// which values match is random, and mispredicting half of them costs more
// than the rest of a round.
func keep(bk, b0, b1 uint64) int {
	_, under := bits.Sub64(bk, b0, 0)
	_, over := bits.Sub64(b1, bk, 0)
	return int(1 - under - over)
}

// selectPair returns the k-th and the (k+1)-th smallest of vals (counting
// from 0; the second is the first again when k is the last rank). vals
// holds no NaN and is used as scratch space; lo and hi are its smallest and
// largest value.
//
// A chart column of a million-point series holds thousands of values and
// every column needs its median, so instead of sorting it counts: the
// values are spread over selectBuckets equal buckets between their minimum
// and maximum, the buckets that hold ranks k and k+1 are found from the
// counts, and only their values are kept for the next round. Once few are
// left (or the values stop spreading out) they are sorted. Each round is
// two sequential passes.
func selectPair(vals []float64, k int, lo, hi float64) (float64, float64) {
	var h histogram
	for round := 0; ; round++ {
		n := len(vals)
		if round > 0 {
			lo, hi = vals[0], vals[0]
			for _, v := range vals {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		switch {
		case lo == hi:
			return lo, lo
		case n <= selectBuckets/4 || round == 4 || !h.reset(lo, hi):
			slices.Sort(vals)
			return vals[k], vals[min(k+1, n-1)]
		}
		for _, v := range vals {
			h.count[h.bucket(v)]++
		}
		below, b0, b1 := h.find(k, n)
		kept := 0
		for _, v := range vals {
			vals[kept] = v
			kept += keep(h.bucket(v), b0, b1)
		}
		vals = vals[:kept]
		k -= below
	}
}

// selectPairOf is selectPair over the valid values of pts (n of them,
// between lo and hi, lo < hi). The values are not copied: a sorted sample
// of the points brackets ranks k and k+1 (bracketSample), one pass counts
// the values below the bracket and copies those inside it (into scratch,
// which is returned for reuse), and the selection goes on among those.
// When the sample was unlucky, the first round counts instead (two passes
// over the points).
func selectPairOf(pts []Point, n, k int, lo, hi float64, scratch []float64) (a, b float64, _ []float64) {
	vals := scratch[:0]
	if n > selectBuckets/4 {
		if x0, x1, share, ok := bracketSample(pts, n, k); ok {
			vals = slices.Grow(vals, int(share*float64(n)*1.25)+16)
			below := 0
			for _, p := range pts {
				v := p.V
				below += b2i(v < x0)    // branch-free: about half the values are below
				if v >= x0 && v <= x1 { // a few are inside; NaN is neither
					vals = append(vals, v)
				}
			}
			if k >= below && min(k+1, n-1) < below+len(vals) {
				a, b = selectPair(vals, k-below, x0, x1)
				return a, b, vals
			}
			vals = vals[:0]
		}
	}
	var h histogram
	if n <= selectBuckets/4 || !h.reset(lo, hi) {
		for _, p := range pts {
			if p.V == p.V {
				vals = append(vals, p.V)
			}
		}
		a, b = selectPair(vals, k, lo, hi)
		return a, b, vals
	}
	h.countPoints(pts)
	below, b0, b1 := h.find(k, n)
	vals = slices.Grow(vals, int(h.count[b0])+int(h.count[b1])+int(b1-b0)*n/selectBuckets)
	for _, p := range pts {
		if v := p.V; v == v && keep(h.bucket(v), b0, b1) == 1 {
			vals = append(vals, v)
		}
	}
	lo, hi = vals[0], vals[0]
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	a, b = selectPair(vals, k-below, lo, hi)
	return a, b, vals
}

// bracketSamples is how many points bracketSample sorts.
const bracketSamples = 512

// bracketSample brackets ranks k and k+1 of the n valid values of pts by
// a sorted sample of bracketSamples points spread over pts: the sample's
// values around rank k·m/n, three standard deviations of that rank either
// side (√(m·q·(1−q)) each), and the share of the values expected inside.
// false when pts has too few valid samples.
func bracketSample(pts []Point, n, k int) (x0, x1, share float64, ok bool) {
	var smp [bracketSamples]float64
	m, stride := 0, len(pts)/bracketSamples
	if stride < 1 {
		return 0, 0, 0, false
	}
	for i := range bracketSamples {
		if v := pts[i*stride+stride/2].V; v == v {
			smp[m] = v
			m++
		}
	}
	if m < bracketSamples/4 {
		return 0, 0, 0, false
	}
	s := smp[:m]
	slices.Sort(s)
	q := (float64(k) + 0.5) / float64(n)
	r := int(q * float64(m))
	d := int(3*math.Sqrt(float64(m)*q*(1-q))) + 1
	lo, hi := max(r-d, 0), min(r+d, m-1)
	return s[lo], s[hi], float64(hi-lo+1) / float64(m), true
}

// countPoints counts the valid values of pts. Neighbouring points of a
// series usually fall in the same bucket, and one counter incremented over
// and over waits for its own last store every time: four sets of counters,
// one per point of every four, run side by side and are added up at the
// end.
func (h *histogram) countPoints(pts []Point) {
	var more [3][selectBuckets]int32
	i := 0
	for ; i+4 <= len(pts); i += 4 {
		q := pts[i : i+4 : i+4]
		v0, v1, v2, v3 := q[0].V, q[1].V, q[2].V, q[3].V
		if g := v0 + v1 + v2 + v3; g != g { // a gap among them: one at a time
			for _, p := range q {
				if p.V == p.V {
					h.count[h.bucket(p.V)]++
				}
			}
			continue
		}
		h.count[h.bucket(v0)]++
		more[0][h.bucket(v1)]++
		more[1][h.bucket(v2)]++
		more[2][h.bucket(v3)]++
	}
	for _, p := range pts[i:] {
		if p.V == p.V {
			h.count[h.bucket(p.V)]++
		}
	}
	for b := range h.count {
		h.count[b] += more[0][b] + more[1][b] + more[2][b]
	}
}
