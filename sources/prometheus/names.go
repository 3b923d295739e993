package prometheus

import (
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/sources"
	"github.com/prometheus/common/model"
)

// seriesNames labels each metric of a result for a legend, by the labels
// that tell the series apart: {route="/cart"} becomes "route=/cart", and a
// label every series shares (job="checkout", or the metric name itself) is
// left out. A lone series keeps all its labels but the metric name. A series
// left with no label at all is named after fallback (the query's metric).
//
// The metric name, when it differs between series, leads the name:
// "http_requests_total code=500".
func seriesNames(metrics []model.Metric, fallback string) []string {
	shared := map[model.LabelName]bool{model.MetricNameLabel: true}
	if len(metrics) > 1 {
		shared = sharedLabels(metrics)
	}
	out := make([]string, len(metrics))
	for i, m := range metrics {
		var parts []string
		for name, value := range m {
			if name == model.MetricNameLabel || shared[name] {
				continue
			}
			parts = append(parts, string(name)+"="+string(value))
		}
		slices.Sort(parts)
		name := strings.Join(parts, ", ")
		if metric, ok := m[model.MetricNameLabel]; ok && !shared[model.MetricNameLabel] {
			name = strings.TrimSpace(string(metric) + " " + name)
		}
		if name == "" {
			name = fallback
		}
		out[i] = name
	}
	return out
}

// sharedLabels returns the labels that have the same value in every metric
// (absent counts as a value).
func sharedLabels(metrics []model.Metric) map[model.LabelName]bool {
	all := map[model.LabelName]bool{}
	for _, m := range metrics {
		for name := range m {
			all[name] = true
		}
	}
	shared := map[model.LabelName]bool{}
	for name := range all {
		v, ok := metrics[0][name]
		same := true
		for _, m := range metrics[1:] {
			if w, has := m[name]; has != ok || w != v {
				same = false
				break
			}
		}
		shared[name] = same
	}
	return shared
}

// fallbackName is the legend of a series with no label: the first metric the
// query reads, else the query itself, shortened.
func fallbackName(expr string, facts exprFacts) string {
	if facts.metric != "" {
		return facts.metric
	}
	return sources.Clip(strings.Join(strings.Fields(expr), " "), 40)
}
