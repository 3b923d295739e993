package demo

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// testNow is a Sunday morning; the anchor is that day's midnight UTC,
// 2026-11-22 00:00.
var testNow = time.Date(2026, 11, 22, 10, 2, 0, 0, time.UTC)

const day = 24 * time.Hour

// The demo's queries, by role, spelled out so the tests fail if the
// catalogue changes.
const (
	qP50     = "p50:trace.http.request{service:checkout,env:prod}"
	qP95     = "p95:trace.http.request{service:checkout,env:prod}"
	qP99     = "p99:trace.http.request{service:checkout,env:prod}"
	qByRes   = "p95:trace.http.request{service:checkout,env:prod} by {resource_name}"
	qErrors  = "sum:trace.http.request.errors{service:checkout,env:prod}.as_count()"
	qHits    = "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()"
	qHitRate = "sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()"
	qCPU     = "avg:system.cpu.user{service:checkout}"
)

func newSource(t testing.TB, seed int64, now time.Time) *Source {
	t.Helper()
	s, err := New(sources.Config{Name: "demo", Type: sources.TypeDemo, Seed: seed}, func() time.Time { return now })
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// anchorOf is the story's anchor for a clock reading.
func anchorOf(now time.Time) time.Time { return now.UTC().Truncate(day) }

// between returns the window [a+from, a+to).
func between(a time.Time, from, to time.Duration) sources.Window {
	return sources.Window{From: a.Add(from), To: a.Add(to)}
}

// fetch returns the single series of an ungrouped query.
func fetch(t testing.TB, s *Source, expr string, w sources.Window, columns int) sources.Series {
	t.Helper()
	ss, err := s.Fetch(context.Background(), sources.Query{Expr: expr, Columns: columns}, w)
	if err != nil {
		t.Fatalf("Fetch(%s, %s): %v", expr, w, err)
	}
	if len(ss) != 1 {
		t.Fatalf("Fetch(%s, %s): %d series, want 1", expr, w, len(ss))
	}
	return ss[0]
}

// values returns the non-gap values of a series.
func values(s sources.Series) []float64 {
	out := make([]float64, 0, len(s.Points))
	for _, p := range s.Points {
		if !math.IsNaN(p.V) {
			out = append(out, p.V)
		}
	}
	return out
}

func sum(vs []float64) float64 {
	t := 0.0
	for _, v := range vs {
		t += v
	}
	return t
}

func median(vs []float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	c := slices.Clone(vs)
	slices.Sort(c)
	return c[len(c)/2]
}

// sameBits reports whether two series are identical, NaN gaps included.
func sameBits(a, b []sources.Series) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Unit != b[i].Unit || a[i].Step != b[i].Step || len(a[i].Points) != len(b[i].Points) {
			return false
		}
		for j, p := range a[i].Points {
			q := b[i].Points[j]
			if !p.T.Equal(q.T) || math.Float64bits(p.V) != math.Float64bits(q.V) {
				return false
			}
		}
	}
	return true
}
