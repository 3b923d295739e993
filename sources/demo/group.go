package demo

import (
	"context"

	"github.com/nagame-dev/nagame/sources"
)

// resourceTag is the tag the grouped query splits by.
const resourceTag = "resource_name:"

// fetchByResource returns one p95 series per endpoint, the top ones by mean
// (sources.Top; top ≤ 0 keeps sources.DefaultTop). The rest are dropped,
// never folded into an "other" line, whatever the panel's kind or measure:
// these are latencies, and percentiles of different endpoints cannot be
// added up.
func (s *Source) fetchByResource(ctx context.Context, g grid, top int) ([]sources.Series, error) {
	eps := endpoints()
	all := make([]sources.Series, 0, len(eps))
	for i, e := range eps {
		pts, err := g.rollup(ctx, aggMax, func(m int64) float64 { return s.story.endpointP95(i, e, m) })
		if err != nil {
			return nil, fetchCancelled(resourceTag+e.name, err)
		}
		all = append(all, sources.Series{Name: resourceTag + e.name, Unit: "s", Step: g.Step(), Points: pts})
	}
	return sources.Top(all, top, sources.KindLatency, sources.Gauge), nil
}
