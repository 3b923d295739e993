package sources

import (
	"math"
	"slices"
)

// sortBelow is the candidate count under which sorting beats another radix
// pass.
const sortBelow = 4096

// lowerMedian is the lower median of vals (the ⌊(n−1)/2⌋-th smallest,
// counting from 0), NaN when vals is empty. vals must hold no NaN; it is
// used as scratch space and comes back reordered.
//
// A chart may get a million points, so instead of sorting it selects by
// radix: floats map to unsigned keys that sort the same way; each round
// counts the next 16 bits of the keys, finds the bucket that holds the rank,
// and keeps only that bucket's values. Once few are left they are sorted.
// Every round reads the remaining values twice, so the whole costs a few
// sequential passes.
func lowerMedian(vals []float64) float64 {
	if len(vals) == 0 {
		return math.NaN()
	}
	rank := (len(vals) - 1) / 2
	const digit = 16
	var hist []int32
	for shift := 64 - digit; shift >= 0; shift -= digit {
		if len(vals) <= sortBelow {
			break
		}
		if hist == nil {
			hist = make([]int32, 1<<digit)
		} else {
			clear(hist)
		}
		for _, v := range vals {
			hist[(sortKey(v)>>shift)&(1<<digit-1)]++
		}
		var d uint64
		for i, c := range hist {
			if rank < int(c) {
				d = uint64(i)
				break
			}
			rank -= int(c)
		}
		// Keep the values of bucket d (earlier rounds already fixed the bits
		// above it), without a branch: which values match is random, and
		// mispredicting half a million branches costs more than the rest.
		kept := 0
		for _, v := range vals {
			vals[kept] = v
			m := (sortKey(v)>>shift)&(1<<digit-1) ^ d // 0 when v is in bucket d
			kept += int(1 - (m|-m)>>63)
		}
		vals = vals[:kept]
		if shift == 0 {
			return vals[rank] // every bit is fixed: all kept values are equal
		}
	}
	slices.Sort(vals)
	return vals[rank]
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
