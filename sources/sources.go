// Package sources knows numbers: the Series and Window types, the Source
// interface every backend implements, and the series math a viewing party
// needs (summaries per panel kind, comparison with the previous window, SLOs,
// error budgets and their burn-down, peak-preserving downsampling, chart
// columns with their trend and range, one rule for a panel's unit).
//
// It imports nothing of nagame's own. Backends live in sub-packages
// (sources/demo, sources/datadog, sources/prometheus, sources/file) and import
// only this package.
package sources

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
)

// Kind is what a panel shows. It decides how its numbers are summarised and
// which direction of change is better.
type Kind string

// The panel kinds of agenda v1.
const (
	KindLatency Kind = "latency"
	KindErrors  Kind = "errors"
	KindLoad    Kind = "load"
	KindSLO     Kind = "slo"
	KindCustom  Kind = "custom"
)

// Kinds lists every panel kind in the order the agenda documents them.
var Kinds = []Kind{KindLatency, KindErrors, KindLoad, KindSLO, KindCustom}

// Measure says how a series' values relate to time, which decides how they
// add up over a window.
type Measure string

// Measures. A gauge is a level (latency, CPU %): it is averaged, never summed.
// A rate is per second (requests/s): its total over a bucket is value × step.
// A count is per bucket (Datadog's .as_count(), PromQL increase()): it sums.
const (
	Gauge Measure = "gauge"
	Rate  Measure = "rate"
	Count Measure = "count"
)

// Point is one sample. A NaN value is a gap: the backend had no data there.
type Point struct {
	T time.Time
	V float64
}

// Series is one line of a chart.
type Series struct {
	// Name labels the line in a legend: a group ("resource:/cart") or the
	// query's metric.
	Name string
	// Unit of the values ("s", "ms", "%", "req/s", or "" when unknown).
	Unit string
	// Step is the bucket width the backend rolled up to; 0 when unknown.
	Step time.Duration
	// Points in ascending time order.
	Points []Point
	// Warnings are what the backend said about the result besides the data
	// (Prometheus warnings and infos, a fallback the backend had to take),
	// worded for people: the panel shows them next to its chart. A Series
	// with no Points may exist only to carry warnings about an empty result.
	Warnings []string
	// Hidden counts the lines of a grouped query that Top left out (past
	// the panel's top:, for series that cannot be summed into "other"),
	// on the first series: the chart's legend says "+N more".
	Hidden int
}

// Len is the number of points, gaps included.
func (s Series) Len() int { return len(s.Points) }

// Valid is the number of points that are not gaps.
func (s Series) Valid() int {
	n := 0
	for _, p := range s.Points {
		if !math.IsNaN(p.V) {
			n++
		}
	}
	return n
}

// Shift moves every point later by d (earlier when d is negative). It is how
// the previous window is laid over the current one on a chart.
func (s Series) Shift(d time.Duration) Series {
	out := s
	out.Points = make([]Point, len(s.Points))
	for i, p := range s.Points {
		out.Points[i] = Point{T: p.T.Add(d), V: p.V}
	}
	return out
}

// Window is a closed-open span of time [From, To) that a panel looks at.
type Window struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Duration is the length of the window.
func (w Window) Duration() time.Duration { return w.To.Sub(w.From) }

// Shift returns the window moved earlier by d: the "180d ago" comparison.
func (w Window) Shift(d time.Duration) Window {
	return Window{From: w.From.Add(-d), To: w.To.Add(-d)}
}

// Previous is the window of the same length that ends where w begins.
func (w Window) Previous() Window { return w.Shift(w.Duration()) }

// Contains reports whether t lies in [From, To).
func (w Window) Contains(t time.Time) bool {
	return !t.Before(w.From) && t.Before(w.To)
}

// IsZero reports whether the window is unset.
func (w Window) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// String renders the window for people: "2026-10-23 10:00 → 2026-11-22 10:00 UTC".
func (w Window) String() string {
	if w.IsZero() {
		return "(no window)"
	}
	const layout = "2006-01-02 15:04"
	return fmt.Sprintf("%s → %s %s", w.From.UTC().Format(layout), w.To.UTC().Format(layout), "UTC")
}

// Query is what a panel asks a source for.
type Query struct {
	// Panel is the panel's id, for messages.
	Panel string
	// Kind of the panel: backends may choose a rollup by it (max for latency).
	Kind Kind
	// Expr is the query in the backend's own language, or a file name for the
	// file source.
	Expr string
	// Unit the panel declares for the values; "" leaves it to the backend.
	Unit string
	// Measure of the values (gauge, rate, count).
	Measure Measure
	// Columns is how many columns the chart has: backends pick a step so the
	// result has at least this many buckets, and no more than they allow.
	Columns int
	// Top caps how many lines a grouped query returns; the rest are folded
	// into one "other" line (or dropped when they cannot be added up).
	Top int
}

// Source is a backend that answers queries over a window.
type Source interface {
	// Fetch returns the series q yields over w. No series and a nil error
	// means the backend has no data in this window: not an error.
	Fetch(ctx context.Context, q Query, w Window) ([]Series, error)
}

// SLOStatus is an SLO as a backend that tracks it reports it over a window.
type SLOStatus struct {
	// ID and Name of the SLO in the backend.
	ID   string
	Name string
	// Target is the objective as a fraction (0.999 for 99.9 %).
	Target float64
	// SLI is the measured share of good events or time, as a fraction; NaN
	// when the backend has none.
	SLI float64
	// BudgetRemaining is the share of the error budget left, as a fraction
	// (negative when overspent); NaN when unknown.
	BudgetRemaining float64
	// History is the SLI over the window, in percent, when the backend has it.
	History []Series
}

// SLOSource is a Source that can also report SLOs it tracks (kind: slo).
type SLOSource interface {
	Source
	FetchSLO(ctx context.Context, id string, w Window) (SLOStatus, error)
}

// Checker is a Source that can verify its credentials and reachability
// before a meeting (nagame check).
type Checker interface {
	Check(ctx context.Context) error
}

// StatusReporter is a source that can say more than "ok" about itself
// once its credentials and reachability are verified: what answered, and
// where ("Prometheus 2.53.0 at http://prom:9090: queries work"). nagame
// check prints it; a source that has it needs no Check of its own.
type StatusReporter interface {
	Status(ctx context.Context) (string, error)
}

// InferMeasure returns the measure of a query when the agenda does not say.
// Latency is always a gauge: a percentile never adds up, even when computed
// from rates (histogram_quantile(0.95, rate(…))). Otherwise the query's own
// words decide (.as_count(), increase(), rate(), .as_rate()), then the panel
// kind (errors count, load is a rate, the rest are gauges).
func InferMeasure(kind Kind, expr string) Measure {
	if kind == KindLatency || kind == KindSLO {
		return Gauge
	}
	e := strings.ToLower(expr)
	switch {
	case strings.Contains(e, ".as_count()"), strings.Contains(e, "increase("):
		return Count
	case strings.Contains(e, ".as_rate()"), strings.Contains(e, "rate("):
		return Rate
	}
	switch kind {
	case KindErrors:
		return Count
	case KindLoad:
		return Rate
	default:
		return Gauge
	}
}
