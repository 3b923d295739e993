package demo

import "strings"

// metric is what a demo query measures.
type metric int

const (
	metricP50 metric = iota
	metricP95
	metricP99
	metricP95ByResource
	metricErrors
	metricHitsCount
	metricHitsRate
	metricCPU
)

// query is one query the demo answers.
type query struct {
	expr   string
	name   string // the legend of an ungrouped series: the query's metric
	unit   string
	agg    agg
	metric metric
}

// catalogue lists the demo's queries in the order messages and docs show
// them. They are spelled like Datadog APM queries so that the demo agenda
// reads like a real one.
func catalogue() []query {
	return []query{
		{"p50:trace.http.request{service:checkout,env:prod}", "p50:trace.http.request", "s", aggMax, metricP50},
		{"p95:trace.http.request{service:checkout,env:prod}", "p95:trace.http.request", "s", aggMax, metricP95},
		{"p99:trace.http.request{service:checkout,env:prod}", "p99:trace.http.request", "s", aggMax, metricP99},
		{"p95:trace.http.request{service:checkout,env:prod} by {resource_name}", "p95:trace.http.request", "s", aggMax, metricP95ByResource},
		{"sum:trace.http.request.errors{service:checkout,env:prod}.as_count()", "sum:trace.http.request.errors", "", aggSum, metricErrors},
		{"sum:trace.http.request.hits{service:checkout,env:prod}.as_count()", "sum:trace.http.request.hits", "", aggSum, metricHitsCount},
		{"sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()", "sum:trace.http.request.hits", "req/s", aggMean, metricHitsRate},
		{"avg:system.cpu.user{service:checkout}", "avg:system.cpu.user", "%", aggMean, metricCPU},
	}
}

// Queries returns the queries the demo backend answers, exactly as a panel
// may write them (whitespace aside), for messages and documentation.
func Queries() []string {
	qs := catalogue()
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.expr
	}
	return out
}

// normalize trims a query and collapses its runs of whitespace to one space,
// so that YAML folding and hand alignment do not make a query unknown.
func normalize(expr string) string {
	return strings.Join(strings.Fields(expr), " ")
}

// lookup finds the demo query expr names.
func lookup(expr string) (query, bool) {
	e := normalize(expr)
	for _, q := range catalogue() {
		if q.expr == e {
			return q, true
		}
	}
	return query{}, false
}
