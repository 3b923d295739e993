package sources

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Summarize is what a panel's numbers come to over one window, by the
// panel's kind. main holds the series of the panel's query, total those of
// an errors panel's total: query (empty when it has none). Grouped results
// are first folded into one series with Combine. An errors panel without a
// total gets counts only, no percentage. A slo panel's SLI history and any
// kind nagame does not know are summarised like custom.
func Summarize(kind Kind, m Measure, main, total []Series) Summary {
	s := Combine(kind, m, main)
	switch kind {
	case KindLatency:
		return SummarizeLatency(s)
	case KindErrors:
		return SummarizeErrors(s, Combine(kind, m, total), m)
	case KindLoad:
		return SummarizeLoad(s, m)
	default:
		sum := SummarizeCustom(s)
		sum.Kind = kind
		return sum
	}
}

// SummarizeLatency gives p50 and p95 of the window's points, the maximum and
// the last point (both with their time); the headline is p95.
//
// Percentiles are nearest-rank over the valid points: sort the N values and
// take the ⌈p·N/100⌉-th. They are percentiles of the buckets the backend
// returned (each usually already a p95 over its bucket), not of requests:
// "in 95 % of the window's buckets, latency was at most this".
func SummarizeLatency(s Series) Summary {
	st := statsOf(s)
	vals := st.values(s)
	slices.Sort(vals)
	return Summary{
		Kind:     KindLatency,
		Headline: "p95",
		Figures: []Figure{
			{Key: "p50", Label: "p50", Value: nearestRank(vals, 50), Unit: s.Unit},
			{Key: "p95", Label: "p95", Value: nearestRank(vals, 95), Unit: s.Unit},
			{Key: "max", Label: "max", Value: st.max.V, Unit: s.Unit, At: st.max.T},
			{Key: "last", Label: "last", Value: st.last.V, Unit: s.Unit, At: st.last.T},
		},
		Valid:   st.n,
		Missing: s.Len() - st.n,
	}
}

// nearestRank is the p-th percentile (0 < p ≤ 100) of sorted values by the
// nearest-rank method, in integer arithmetic so that 95 % of 20 values is
// exactly the 19th; NaN for no values.
func nearestRank(sorted []float64, p int) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	rank := (p*n + 99) / 100 // ⌈p·n/100⌉
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

// SummarizeErrors gives the errors and requests over the window, the errors
// as a share of requests (error_pct = 100·Σerrors/Σtotal, the headline) and
// the worst bucket's share with its time.
//
// For a Rate measure a bucket holds value × step requests; the step is the
// series' Step, else the total's (its buckets are denser: backends often
// skip buckets without errors), else the median spacing of the timestamps.
// Counts (and gauges) are plain sums. An errors series without points while
// the total has data reads as zero errors. The worst bucket is taken where
// both series have a point and the total is not 0, matched by timestamp as
// in Ratio.
//
// Without a total (no points at all) the summary is counts only: errors and
// the peak bucket (in the series' unit), headline "errors". Valid and
// Missing count the total's points, or the errors' when there is no total.
func SummarizeErrors(errs, total Series, m Measure) Summary {
	errSt := statsOf(errs)
	if total.Len() == 0 {
		e := sumOver(errs, errSt, m, errorStep(errs, total))
		return Summary{
			Kind:     KindErrors,
			Headline: "errors",
			Figures: []Figure{
				{Key: "errors", Label: "errors", Value: e},
				{Key: "peak", Label: "peak bucket", Value: errSt.max.V, Unit: errs.Unit, At: errSt.max.T},
			},
			Valid:   errSt.n,
			Missing: errs.Len() - errSt.n,
		}
	}
	totSt := statsOf(total)
	t := sumOver(total, totSt, m, totalStep(total, errs))
	e := sumOver(errs, errSt, m, errorStep(errs, total))
	if errSt.n == 0 && totSt.n > 0 {
		e = 0
	}
	pct := math.NaN()
	if !math.IsNaN(t) && t > 0 {
		pct = 100 * e / t
	}
	worst := Point{V: math.NaN()}
	ratio := Ratio(errs, total)
	for _, p := range ratio.Points {
		if !math.IsNaN(p.V) && (math.IsNaN(worst.V) || p.V > worst.V) {
			worst = p
		}
	}
	return Summary{
		Kind:     KindErrors,
		Headline: "error_pct",
		Figures: []Figure{
			{Key: "errors", Label: "errors", Value: e},
			{Key: "total", Label: "requests", Value: t},
			{Key: "error_pct", Label: "error rate", Value: pct, Unit: "%"},
			{Key: "worst", Label: "worst bucket", Value: worst.V, Unit: "%", At: worst.T},
		},
		Valid:   totSt.n,
		Missing: total.Len() - totSt.n,
	}
}

