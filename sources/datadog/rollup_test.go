package datadog

import (
	"regexp"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestChooseStep(t *testing.T) {
	const d = 24 * time.Hour
	tests := []struct {
		name    string
		window  time.Duration
		columns int
		want    time.Duration
	}{
		// 3600 s / 300 = 12 s: 10 s is ×1.2 away, 15 s ×1.25 → 10 s, 360 points.
		{"1 hour", time.Hour, 0, 10 * time.Second},
		// 86400 s / 300 = 288 s → 5 min, 288 points.
		{"1 day", d, 0, 5 * time.Minute},
		// 604800 s / 300 = 2016 s: 30 min is ×1.12 away, 1 h ×1.79 → 30 min, 336 points.
		{"7 days", 7 * d, 0, 30 * time.Minute},
		// 2.4 h → 2 h (×1.2; 3 h is ×1.25), 360 points.
		{"30 days", 30 * d, 0, 2 * time.Hour},
		// 30d / 120 = 6 h exactly, 120 points.
		{"30 days on 120 columns", 30 * d, 120, 6 * time.Hour},
		// 30d / 100 = 7.2 h → largest nice ≤ 7.2 h is 6 h: 120 points ≥ 100 columns.
		{"30 days on 100 columns", 30 * d, 100, 6 * time.Hour},
		// 30d / 2000 = 21.6 min, under the 1,500-point floor 30d/1500 = 28.8 min → 30 min, 1,440 points.
		{"more columns than Datadog allows", 30 * d, 2000, 30 * time.Minute},
		// 180d / 300 = 14.4 h → 12 h (×1.2; 1 d is ×1.67), 360 points.
		{"180 days", 180 * d, 0, 12 * time.Hour},
		// 1 min / 300 = 0.2 s → the smallest step, 1 s.
		{"1 minute", time.Minute, 0, time.Second},
		// 100 years / 1500 ≈ 24.3 d, beyond the largest nice step (7 d) → whole days: 25 d.
		{"a century", 36500 * d, 0, 25 * d},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := chooseStep(tt.window, tt.columns)
			if got != tt.want {
				t.Errorf("chooseStep(%s, %d) = %s, want %s", tt.window, tt.columns, got, tt.want)
			}
			if n := tt.window / got; n > maxPoints {
				t.Errorf("%d points, more than Datadog's %d", n, maxPoints)
			}
		})
	}
}

