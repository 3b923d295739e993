package prometheus

import (
	"slices"
	"testing"
	"time"
)

func TestScanExpr(t *testing.T) {
	m5 := 5 * time.Minute
	tests := []struct {
		name     string
		expr     string
		ranges   []time.Duration
		selector bool
		metric   string
	}{
		{"a bare metric is a selector", `up`, nil, true, "up"},
		{"a metric with matchers is a selector", `http_requests_total{job="checkout", code=~"5.."}`, nil, true, "http_requests_total"},
		{"matchers alone are a selector", `{__name__="up"}`, nil, true, ""},
		{"a selector with an offset is not plain", `up offset 1h`, nil, false, "up"},
		{"a range is found", `rate(http_requests_total[5m])`, []time.Duration{m5}, false, "http_requests_total"},
		{
			"a histogram quantile names the bucket metric, not le or sum",
			`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))`,
			[]time.Duration{m5}, false, "http_request_duration_seconds_bucket",
		},
		{"brackets inside a regexp are no range", `rate(x{path=~"/a[0-9]+"}[1m])`, []time.Duration{time.Minute}, false, "x"},
		{"a subquery's range is not the expression's range", `max_over_time(rate(x[5m])[1h:1m])`, []time.Duration{m5}, false, "x"},
		{"a range repeated counts once", `sum(increase(a[5m])) / sum(increase(b[5m]))`, []time.Duration{m5}, false, "a"},
		{"different ranges are all kept", `increase(a[5m]) + increase(b[1h30m])`, []time.Duration{m5, 90 * time.Minute}, false, "a"},
		{"a comment is skipped", "rate(x[5m]) # was [1h]\n", []time.Duration{m5}, false, "x"},
		{"numbers and durations are not metrics", `1e3 * 0x1f + inf`, nil, false, ""},
		{"an escaped quote does not end a string", `rate(x{a="q\"[9m]"}[2m])`, []time.Duration{2 * time.Minute}, false, "x"},
		{"keywords are not metrics", `sum without (instance) (a) and on (job) b`, nil, false, "a"},
		{"an empty expression is nothing", ``, nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scanExpr(tt.expr)
			if !slices.Equal(got.ranges, tt.ranges) || got.selector != tt.selector || got.metric != tt.metric {
				t.Errorf("scanExpr(%q) = ranges %v, selector %v, metric %q; want %v, %v, %q",
					tt.expr, got.ranges, got.selector, got.metric, tt.ranges, tt.selector, tt.metric)
			}
		})
	}
}

func FuzzScanExpr(f *testing.F) {
	for _, s := range []string{`up`, `rate(x[5m])`, `"unterminated`, `{a="b"`, `x[`, "# only a comment", `0x`, `1e-`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		got := scanExpr(expr) // must not panic or loop
		for _, r := range got.ranges {
			if r <= 0 {
				t.Errorf("non-positive range %s in %q", r, expr)
			}
		}
	})
}
