package sources

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Combine folds the lines of a grouped query into one series, aligned by
// timestamp (the union of all timestamps, ascending), so a panel can be
// summarised as a whole:
//
//   - errors and load that are counts or rates are summed: the service's
//     total is the sum of its groups;
//   - latency, and errors or load that are gauges (levels do not add up),
//     take the maximum: the worst group is the conservative reading;
//   - custom and slo panels take the first series: nagame cannot know how
//     an arbitrary metric adds up.
//
// A group without a value at a timestamp contributes nothing there; a
// timestamp where no group has a value is a gap (NaN). The warnings of all
// series are kept. One series is
// returned as is; none gives an empty Series.
func Combine(kind Kind, m Measure, series []Series) Series {
	switch len(series) {
	case 0:
		return Series{}
	case 1:
		return series[0]
	}
	var op string
	switch {
	case kind == KindCustom || kind == KindSLO:
		return series[0]
	case (kind == KindErrors || kind == KindLoad) && m != Gauge:
		op = "sum"
	default:
		op = "max"
	}
	a := alignAll(series)
	out := Series{
		Name:     fmt.Sprintf("%s of %d", op, len(series)),
		Unit:     series[0].Unit,
		Step:     firstStep(series),
		Points:   make([]Point, len(a.times)),
		Warnings: warningsOf(series),
	}
	for i, t := range a.times {
		acc, seen := 0.0, false
		for _, col := range a.values {
			v := col[i]
			if math.IsNaN(v) {
				continue
			}
			switch {
			case !seen:
				acc = v
			case op == "sum":
				acc += v
			default:
				acc = math.Max(acc, v)
			}
			seen = true
		}
		if !seen {
			acc = math.NaN()
		}
		out.Points[i] = Point{T: t, V: acc}
	}
	return out
}

// Ratio is num/den·100 per bucket, in percent, aligned by timestamp: the
// share of errors in all requests, for charting. A bucket is NaN where den
// is 0 or either side has no value.
func Ratio(num, den Series) Series {
	a := alignAll([]Series{num, den})
	out := Series{
		Name:     num.Name + " / " + den.Name,
		Unit:     "%",
		Step:     firstStep([]Series{den, num}),
		Points:   make([]Point, len(a.times)),
		Warnings: warningsOf([]Series{num, den}),
	}
	for i, t := range a.times {
		n, d := a.values[0][i], a.values[1][i]
		v := math.NaN()
		if !math.IsNaN(n) && !math.IsNaN(d) && d != 0 {
			v = n / d * 100
		}
		out.Points[i] = Point{T: t, V: v}
	}
	return out
}

// aligned is several series laid on their common time axis: values[k][i] is
// series k at times[i], NaN where it has no point.
type aligned struct {
	times  []time.Time
	values [][]float64
}

// alignAll matches points by timestamp (to the nanosecond). Series need not
// be sorted; when one series has two points at the same time, the last
// valid one wins.
func alignAll(series []Series) aligned {
	index := map[int64]int{}
	var times []time.Time
	for _, s := range series {
		for _, p := range s.Points {
			k := p.T.UnixNano()
			if _, ok := index[k]; !ok {
				index[k] = len(times)
				times = append(times, p.T)
			}
		}
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for i, t := range times {
		index[t.UnixNano()] = i
	}
	values := make([][]float64, len(series))
	for k, s := range series {
		col := make([]float64, len(times))
		for i := range col {
			col[i] = math.NaN()
		}
		for _, p := range s.Points {
			if i := index[p.T.UnixNano()]; !math.IsNaN(p.V) || math.IsNaN(col[i]) {
				col[i] = p.V
			}
		}
		values[k] = col
	}
	return aligned{times: times, values: values}
}

// warningsOf gathers the warnings of several series, each once, in order:
// a combined line must still show what the backend said about its parts.
func warningsOf(series []Series) []string {
	var out []string
	for _, s := range series {
		for _, w := range s.Warnings {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// firstStep is the first known step among series.
func firstStep(series []Series) time.Duration {
	for _, s := range series {
		if s.Step > 0 {
			return s.Step
		}
	}
	return 0
}

// stepOf is the bucket width of s: its Step when the backend said, else the
// median spacing of its timestamps, else 0 (fewer than two points).
func stepOf(s Series) time.Duration {
	if s.Step > 0 {
		return s.Step
	}
	if len(s.Points) < 2 {
		return 0
	}
	gaps := make([]time.Duration, 0, len(s.Points)-1)
	for i := 1; i < len(s.Points); i++ {
		if d := s.Points[i].T.Sub(s.Points[i-1].T); d > 0 {
			gaps = append(gaps, d)
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[(len(gaps)-1)/2]
}