func TestWithRollup(t *testing.T) {
	const step = 2 * time.Hour // 7200 s
	tests := []struct {
		name string
		kind sources.Kind
		expr string
		want string
	}{
		{"a latency percentile keeps the maximum", sources.KindLatency,
			"p95:trace.http.request{service:checkout,env:prod}",
			"p95:trace.http.request{service:checkout,env:prod}.rollup(max, 7200)"},
		{"a count sums", sources.KindErrors,
			"sum:trace.http.request.errors{service:checkout,env:prod}.as_count()",
			"sum:trace.http.request.errors{service:checkout,env:prod}.as_count().rollup(sum, 7200)"},
		{"a rate averages", sources.KindLoad,
			"sum:trace.http.request.hits{service:checkout}.as_rate()",
			"sum:trace.http.request.hits{service:checkout}.as_rate().rollup(avg, 7200)"},
		{"a gauge averages", sources.KindCustom,
			"avg:system.cpu.user{service:checkout}",
			"avg:system.cpu.user{service:checkout}.rollup(avg, 7200)"},
		{"no aggregator prefix", sources.KindCustom,
			"system.load.1{*}",
			"system.load.1{*}.rollup(avg, 7200)"},
		{"the rollup goes after by {…}", sources.KindLatency,
			"p99.9:trace.http.request{env:prod} by {resource_name}",
			"p99.9:trace.http.request{env:prod} by {resource_name}.rollup(max, 7200)"},
		{"by {…} then .as_count()", sources.KindErrors,
			"sum:trace.http.request.errors{env:prod} by {resource_name,http.status_code}.as_count()",
			"sum:trace.http.request.errors{env:prod} by {resource_name,http.status_code}.as_count().rollup(sum, 7200)"},
		{"every term of a ratio", sources.KindErrors,
			"sum:trace.http.request.errors{service:web}.as_count() / sum:trace.http.request.hits{service:web}.as_count() * 100",
			"sum:trace.http.request.errors{service:web}.as_count().rollup(sum, 7200) / sum:trace.http.request.hits{service:web}.as_count().rollup(sum, 7200) * 100"},
		{"latency terms in arithmetic average: a ratio of maxima is no maximum", sources.KindLatency,
			"avg:trace.http.request.duration{service:web} / avg:trace.http.request.hits{service:web}",
			"avg:trace.http.request.duration{service:web}.rollup(avg, 7200) / avg:trace.http.request.hits{service:web}.rollup(avg, 7200)"},
		{"inside a function, quotes skipped", sources.KindLatency,
			"top(p95:trace.http.request{env:prod} by {resource_name}, 10, 'mean', 'desc')",
			"top(p95:trace.http.request{env:prod} by {resource_name}.rollup(max, 7200), 10, 'mean', 'desc')"},
		{"comma-separated queries", sources.KindErrors,
			"sum:a.errors{*}.as_count(), sum:a.hits{*}.as_count()",
			"sum:a.errors{*}.as_count().rollup(sum, 7200), sum:a.hits{*}.as_count().rollup(sum, 7200)"},
		{"fill() stays in the chain", sources.KindCustom,
			"avg:x.y{a:b}.fill(zero, 300)",
			"avg:x.y{a:b}.fill(zero, 300).rollup(avg, 7200)"},
		{"an existing rollup is left alone", sources.KindLatency,
			"p95:trace.http.request{env:prod}.rollup(max, 60)",
			"p95:trace.http.request{env:prod}.rollup(max, 60)"},
		{"one existing rollup leaves the whole query alone", sources.KindErrors,
			"sum:a{*}.as_count().ROLLUP(sum, 60) / sum:b{*}.as_count()",
			"sum:a{*}.as_count().ROLLUP(sum, 60) / sum:b{*}.as_count()"},
		{"unbalanced braces are sent as written", sources.KindCustom,
			"avg:trace.http.request{service:checkout",
			"avg:trace.http.request{service:checkout"},
		{"an unterminated string is sent as written", sources.KindCustom,
			"top(avg:x{*}, 5, 'mean)",
			"top(avg:x{*}, 5, 'mean)"},
		{"a scope without a metric is sent as written", sources.KindCustom,
			"{service:web}",
			"{service:web}"},
		{"no metric at all", sources.KindCustom, "1 + 1", "1 + 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withRollup(tt.expr, tt.kind, step); got != tt.want {
				t.Errorf("withRollup(%q)\n got %q\nwant %q", tt.expr, got, tt.want)
			}
		})
	}
}

// inserted matches exactly what withRollup adds.
var inserted = regexp.MustCompile(`\.rollup\((?:avg|sum|max), [0-9]+\)`)

// FuzzWithRollup checks that withRollup never panics and only ever adds
// rollups: removing them gives the query back.
func FuzzWithRollup(f *testing.F) {
	for _, s := range []string{
		"p95:trace.http.request{service:checkout,env:prod} by {resource_name}",
		"sum:a{*}.as_count() / sum:b{*}.as_count() * 100",
		"top(avg:x{*} by {h}, 5, 'mean', 'desc')",
		"avg:x{", "{}", "a{b}.c(", "x{y} by {", "'", "by {x}", "a:{b}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		got := withRollup(expr, sources.KindLatency, time.Minute)
		if got == expr {
			return
		}
		if back := inserted.ReplaceAllString(got, ""); back != inserted.ReplaceAllString(expr, "") {
			t.Fatalf("withRollup(%q) = %q: more than rollups changed", expr, got)
		}
	})
}
