package prometheus

import (
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestPlanQuery(t *testing.T) {
	const (
		latency = `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))`
		errs    = `sum(increase(http_requests_total{code=~"5.."}[5m]))`
	)
	hourly := grid{step: time.Hour, n: 168}         // a week on 100 columns
	fine := grid{step: 10 * time.Second, n: 360}    // an hour by default
	twoMin := grid{step: 2 * time.Minute, n: 360}   // 12 hours on 360 columns
	daily := grid{step: 24 * time.Hour, n: 3 * 365} // three years by day
	tests := []struct {
		name    string
		q       sources.Query
		g       grid
		want    string
		wrapped bool
		warns   bool
	}{
		{
			name: "latency looks at every minute of each hour for its max",
			q:    sources.Query{Expr: latency, Kind: sources.KindLatency}, g: hourly,
			want:    "max_over_time((\n" + latency + "\n)[59m59s999ms:1m])",
			wrapped: true,
		},
		{
			// The agenda infers count from increase( and passes it on: a
			// quantile is still never summed.
			name: "latency wins over a measure inferred from its words",
			q:    sources.Query{Expr: "histogram_quantile(0.9, sum by (le) (increase(x_bucket[5m])))", Kind: sources.KindLatency, Measure: sources.Count}, g: hourly,
			want:    "max_over_time((\nhistogram_quantile(0.9, sum by (le) (increase(x_bucket[5m])))\n)[59m59s999ms:1m])",
			wrapped: true,
		},
		{
			name: "a gauge selector reads every raw sample",
			q:    sources.Query{Expr: ` node_load1{instance="a"} `, Kind: sources.KindCustom, Measure: sources.Gauge}, g: hourly,
			want:    `max_over_time(node_load1{instance="a"}[1h])`,
			wrapped: true,
		},
		{
			name: "a step as short as the inner resolution needs no wrapping",
			q:    sources.Query{Expr: latency, Kind: sources.KindLatency}, g: fine,
			want: latency,
		},
		{
			// 1,096 days at 1m would be 1,578,240 evaluations; at 30m still
			// 52,608, over 50,000; at 1h 26,304: the first nice step under.
			name: "a long window coarsens the inner resolution",
			q:    sources.Query{Expr: latency, Kind: sources.KindLatency}, g: daily,
			want:    "max_over_time((\n" + latency + "\n)[23h59m59s999ms:1h])",
			wrapped: true,
		},
		{
			// gcd(1h, 5m) = 5m: twelve back-to-back increases per hour.
			name: "a count adds up back-to-back increases over the step",
			q:    sources.Query{Expr: errs, Kind: sources.KindErrors}, g: hourly,
			want:    "sum_over_time((\n" + errs + "\n)[59m59s999ms:5m])",
			wrapped: true,
		},
		{
			// gcd(2m, 5m) = 1m: two evaluations per step, each event counted
			// five times over the overlapping windows, hence / 5.
			name: "a count whose range does not divide the step is evened out",
			q:    sources.Query{Expr: errs, Kind: sources.KindErrors}, g: twoMin,
			want:    "sum_over_time((\n" + errs + "\n)[1m59s999ms:1m]) / 5",
			wrapped: true,
		},
		{
			// 10s divides 5m: each point is the last 5m's count, a 30th of
			// which is the step's.
			name: "a count over a range longer than the step is scaled to the step",
			q:    sources.Query{Expr: errs, Kind: sources.KindErrors}, g: fine,
			want:    "(\n" + errs + "\n) / 30",
			wrapped: true,
		},
		{
			name: "a count over exactly its step is sent as written",
			q:    sources.Query{Expr: `sum(increase(x[1h]))`, Kind: sources.KindErrors}, g: hourly,
			want: `sum(increase(x[1h]))`,
		},
		{
			name: "a count without a range (a recording rule) runs as written, with a warning",
			q:    sources.Query{Expr: `job:errors:increase5m`, Kind: sources.KindErrors}, g: hourly,
			want: `job:errors:increase5m`, warns: true,
		},
		{
			name: "a count with two different ranges runs as written, with a warning",
			q:    sources.Query{Expr: `increase(a[5m]) + increase(b[10m])`, Measure: sources.Count}, g: hourly,
			want: `increase(a[5m]) + increase(b[10m])`, warns: true,
		},
		{
			// Sixty evaluations a step: their sum over 60 is the step's
			// average rate, the time the series is missing counted as no
			// requests, so rate × step is the step's total even where the
			// series starts inside the step.
			name: "a rate is integrated over the step so rate × step is the step's total",
			q:    sources.Query{Expr: `sum(rate(http_requests_total[5m]))`, Kind: sources.KindLoad}, g: hourly,
			want:    "sum_over_time((\nsum(rate(http_requests_total[5m]))\n)[59m59s999ms:1m]) / 60",
			wrapped: true,
		},
		{
			// [45s] does not divide 2m: 2 or 3 evaluations a step by their
			// alignment. 40s does: 3 in every step.
			name: "a rate's inner resolution divides the step",
			q:    sources.Query{Expr: `sum(rate(x[45s]))`, Kind: sources.KindLoad}, g: twoMin,
			want:    "sum_over_time((\nsum(rate(x[45s]))\n)[1m59s999ms:40s]) / 3",
			wrapped: true,
		},
		{
			name: "a short range sets a finer inner resolution",
			q:    sources.Query{Expr: `max(rate(x[30s]))`, Kind: sources.KindCustom, Measure: sources.Gauge}, g: hourly,
			want:    "max_over_time((\nmax(rate(x[30s]))\n)[59m59s999ms:30s])",
			wrapped: true,
		},
		{
			name: "a trailing comment cannot swallow the subquery's bracket",
			q:    sources.Query{Expr: "sum(rate(x[5m])) # requests", Kind: sources.KindLoad}, g: hourly,
			want:    "sum_over_time((\nsum(rate(x[5m])) # requests\n)[59m59s999ms:1m]) / 60",
			wrapped: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planQuery(tt.q, tt.g)
			if got.query != tt.want || got.wrapped != tt.wrapped || (got.warning != "") != tt.warns {
				t.Errorf("planQuery = %q (wrapped %v, warning %q)\nwant %q (wrapped %v, warning %v)",
					got.query, got.wrapped, got.warning, tt.want, tt.wrapped, tt.warns)
			}
		})
	}
}

func TestPlanWarningSaysWhatToDo(t *testing.T) {
	got := planQuery(sources.Query{Expr: `job:errors:increase5m`, Kind: sources.KindErrors}, grid{step: time.Hour, n: 24})
	if !strings.Contains(got.warning, "increase(x[5m])") || !strings.Contains(got.warning, "1h") {
		t.Errorf("warning %q should name the step and show the query form that works", got.warning)
	}
}
