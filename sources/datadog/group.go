package datadog

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// DefaultTop is how many lines a grouped query keeps when the panel does not
// say.
const DefaultTop = 5

// fold orders the lines of a grouped query by mean value, largest first
// (ties by name, lines without data last), and keeps q.Top of them. The rest
// are folded into one line when they can be added up, and dropped when they
// cannot:
//
//   - counts and rates (errors, hits, req/s) add up: the rest become one
//     "other (N groups)" line, their sum per timestamp;
//   - gauges (latency percentiles, CPU) do not: the rest are dropped, and the
//     last kept line's name ends in "(+N more not shown)" so the legend
//     does not pretend to be complete.
func fold(all []ranked, q sources.Query) []sources.Series {
	slices.SortStableFunc(all, func(a, b ranked) int {
		an, bn := math.IsNaN(a.mean), math.IsNaN(b.mean)
		switch {
		case an != bn:
			if an {
				return 1
			}
			return -1
		case !an && a.mean != b.mean:
			return cmp.Compare(b.mean, a.mean)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	top := q.Top
	if top <= 0 {
		top = DefaultTop
	}
	out := make([]sources.Series, 0, min(len(all), top+1))
	for i := 0; i < len(all) && i < top; i++ {
		out = append(out, all[i].Series)
	}
	rest := all[len(out):]
	if len(rest) == 0 {
		return out
	}
	measure := q.Measure
	if measure == "" {
		measure = sources.InferMeasure(q.Kind, q.Expr)
	}
	if measure == sources.Count || measure == sources.Rate {
		return append(out, sumOf(rest))
	}
	out[len(out)-1].Name += fmt.Sprintf(" (+%d more not shown)", len(rest))
	return out
}

// sumOf adds series point by point, matching points by timestamp (groups
// can start and end at different buckets). A timestamp where every series
// has a gap stays a gap; elsewhere a gap counts as nothing.
func sumOf(rest []ranked) sources.Series {
	type acc struct {
		sum   float64
		valid bool
	}
	byT := make(map[int64]*acc)
	for _, r := range rest {
		for _, p := range r.Points {
			k := p.T.UnixMilli()
			a, ok := byT[k]
			if !ok {
				a = &acc{}
				byT[k] = a
			}
			if !math.IsNaN(p.V) {
				a.sum += p.V
				a.valid = true
			}
		}
	}
	keys := make([]int64, 0, len(byT))
	for k := range byT {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	pts := make([]sources.Point, len(keys))
	for i, k := range keys {
		v := math.NaN()
		if a := byT[k]; a.valid {
			v = a.sum
		}
		pts[i] = sources.Point{T: time.UnixMilli(k).UTC(), V: v}
	}
	return sources.Series{
		Name:   fmt.Sprintf("other (%d groups)", len(rest)),
		Unit:   rest[0].Unit,
		Step:   rest[0].Step,
		Points: pts,
	}
}
