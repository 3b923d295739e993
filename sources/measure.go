package sources

// MeasureOf is how the values of q add up, for a backend choosing a rollup
// or folding groups with Top: latency is a gauge whatever q.Measure says (a
// percentile never adds up, even one computed from rates or increases);
// otherwise q.Measure when the agenda set it, else InferMeasure from the
// panel's kind and query.
func MeasureOf(q Query) Measure {
	switch {
	case q.Kind == KindLatency:
		return Gauge
	case q.Measure != "":
		return q.Measure
	}
	return InferMeasure(q.Kind, q.Expr)
}