// errorStep and totalStep pick the bucket width of a rate (see
// SummarizeErrors).
func errorStep(errs, total Series) time.Duration {
	for _, d := range []time.Duration{errs.Step, total.Step, stepOf(total), stepOf(errs)} {
		if d > 0 {
			return d
		}
	}
	return 0
}

func totalStep(total, errs Series) time.Duration {
	if d := stepOf(total); d > 0 {
		return d
	}
	return stepOf(errs)
}

// sumOver adds up a series over the window: Σ value × step for a rate, Σ
// value otherwise. NaN when it has no valid point, or for a rate whose step
// is unknown.
func sumOver(s Series, st pointStats, m Measure, step time.Duration) float64 {
	if st.n == 0 {
		return math.NaN()
	}
	if m != Rate {
		return st.sum
	}
	if step <= 0 {
		return math.NaN()
	}
	return st.sum * step.Seconds()
}

// SummarizeLoad gives the mean and peak rate (with its time) and, unless the
// series is a gauge, the total over the window; the headline is the mean.
//
// A rate is taken as is and its total is Σ value × step; a count's rate is
// value / step (step as in SummarizeErrors) and its total Σ value; a gauge
// (connections, queue depth) is a level with no total. Rates are in the
// series' unit when it is a rate ("req/s", or any unit with a "/"), else in
// "<unit>/s" ("req" → "req/s"), and "req/s" when the series has no unit;
// the total is in that unit without "/s" ("req").
func SummarizeLoad(s Series, m Measure) Summary {
	step := stepOf(s)
	st := statsOf(s)
	rate := 1.0
	if m == Count {
		rate = 1 / step.Seconds()
		if step <= 0 {
			rate = math.NaN()
		}
	}
	unit := loadUnit(s.Unit, m)
	mean := math.NaN()
	if st.n > 0 {
		mean = st.sum / float64(st.n) * rate
	}
	sum := Summary{
		Kind:     KindLoad,
		Headline: "mean",
		Figures: []Figure{
			{Key: "mean", Label: "mean", Value: mean, Unit: unit},
			{Key: "peak", Label: "peak", Value: st.max.V * rate, Unit: unit, At: st.max.T},
		},
		Valid:   st.n,
		Missing: s.Len() - st.n,
	}
	if m != Gauge {
		sum.Figures = append(sum.Figures, Figure{
			Key: "total", Label: "total", Value: sumOver(s, st, m, step),
			Unit: strings.TrimSuffix(unit, "/s"),
		})
	}
	return sum
}

// loadUnit is the unit of a load panel's rates (see SummarizeLoad).
func loadUnit(unit string, m Measure) string {
	switch {
	case m == Gauge:
		return unit
	case unit == "":
		return "req/s"
	case strings.Contains(unit, "/") || m == Rate:
		return unit
	default:
		return unit + "/s"
	}
}

// SummarizeCustom gives the minimum and maximum (with their times), the mean
// and the last point of a metric nagame knows nothing about; the headline is
// the mean.
func SummarizeCustom(s Series) Summary {
	st := statsOf(s)
	mean := math.NaN()
	if st.n > 0 {
		mean = st.sum / float64(st.n)
	}
	return Summary{
		Kind:     KindCustom,
		Headline: "mean",
		Figures: []Figure{
			{Key: "min", Label: "min", Value: st.min.V, Unit: s.Unit, At: st.min.T},
			{Key: "mean", Label: "mean", Value: mean, Unit: s.Unit},
			{Key: "max", Label: "max", Value: st.max.V, Unit: s.Unit, At: st.max.T},
			{Key: "last", Label: "last", Value: st.last.V, Unit: s.Unit, At: st.last.T},
		},
		Valid:   st.n,
		Missing: s.Len() - st.n,
	}
}

// pointStats is one pass over a series' valid points. min, max and last are
// NaN points (zero time) when there is none; the first of equal extremes
// wins, so "the peak at 10:02" names its first occurrence.
type pointStats struct {
	n              int
	sum            float64
	min, max, last Point
}

func statsOf(s Series) pointStats {
	st := pointStats{
		min:  Point{V: math.NaN()},
		max:  Point{V: math.NaN()},
		last: Point{V: math.NaN()},
	}
	for _, p := range s.Points {
		if math.IsNaN(p.V) {
			continue
		}
		if st.n == 0 || p.V < st.min.V {
			st.min = p
		}
		if st.n == 0 || p.V > st.max.V {
			st.max = p
		}
		st.last = p
		st.sum += p.V
		st.n++
	}
	return st
}

// values copies the valid values of s (st.n of them).
func (st pointStats) values(s Series) []float64 {
	out := make([]float64, 0, st.n)
	for _, p := range s.Points {
		if !math.IsNaN(p.V) {
			out = append(out, p.V)
		}
	}
	return out
}
