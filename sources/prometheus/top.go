package prometheus

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/nagame-dev/nagame/sources"
)

// defaultTop is how many lines a grouped panel shows when the agenda does
// not say: more than five lines on a terminal chart are hard to tell apart.
const defaultTop = 5

// keepTop returns the top series by mean (gaps ignored; a series with no data
// ranks last; ties by name), highest first. The rest are added up point by
// point into one "other (N series)" line when the measure adds up (rates,
// counts), and dropped otherwise: a sum or mean of unrelated latencies or
// levels would be a line that no server ever saw.
func keepTop(series []sources.Series, top int, m sources.Measure) []sources.Series {
	if top <= 0 {
		top = defaultTop
	}
	type ranked struct {
		s    sources.Series
		mean float64
	}
	rs := make([]ranked, len(series))
	for i, s := range series {
		rs[i] = ranked{s, mean(s)}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(b.mean, a.mean); c != 0 {
			return c
		}
		return cmp.Compare(a.s.Name, b.s.Name)
	})
	out := make([]sources.Series, 0, min(len(rs), top+1))
	for _, r := range rs[:min(top, len(rs))] {
		out = append(out, r.s)
	}
	if len(rs) <= top || (m != sources.Rate && m != sources.Count) {
		return out
	}
	rest := make([]sources.Series, 0, len(rs)-top)
	for _, r := range rs[top:] {
		rest = append(rest, r.s)
	}
	return append(out, foldSum(rest))
}

// mean is the average of the series' valid points; −Inf when it has none, so
// that it sorts last.
func mean(s sources.Series) float64 {
	sum, n := 0.0, 0
	for _, p := range s.Points {
		if !math.IsNaN(p.V) {
			sum += p.V
			n++
		}
	}
	if n == 0 {
		return math.Inf(-1)
	}
	return sum / float64(n)
}

// foldSum adds series that share one time grid point by point. A point is a
// gap only when it is a gap in every series.
func foldSum(rest []sources.Series) sources.Series {
	first := rest[0]
	out := sources.Series{
		Name:   fmt.Sprintf("other (%d series)", len(rest)),
		Unit:   first.Unit,
		Step:   first.Step,
		Points: make([]sources.Point, len(first.Points)),
	}
	for i, p := range first.Points {
		sum, seen := 0.0, false
		for _, s := range rest {
			if i < len(s.Points) && !math.IsNaN(s.Points[i].V) {
				sum += s.Points[i].V
				seen = true
			}
		}
		if !seen {
			sum = math.NaN()
		}
		out.Points[i] = sources.Point{T: p.T, V: sum}
	}
	return out
}
