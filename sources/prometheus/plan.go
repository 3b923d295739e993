package prometheus

import (
	"fmt"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/prometheus/common/model"
)

const (
	// maxResolution is the coarsest inner step nagame uses to look inside a
	// bucket when it need not be coarser: fine enough that the usual
	// [1m]–[5m] rate windows overlap or touch, so nothing falls between them.
	maxResolution = time.Minute
	// maxInnerPoints bounds the evaluations a subquery costs per series over
	// the whole window (30 days at 1m is 43,200), so that a year-long window
	// does not become a query Prometheus refuses or takes minutes over.
	maxInnerPoints = 50000
)

// plan is the PromQL nagame sends for a panel's expression, and why.
type plan struct {
	// query is what Prometheus runs.
	query string
	// wrapped is true when query is not the panel's expression as written,
	// so a parse error may be nagame's doing and the raw expression is worth
	// a try.
	wrapped bool
	// warning tells the panel when the points cannot be trusted to hold
	// everything that happened inside a step.
	warning string
}

// planQuery decides how expr is asked over grid g so that nothing inside a
// step is lost:
//
//   - Gauges and latency take the maximum of the step. A plain selector reads
//     every raw sample with max_over_time(sel[step]). Anything else is
//     evaluated every res inside the step with the subquery
//     max_over_time((expr)[step:res]): res is the smallest of 1m, the step
//     and the expression's own shortest range, so successive evaluations of
//     rate(x[5m]) overlap and a spike longer than res cannot slip between
//     them. Subqueries are valid on any instant-vector expression, which is
//     why they are used rather than rewriting the expression's ranges.
//   - Counts (increase(x[R])) sum the step: sum_over_time((expr)[step:g]) / (R/g)
//     with g = gcd(step, R). The inner evaluations g apart each count the
//     events of the last R, so every event is counted R/g times and the
//     division puts it back to once: with step 1h and R 5m, twelve
//     back-to-back 5-minute increases add up to the hour. A step shorter
//     than R gives (expr) / (R/step). Without exactly one range in the
//     expression (a recording rule) nagame cannot tell how long each value's
//     bucket is: the expression runs as written and the panel is warned.
//   - Rates average the step over all of it: sum_over_time((expr)[step:res])
//     / (step/res), so that rate × step adds up to the step's events and the
//     window's total is right. The sum is the rate integrated over the time
//     the series covers (each inner evaluation stands for res of it); a
//     series that starts or stops inside a step covers only part of it, and
//     avg_over_time, which divides by the evaluations that exist, would
//     count that step as if the series had been there throughout. res
//     divides step (see divisorOf), so every step holds step/res of them.
//
// Subquery ranges are written one millisecond short of the step
// ([59m59s999ms:5m]): Prometheus 2 includes both ends of a range, and the
// inner evaluation at the step's start would otherwise be counted in two
// buckets. Inner evaluations sit on whole seconds, so none is lost.
//
// A step no longer than res needs no wrapping: the range query already
// evaluates that often.
func planQuery(q sources.Query, g grid) plan {
	expr := q.Expr
	facts := scanExpr(expr)
	step := g.step
	window := g.span() + step
	switch sources.MeasureOf(q) {
	case sources.Count:
		return planCount(expr, facts, step, window)
	case sources.Gauge:
		if facts.selector {
			return plan{query: fmt.Sprintf("max_over_time(%s[%s])", strings.TrimSpace(expr), promDuration(step)), wrapped: true}
		}
		res := resolution(step, window, facts.ranges)
		if res >= step {
			return plan{query: expr}
		}
		return plan{query: subquery("max_over_time", expr, step, res), wrapped: true}
	default: // sources.Rate
		res := divisorOf(step, resolution(step, window, facts.ranges))
		if res >= step {
			return plan{query: expr}
		}
		return plan{query: fmt.Sprintf("%s / %d", subquery("sum_over_time", expr, step, res), step/res), wrapped: true}
	}
}

// divisorOf is the largest whole number of seconds no longer than res that
// divides step, so that every step holds the same number of inner
// evaluations (step/res) whatever its alignment: a rate's step is their sum
// divided by that number.
func divisorOf(step, res time.Duration) time.Duration {
	if res >= step || step%res == 0 {
		return res
	}
	s, r := int64(step/time.Second), max(int64(res/time.Second), 1)
	for s%r != 0 {
		r--
	}
	return time.Duration(r) * time.Second
}

// planCount is the count case of planQuery.
func planCount(expr string, facts exprFacts, step, window time.Duration) plan {
	if len(facts.ranges) != 1 {
		return plan{query: expr, warning: fmt.Sprintf(
			"each point is the query's value at the end of its %s step: nagame adds up the events inside a step only when the query has one range like increase(x[5m]), and this one has %d",
			promDuration(step), len(facts.ranges))}
	}
	r := facts.ranges[0]
	gcd := gcdDuration(step, r)
	if window/gcd > maxInnerPoints {
		return plan{query: expr, warning: fmt.Sprintf(
			"each point is the query's value at the end of its %s step: adding up its [%s] ranges over this window would take too many evaluations; a range that divides the step (5m, 1h) avoids this",
			promDuration(step), promDuration(r))}
	}
	if gcd == step {
		if r == step {
			return plan{query: expr}
		}
		return plan{query: fmt.Sprintf("(\n%s\n) / %d", expr, r/step), wrapped: true}
	}
	q := subquery("sum_over_time", expr, step, gcd)
	if r > gcd {
		q = fmt.Sprintf("%s / %d", q, r/gcd)
	}
	return plan{query: q, wrapped: true}
}

// resolution is the inner step of a max or avg subquery: 1m, or the step or
// the expression's shortest range when shorter, made coarser (through nice
// steps) when the window would cost more than maxInnerPoints evaluations.
func resolution(step, window time.Duration, ranges []time.Duration) time.Duration {
	res := min(step, maxResolution)
	for _, r := range ranges {
		if r >= time.Second {
			res = min(res, r.Truncate(time.Second))
		}
	}
	for _, s := range niceSteps {
		if window/res <= maxInnerPoints || res >= step {
			break
		}
		if s > res {
			res = s
		}
	}
	return min(res, step)
}

// subquery writes fn((expr)[step−1ms:res]). The expression goes on lines of
// its own so that a trailing # comment in it cannot swallow the bracket.
func subquery(fn, expr string, step, res time.Duration) string {
	return fmt.Sprintf("%s((\n%s\n)[%s:%s])", fn, expr, promDuration(step-time.Millisecond), promDuration(res))
}

// promDuration writes d as PromQL does: 1h, 59m59s999ms, 5m.
func promDuration(d time.Duration) string {
	return model.Duration(d).String()
}

func gcdDuration(a, b time.Duration) time.Duration {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
