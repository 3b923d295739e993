package demo

import (
	"context"
	"math"
	"slices"

	"github.com/nagame-dev/nagame/sources"
)

// resourceTag is the tag the grouped query splits by.
const resourceTag = "resource_name:"

// fetchByResource returns one p95 series per endpoint, highest mean first,
// the top ones only when top > 0. The rest are dropped, not folded into an
// "other" line: percentiles of different endpoints cannot be added up.
func (s *Source) fetchByResource(ctx context.Context, g grid, top int) ([]sources.Series, error) {
	type ranked struct {
		series sources.Series
		mean   float64
	}
	eps := endpoints()
	all := make([]ranked, 0, len(eps))
	for i, e := range eps {
		pts, err := g.rollup(ctx, aggMax, func(m int64) float64 { return s.story.endpointP95(i, e, m) })
		if err != nil {
			return nil, fetchCancelled(resourceTag+e.name, err)
		}
		all = append(all, ranked{
			series: sources.Series{Name: resourceTag + e.name, Unit: "s", Step: g.Step(), Points: pts},
			mean:   meanOf(pts),
		})
	}
	slices.SortStableFunc(all, func(a, b ranked) int {
		switch {
		case a.mean > b.mean:
			return -1
		case a.mean < b.mean:
			return 1
		}
		return 0
	})
	if top > 0 && top < len(all) {
		all = all[:top]
	}
	out := make([]sources.Series, len(all))
	for i, r := range all {
		out[i] = r.series
	}
	return out, nil
}

// meanOf averages the points that are not gaps; a series of gaps ranks last.
func meanOf(pts []sources.Point) float64 {
	sum, n := 0.0, 0
	for _, p := range pts {
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
