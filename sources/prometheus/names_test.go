package prometheus

import (
	"slices"
	"testing"

	"github.com/prometheus/common/model"
)

func TestSeriesNames(t *testing.T) {
	tests := []struct {
		name    string
		metrics []model.Metric
		want    []string
	}{
		{
			name:    "one label that differs names the series",
			metrics: []model.Metric{{"route": "/cart"}, {"route": "/pay"}},
			want:    []string{"route=/cart", "route=/pay"},
		},
		{
			name: "labels every series shares are left out, the metric name too",
			metrics: []model.Metric{
				{"__name__": "http_requests_total", "job": "checkout", "code": "200"},
				{"__name__": "http_requests_total", "job": "checkout", "code": "500"},
			},
			want: []string{"code=200", "code=500"},
		},
		{
			name: "a metric name that differs leads",
			metrics: []model.Metric{
				{"__name__": "up", "job": "a"},
				{"__name__": "scrape_duration_seconds", "job": "a"},
			},
			want: []string{"up", "scrape_duration_seconds"},
		},
		{
			name:    "several differing labels are sorted by name",
			metrics: []model.Metric{{"route": "/cart", "code": "500"}, {"route": "/cart", "code": "200", "method": "GET"}},
			want:    []string{"code=500", "code=200, method=GET"},
		},
		{
			name:    "a lone series keeps its labels but the metric name",
			metrics: []model.Metric{{"__name__": "checkout_queue_depth", "job": "checkout", "instance": "a:9100"}},
			want:    []string{"instance=a:9100, job=checkout"},
		},
		{
			name:    "a series without labels is named after the query's metric",
			metrics: []model.Metric{{}},
			want:    []string{"fallback"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := seriesNames(tt.metrics, "fallback"); !slices.Equal(got, tt.want) {
				t.Errorf("seriesNames = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFallbackName(t *testing.T) {
	if got := fallbackName("sum(rate(x[5m]))", scanExpr("sum(rate(x[5m]))")); got != "x" {
		t.Errorf("got %q, want the metric x", got)
	}
	// No metric at all: the query itself, whitespace collapsed, clipped to
	// 40 runes (39 and an ellipsis).
	expr := "vector(1)   +   vector(2) + vector(3) + vector(4) + vector(5)"
	if got, want := fallbackName(expr, scanExpr(expr)), "vector(1) + vector(2) + vector(3) + vec…"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
