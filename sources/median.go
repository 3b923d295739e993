package sources

import (
	"math"
	"slices"
)

// sortBelow is the candidate count under which sorting beats another radix
// pass over all points.
const sortBelow = 4096

// lowerMedian is the lower median (the ⌊(valid−1)/2⌋-th smallest, counting
// from 0) of the valid values of pts that lie in w; valid is how many there
// are. NaN when there are none.
//
// A chart may get a million points, so instead of copying and sorting them
// it selects by radix: floats map to unsigned keys that sort the same way,
// and each pass over the points counts the next 16 bits of the keys that
// share the prefix found so far, narrowing the prefix to the bucket that
// holds the rank. Once few candidates are left they are sorted.
func lowerMedian(pts []Point, w Window, valid int) float64 {
	if valid == 0 {
		return math.NaN()
	}
	rank := (valid - 1) / 2
	if valid <= sortBelow {
		return candidates(pts, w, 0, 0, valid)[rank]
	}
	const digit = 16
	hist := make([]int32, 1<<digit)
	var prefix uint64
	for shift := 64 - digit; shift >= 0; shift -= digit {
		fixed := ^uint64(0) << (shift + digit) // 0 on the first pass
		clear(hist)
		for _, p := range pts {
			if math.IsNaN(p.V) || !w.Contains(p.T) {
				continue
			}
			if k := sortKey(p.V); k&fixed == prefix {
				hist[(k>>shift)&(1<<digit-1)]++
			}
		}
		for d, c := range hist {
			if rank < int(c) {
				prefix |= uint64(d) << shift
				if c <= sortBelow && shift > 0 {
					return candidates(pts, w, prefix, 64-shift, int(c))[rank]
				}
				break
			}
			rank -= int(c)
		}
	}
	return fromSortKey(prefix)
}

// candidates are the sorted valid values in w whose keys start with the
// top bits of prefix.
func candidates(pts []Point, w Window, prefix uint64, bits, n int) []float64 {
	fixed := ^uint64(0) << (64 - bits) // bits == 0 keeps every value
	out := make([]float64, 0, n)
	for _, p := range pts {
		if math.IsNaN(p.V) || !w.Contains(p.T) {
			continue
		}
		if sortKey(p.V)&fixed == prefix {
			out = append(out, p.V)
		}
	}
	slices.Sort(out)
	return out
}

// sortKey maps a float to a uint64 with the same order: negative floats have
// all bits flipped, positive ones only the sign bit.
func sortKey(f float64) uint64 {
	b := math.Float64bits(f)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

func fromSortKey(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}
