package sources

import "testing"

func TestInferMeasure(t *testing.T) {
	cases := []struct {
		kind Kind
		expr string
		want Measure
	}{
		{KindLatency, "p95:trace.http.request{service:checkout}", Gauge},
		// A percentile computed from rates is still a level, never a sum.
		{KindLatency, `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))`, Gauge},
		{KindErrors, "sum:trace.http.request.errors{service:checkout}.as_count()", Count},
		{KindErrors, `sum(increase(http_requests_total{code=~"5.."}[5m]))`, Count},
		{KindErrors, "sum:trace.http.request.errors{service:checkout}", Count},
		{KindErrors, `sum(rate(http_requests_total{code=~"5.."}[5m]))`, Rate},
		{KindLoad, "sum:trace.http.request.hits{service:checkout}.as_rate()", Rate},
		{KindLoad, "sum:trace.http.request.hits{service:checkout}.as_count()", Count},
		{KindLoad, "sum:trace.http.request.hits{service:checkout}", Rate},
		{KindCustom, "avg:system.cpu.user{service:checkout}", Gauge},
		{KindCustom, "sum(rate(queue_messages_total[5m]))", Rate},
	}
	for _, c := range cases {
		if got := InferMeasure(c.kind, c.expr); got != c.want {
			t.Errorf("InferMeasure(%s, %q) = %s, want %s", c.kind, c.expr, got, c.want)
		}
	}
}

func TestMeasureOf(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		want Measure
	}{
		{"latency is a gauge whatever the agenda says", Query{Kind: KindLatency, Measure: Rate, Expr: "rate(x[5m])"}, Gauge},
		{"the agenda's measure otherwise", Query{Kind: KindErrors, Measure: Rate, Expr: "x.as_count()"}, Rate},
		// No measure: InferMeasure reads .as_count() in the query.
		{"inferred from the query when the agenda is silent", Query{Kind: KindLoad, Expr: "x.as_count()"}, Count},
		{"inferred from the kind when the query says nothing", Query{Kind: KindLoad, Expr: "x"}, Rate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MeasureOf(tt.q); got != tt.want {
				t.Errorf("MeasureOf(%+v) = %s, want %s", tt.q, got, tt.want)
			}
		})
	}
}
