package file

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// defaultTop is how many lines a grouped panel shows when the agenda does
// not say.
const defaultTop = 5

// keepTop returns the top series by mean (gaps ignored; a series without
// data ranks last; ties by name), highest first. The rest are added up point
// by point into one "other (N series)" line when the measure adds up (rates,
// counts) and dropped otherwise: a sum of unrelated latencies or levels is a
// line nobody ever saw. The Prometheus backend folds the same way.
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

// mean is the average of the valid points; −Inf when there are none.
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

// foldSum adds series point by point, matching points by time (files need
// not share timestamps). A time is a gap only when every series has a gap or
// nothing there.
func foldSum(rest []sources.Series) sources.Series {
	sums := map[int64]float64{}
	seen := map[int64]bool{}
	var times []int64
	for _, s := range rest {
		for _, p := range s.Points {
			k := p.T.UnixNano()
			if _, ok := sums[k]; !ok {
				sums[k] = 0
				times = append(times, k)
			}
			if !math.IsNaN(p.V) {
				sums[k] += p.V
				seen[k] = true
			}
		}
	}
	slices.Sort(times)
	out := sources.Series{
		Name:   fmt.Sprintf("other (%d series)", len(rest)),
		Unit:   rest[0].Unit,
		Step:   rest[0].Step,
		Points: make([]sources.Point, len(times)),
	}
	for i, k := range times {
		v := sums[k]
		if !seen[k] {
			v = math.NaN()
		}
		out.Points[i] = sources.Point{T: time.Unix(0, k).UTC(), V: v}
	}
	return out
}
