package sources

import (
	"cmp"
	"fmt"
	"slices"
)

// DefaultTop is how many lines a grouped query keeps when the panel does not
// say: more than five lines on a terminal chart are hard to tell apart.
const DefaultTop = 5

// Top is what a panel draws of a grouped query (`… by {resource_name}`,
// `sum by (route)`): the n series with the largest mean, largest first, and
// the rest folded away. Every backend calls it, so a panel keeps and folds
// the same lines whichever backend answers.
//
// Ranking: by the mean of each series' valid points (gaps ignored), largest
// first. A series without a valid point (all gaps, or no points at all) has
// no mean and ranks last. Equal means rank by name, so the same data always
// gives the same lines; series with the same name and mean keep their input
// order.
//
// n ≤ 0 means DefaultTop. When there are n series or fewer, all are returned,
// ranked. The rest, when there is any:
//
//   - counts and rates (m is Count or Rate) add up: the rest become one more
//     series, "other (K series)", their sum per timestamp. Points are matched
//     by timestamp over the union of the folded series' timestamps, so
//     series that start, end or sample at different times still add up. At
//     a timestamp where some series have a gap or no point, the sum is over
//     those that have a value (a group that reported nothing contributed
//     nothing); where none has a value it is a gap. Its Unit is that of
//     the first folded series, its Step the first known one. This is the
//     same fold Combine makes for a panel's summary, so the kept lines and
//     "other" add up to the total the summary shows.
//   - gauges (levels, percentiles, and any other measure) do not add up: a
//     sum or mean of unrelated levels is a line no server ever saw. The rest
//     are dropped. Latency is always treated as a gauge whatever m says: a
//     percentile computed from rates (histogram_quantile(…rate(…))) reads
//     like a rate but never adds up.
//
// Warnings: every warning of every input series, kept or not, is on the
// first series returned, each once, in input order; the other series
// returned carry none, so a panel that gathers them shows each once.
//
// series is not modified; the series returned share its points. No series
// gives nil.
func Top(series []Series, n int, kind Kind, m Measure) []Series {
	if len(series) == 0 {
		return nil
	}
	if n <= 0 {
		n = DefaultTop
	}
	ranked := byMean(series)
	keep := min(n, len(ranked))
	out := make([]Series, keep, keep+1)
	copy(out, ranked[:keep])
	if rest := ranked[keep:]; len(rest) > 0 && kind != KindLatency && (m == Count || m == Rate) {
		other := Combine(KindLoad, Count, rest)
		other.Name = fmt.Sprintf("other (%d series)", len(rest))
		out = append(out, other)
	}
	for i := range out {
		out[i].Warnings = nil
	}
	out[0].Warnings = warningsOf(series)
	if len(out) == keep {
		out[0].Hidden = len(ranked) - keep
	}
	return out
}

// byMean returns a copy of series ordered as Top documents.
func byMean(series []Series) []Series {
	type scored struct {
		s    Series
		mean float64
		ok   bool
	}
	sc := make([]scored, len(series))
	for i, s := range series {
		st := statsOf(s)
		sc[i] = scored{s: s, ok: st.n > 0}
		if st.n > 0 {
			sc[i].mean = st.sum / float64(st.n)
		}
	}
	slices.SortStableFunc(sc, func(a, b scored) int {
		if a.ok != b.ok {
			if a.ok {
				return -1
			}
			return 1
		}
		// cmp.Compare orders a NaN mean (+Inf and −Inf points together)
		// below every number, so the order stays total.
		if c := cmp.Compare(b.mean, a.mean); c != 0 {
			return c
		}
		return cmp.Compare(a.s.Name, b.s.Name)
	})
	out := make([]Series, len(sc))
	for i, x := range sc {
		out[i] = x.s
	}
	return out
}
