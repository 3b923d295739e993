package demo

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// The demo's SLOs.
const (
	sloAvailability = "checkout-availability"
	sloLatency      = "checkout-latency"

	availabilityTarget = 0.999
	latencyTarget      = 0.99
	latencyThreshold   = 0.300 // seconds
)

// SLOs returns the ids of the SLOs the demo backend tracks, for messages and
// documentation.
func SLOs() []string { return []string{sloAvailability, sloLatency} }

// FetchSLO reports one of the SLOs listed by SLOs over w, computed from the
// demo's own data at minute resolution:
//
//   - checkout-availability is request-based: SLI = 1 − errors/requests,
//     target 99.9 %;
//   - checkout-latency is time-sliced: the share of minutes whose p95 is at
//     most 300 ms, target 99 %.
//
// Minutes that were not scraped count neither way. History holds one series,
// the SLI of each UTC day in percent (NaN for a day without data).
func (s *Source) FetchSLO(ctx context.Context, id string, w sources.Window) (sources.SLOStatus, error) {
	var (
		st     sources.SLOStatus
		minute func(m int64) (good, total float64)
	)
	switch strings.TrimSpace(id) {
	case sloAvailability:
		st = sources.SLOStatus{ID: sloAvailability, Name: "Checkout availability: 99.9 % of requests succeed", Target: availabilityTarget}
		minute = func(m int64) (float64, float64) {
			if s.story.missing(m) {
				return 0, 0
			}
			h := s.story.hitsScraped(m)
			return h - s.story.failures(m, h), h
		}
	case sloLatency:
		st = sources.SLOStatus{ID: sloLatency, Name: "Checkout latency: p95 ≤ 300 ms in 99 % of minutes", Target: latencyTarget}
		minute = func(m int64) (float64, float64) {
			v := s.story.p95(m)
			switch {
			case math.IsNaN(v):
				return 0, 0
			case v <= latencyThreshold:
				return 1, 1
			}
			return 0, 1
		}
	default:
		return sources.SLOStatus{}, &sources.Error{
			Backend: sources.TypeDemo,
			Query:   id,
			Msg:     fmt.Sprintf("unknown SLO %q; the demo tracks only: %s", id, strings.Join(SLOs(), ", ")),
			Hint:    "set the panel's slo: to one of these ids",
		}
	}
	g, ok, err := s.gridFor(id, w, 0)
	if err != nil {
		return sources.SLOStatus{}, err
	}
	st.SLI, st.BudgetRemaining = math.NaN(), math.NaN()
	if !ok {
		return st, nil
	}
	// The history is by UTC day whatever the window; the grid's minutes are
	// those of the window.
	g.step, g.bucket0 = minutesPerDay, floorDiv(g.first, minutesPerDay)
	g.n = buckets(g.first, g.end, minutesPerDay)
	good, total := make([]float64, g.n), make([]float64, g.n)
	for m := g.first; m < g.end; m++ {
		if (m-g.first)%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return sources.SLOStatus{}, fetchCancelled(id, err)
			}
		}
		gd, tot := minute(m)
		i := floorDiv(m, minutesPerDay) - g.bucket0
		good[i] += gd
		total[i] += tot
	}
	var sumGood, sumTotal float64
	pts := make([]sources.Point, g.n)
	for i := range pts {
		sumGood += good[i]
		sumTotal += total[i]
		v := math.NaN()
		if total[i] > 0 {
			v = 100 * good[i] / total[i]
		}
		pts[i] = sources.Point{T: time.Unix((g.bucket0+int64(i))*minutesPerDay*60, 0).UTC(), V: v}
	}
	if sumTotal > 0 {
		st.SLI = sumGood / sumTotal
		st.BudgetRemaining = 1 - (1-st.SLI)/(1-st.Target)
	}
	st.History = []sources.Series{{Name: st.ID + " SLI", Unit: "%", Step: 24 * time.Hour, Points: pts}}
	return st, nil
}
