// Package demo is nagame's built-in backend: a deterministic, offline story
// of a fictional checkout service, good enough to run a whole viewing party
// without a monitoring account.
//
// The story is placed around an anchor, the UTC day New was called on, so a
// meeting with a 30-day window shows it whatever day it runs:
//
//   - traffic with a daily shape (night trough ≈ 25 % of the evening peak,
//     a lunch bump), weekends ≈ 60 % of weekdays, and 25 % growth per 30 days
//     (for a year either side of the anchor, flat beyond), peaking near
//     400 req/s at the anchor;
//   - p95 latency ≈ 180 ms, regressed to ≈ 260 ms by a deploy at anchor−12d
//     14:10 UTC, brought down to ≈ 140 ms by a connection pool fix at
//     anchor−8d 10:30, with single-minute spikes near 900 ms;
//   - errors ≈ 0.02 % of requests, and an incident at anchor−3d 14:05–14:50
//     UTC with ≈ 4 %;
//   - CPU following load; a 40-minute scrape gap at anchor−20d 03:00 and a few
//     single missing minutes, which are gaps (NaN), not zeros;
//   - the events behind it (Events): the regressing deploy and the fix, a
//     deploy at anchor−19d that changed nothing, two deploys in the 30 days
//     before, and a configuration change at anchor−3d 14:02, three minutes
//     before the incident.
//
// Noise comes from a hash of (seed, quantity, minute): the same seed, anchor,
// query, window and columns always give the same series.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Source is the demo backend. It is safe for concurrent use: it holds no
// state that a fetch changes.
type Source struct {
	story *story
}

// Interfaces the demo backend implements.
var (
	_ sources.SLOSource   = (*Source)(nil)
	_ sources.Checker     = (*Source)(nil)
	_ sources.EventSource = (*Source)(nil)
)

// New returns the demo backend. cfg.Seed varies the noise, never the story.
// now anchors the story: it is called once, and its UTC day is the anchor.
// A nil now means the wall clock.
func New(cfg sources.Config, now func() time.Time) (*Source, error) {
	if cfg.Type != "" && cfg.Type != sources.TypeDemo {
		return nil, &sources.Error{
			Backend: sources.TypeDemo,
			Msg:     fmt.Sprintf("source %q has type %q, not %q", cfg.Name, cfg.Type, sources.TypeDemo),
			Hint:    "open this source with the backend of its type",
		}
	}
	if now == nil {
		now = time.Now
	}
	anchor := now().UTC().Truncate(24 * time.Hour)
	return &Source{story: newStory(cfg.Seed, anchor)}, nil
}

// Anchor is the first instant of the UTC day the story is placed around.
func (s *Source) Anchor() time.Time {
	return time.Unix(s.story.anchor*60, 0).UTC()
}

// Check always succeeds: the demo needs no credentials and no network.
func (s *Source) Check(context.Context) error { return nil }

// Fetch answers one of the queries listed by Queries over w, like a metrics
// backend would: minutes roll up to buckets aligned to a nice step (1m … 1d)
// giving at least q.Columns buckets (about 300 when 0) and at most 1,500;
// latency by max (spikes survive), counts by sum, rates and gauges by mean. A
// bucket without data is NaN. The grouped query returns one series per
// resource_name, highest mean first, the first q.Top of them (5 when q.Top
// ≤ 0; see sources.Top).
// q.Kind, q.Unit and q.Measure are not consulted: the demo knows its queries.
//
// An unknown query, an empty window or one over 400 days is a
// *sources.Error; a window with no whole minute in it is no data (nil, nil).
func (s *Source) Fetch(ctx context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	dq, ok := lookup(q.Expr)
	if !ok {
		return nil, &sources.Error{
			Backend: sources.TypeDemo,
			Query:   q.Expr,
			Msg:     "unknown query; the demo answers only: " + strings.Join(Queries(), "; "),
			Hint:    "copy one of these queries into the panel, or give the panel a real source",
		}
	}
	g, ok, err := s.gridFor(q.Expr, w, q.Columns)
	if err != nil || !ok {
		return nil, err
	}
	if dq.metric == metricP95ByResource {
		return s.fetchByResource(ctx, g, q.Top)
	}
	f := s.minuteFunc(dq.metric)
	pts, err := g.rollup(ctx, dq.agg, f)
	if err != nil {
		return nil, fetchCancelled(q.Expr, err)
	}
	return []sources.Series{{Name: dq.name, Unit: dq.unit, Step: g.Step(), Points: pts}}, nil
}

// minuteFunc returns the per-minute value of an ungrouped metric.
func (s *Source) minuteFunc(m metric) func(int64) float64 {
	st := s.story
	switch m {
	case metricP50:
		return st.p50
	case metricP99:
		return st.p99
	case metricErrors:
		return func(m int64) float64 { return st.failures(m, st.hits(m)) }
	case metricHitsCount:
		return st.hits
	case metricHitsRate:
		return func(m int64) float64 { return st.hits(m) / 60 }
	case metricCPU:
		return st.cpu
	default:
		return st.p95
	}
}

// gridFor checks w and picks its rollup grid; ok is false when w holds no
// whole minute, which is no data rather than an error.
func (s *Source) gridFor(what string, w sources.Window, columns int) (grid, bool, error) {
	if !w.To.After(w.From) {
		return grid{}, false, &sources.Error{
			Backend: sources.TypeDemo,
			Query:   what,
			Msg:     fmt.Sprintf("empty window %s: it must end after it starts", w),
			Hint:    "check the window: or compare: of the agenda",
		}
	}
	if w.Duration() > maxWindow {
		return grid{}, false, &sources.Error{
			Backend: sources.TypeDemo,
			Query:   what,
			Msg:     fmt.Sprintf("window %s is %.0f days long; the demo generates at most 400", w, w.Duration().Hours()/24),
			Hint:    "use a window of 400 days or less",
		}
	}
	g, ok := newGrid(w, columns)
	return g, ok, nil
}

// fetchCancelled words a fetch that its context ended.
func fetchCancelled(what string, err error) error {
	return &sources.Error{
		Backend: sources.TypeDemo,
		Query:   what,
		Msg:     "fetch stopped: " + err.Error(),
		Hint:    "retry the panel",
		Err:     err,
	}
}
