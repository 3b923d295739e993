package demo_test

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// A 30-day p95 panel on a 120-column chart: 6-hour buckets, each the worst
// minute in it, so the single-minute spikes of the story survive the rollup.
func ExampleSource_Fetch() {
	now := time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)
	src, err := demo.New(sources.Config{Type: sources.TypeDemo, Seed: 7}, func() time.Time { return now })
	if err != nil {
		fmt.Println(err)
		return
	}
	q := sources.Query{Expr: "p95:trace.http.request{service:checkout,env:prod}", Columns: 120}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	series, err := src.Fetch(context.Background(), q, w)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := series[0]
	peak := sources.Point{V: math.Inf(-1)}
	for _, p := range s.Points {
		if p.V > peak.V {
			peak = p
		}
	}
	fmt.Printf("%s: %d points every %s, in %s\n", s.Name, s.Len(), s.Step, s.Unit)
	fmt.Printf("first bucket %s\n", s.Points[0].T.Format(time.DateTime))
	fmt.Printf("worst bucket %s: %.0f ms\n", peak.T.Format(time.DateTime), 1000*peak.V)
	// Output:
	// p95:trace.http.request: 121 points every 6h0m0s, in s
	// first bucket 2026-10-23 06:00:00
	// worst bucket 2026-11-05 12:00:00: 950 ms
}

// The queries a demo panel may ask, exactly as an agenda writes them.
func ExampleQueries() {
	for _, q := range demo.Queries() {
		fmt.Println(q)
	}
	// Output:
	// p50:trace.http.request{service:checkout,env:prod}
	// p95:trace.http.request{service:checkout,env:prod}
	// p99:trace.http.request{service:checkout,env:prod}
	// p95:trace.http.request{service:checkout,env:prod} by {resource_name}
	// sum:trace.http.request.errors{service:checkout,env:prod}.as_count()
	// sum:trace.http.request.hits{service:checkout,env:prod}.as_count()
	// sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()
	// avg:system.cpu.user{service:checkout}
}

// The availability SLO over the last 30 days, from the demo's own requests.
func ExampleSource_FetchSLO() {
	now := time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)
	src, err := demo.New(sources.Config{Seed: 7}, func() time.Time { return now })
	if err != nil {
		fmt.Println(err)
		return
	}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	st, err := src.FetchSLO(context.Background(), "checkout-availability", w)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: SLI %.3f %% (target %.1f %%), %.0f %% of the budget left\n", st.ID, 100*st.SLI, 100*st.Target, 100*st.BudgetRemaining)
	// Output:
	// checkout-availability: SLI 99.974 % (target 99.9 %), 74 % of the budget left
}
