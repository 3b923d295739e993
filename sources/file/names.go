package file

import (
	"slices"
	"strings"
)

// labelNames names the series of a Prometheus result by the labels that
// tell them apart ({route="/cart"} becomes "route=/cart"), leaving out those
// every series shares, the metric name included; a lone series keeps all
// its labels but the metric name, and one with no label at all is named
// fallback. The metric name leads when it differs between series. The
// Prometheus backend names live results the same way.
func labelNames(metrics []map[string]string, fallback string) []string {
	const metricName = "__name__"
	shared := map[string]bool{metricName: true}
	if len(metrics) > 1 {
		shared = sharedLabels(metrics)
	}
	out := make([]string, len(metrics))
	for i, m := range metrics {
		var parts []string
		for k, v := range m {
			if k == metricName || shared[k] {
				continue
			}
			parts = append(parts, k+"="+v)
		}
		slices.Sort(parts)
		name := strings.Join(parts, ", ")
		if metric, ok := m[metricName]; ok && !shared[metricName] {
			name = strings.TrimSpace(metric + " " + name)
		}
		if name == "" {
			name = fallback
		}
		out[i] = name
	}
	return out
}

// sharedLabels returns the labels with the same value in every metric
// (absent counts as a value).
func sharedLabels(metrics []map[string]string) map[string]bool {
	shared := map[string]bool{}
	for _, m := range metrics {
		for k := range m {
			if _, done := shared[k]; done {
				continue
			}
			v, ok := metrics[0][k]
			same := true
			for _, o := range metrics[1:] {
				if w, has := o[k]; has != ok || w != v {
					same = false
					break
				}
			}
			shared[k] = same
		}
	}
	return shared
}
