package datadog

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Datadog returns at most about 1,500 points a series; without a rollup it
// picks its own interval and averages, which flattens the spikes a latency
// review is about. nagame therefore asks for an explicit interval and
// function.
const (
	maxPoints     = 1500
	defaultPoints = 300
)

// niceSteps are the intervals a step is rounded to, so buckets fall on
// round times (a 2 h bucket starts at 00:00, 02:00, …).
func niceSteps() []time.Duration {
	return []time.Duration{
		time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second,
		20 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute,
		10 * time.Minute, 15 * time.Minute, 20 * time.Minute, 30 * time.Minute, time.Hour,
		2 * time.Hour, 3 * time.Hour, 4 * time.Hour, 6 * time.Hour, 8 * time.Hour, 12 * time.Hour,
		24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour,
	}
}

// chooseStep picks the rollup interval for a window. With columns, it is
// the largest nice step that still gives the chart that many buckets;
// without, the nice step nearest to defaultPoints buckets. Either way it is
// never so small that the window exceeds maxPoints.
//
// 1 day, no columns: 1d/300 = 288 s → 5 min, 288 points.
// 30 days, no columns: 30d/300 = 2.4 h → 2 h (×1.2, nearer than 3 h's ×1.25), 360 points.
// 30 days, 120 columns: 30d/120 = 6 h → 6 h, 120 points.
// 30 days, 2,000 columns: 21.6 min < 30d/1500 = 28.8 min → 30 min, 1,440 points.
func chooseStep(window time.Duration, columns int) time.Duration {
	floor := ceilDiv(window, maxPoints)
	nice := niceSteps()
	step := nice[0]
	if columns > 0 {
		target := window / time.Duration(columns)
		for _, s := range nice {
			if s <= target {
				step = s
			}
		}
	} else {
		target := float64(window) / defaultPoints
		best := math.Inf(1)
		for _, s := range nice {
			// Distance on a log scale: 2 h is as far from 2.4 h as 2.88 h is.
			if d := math.Abs(math.Log(float64(s) / target)); d < best {
				best, step = d, s
			}
		}
	}
	if step >= floor {
		return step
	}
	for _, s := range nice {
		if s >= floor {
			return s
		}
	}
	// Windows of decades: whole days.
	day := 24 * time.Hour
	return ceilDiv(floor, day) * day
}

func ceilDiv(a, b time.Duration) time.Duration {
	return (a + b - 1) / b
}

// withRollup appends .rollup(<fn>, <seconds>) to every metric term of expr,
// so each term is rolled up the way its numbers add up:
//
//   - a term with .as_count() sums its buckets (a count per bucket);
//   - the single term of a latency panel keeps the bucket's maximum, so a
//     one-minute spike of an average latency survives a 2-hour bucket (for
//     a percentile of a distribution, "p95:trace.http.request{…}", Datadog
//     ignores the function and computes the true p95 of each bucket);
//   - anything else averages, as Datadog would by default.
//
// Terms of arithmetic ("a / b * 100") are rolled up one by one: a ratio of
// sums is the ratio over the bucket, which is what an error rate means. A
// latency term inside arithmetic averages, because a ratio of maxima is not
// the maximum of the ratio. A query that already has a .rollup( anywhere,
// or whose shape the scanner does not recognise, is sent as written:
// Datadog then picks the interval itself, which is safe, only coarser.
func withRollup(expr string, kind sources.Kind, step time.Duration) string {
	if strings.Contains(strings.ToLower(expr), ".rollup(") {
		return expr
	}
	terms, ok := metricTerms(expr)
	if !ok || len(terms) == 0 {
		return expr
	}
	secs := max(1, int64(step/time.Second))
	var b strings.Builder
	last := 0
	for _, t := range terms {
		fn := "avg"
		switch {
		case t.asCount:
			fn = "sum"
		case kind == sources.KindLatency && len(terms) == 1:
			fn = "max"
		}
		b.WriteString(expr[last:t.end])
		fmt.Fprintf(&b, ".rollup(%s, %d)", fn, secs)
		last = t.end
	}
	b.WriteString(expr[last:])
	return b.String()
}

// term is one metric query inside an expression:
// "sum:trace.http.request.errors{service:web} by {resource_name}.as_count()".
type term struct {
	start, end int // expr[start:end]
	asCount    bool
}

// metricTerms finds the metric terms of a Datadog query: an optional
// aggregator ("p95:"), a metric name, a {scope}, then any " by {tags}" and
// ".method(args)" that follow. It skips quoted strings and everything
// between terms (numbers, operators, function names, commas). ok is false
// when braces or parentheses do not balance.
func metricTerms(expr string) (terms []term, ok bool) {
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; c {
		case '\'', '"':
			j := strings.IndexByte(expr[i+1:], c)
			if j < 0 {
				return nil, false
			}
			i += j + 1
		case '{':
			start := i
			for start > 0 && isMetricChar(expr[start-1]) {
				start--
			}
			if start == i {
				return nil, false // a scope without a metric: not a shape we know
			}
			if start > 0 && expr[start-1] == ':' {
				start--
				for start > 0 && isMetricChar(expr[start-1]) {
					start--
				}
			}
			end, asCount, good := termEnd(expr, i)
			if !good {
				return nil, false
			}
			terms = append(terms, term{start: start, end: end, asCount: asCount})
			i = end - 1
		}
	}
	return terms, true
}

// termEnd returns where the term whose scope opens at expr[open] ends, after
// its " by {…}" clause and ".method(…)" calls.
func termEnd(expr string, open int) (end int, asCount, ok bool) {
	end, ok = closing(expr, open, '{', '}')
	if !ok {
		return 0, false, false
	}
	for {
		rest := expr[end:]
		trimmed := strings.TrimLeft(rest, " ")
		switch {
		case strings.HasPrefix(trimmed, "by ") || strings.HasPrefix(trimmed, "by{"):
			by := strings.TrimLeft(trimmed[2:], " ")
			if !strings.HasPrefix(by, "{") {
				return end, asCount, true
			}
			brace := len(expr) - len(by)
			if end, ok = closing(expr, brace, '{', '}'); !ok {
				return 0, false, false
			}
		case strings.HasPrefix(rest, "."):
			name := rest[1:]
			n := 0
			for n < len(name) && (isLetter(name[n]) || name[n] == '_') {
				n++
			}
			if n == 0 || n >= len(name) || name[n] != '(' {
				return end, asCount, true
			}
			if strings.EqualFold(name[:n], "as_count") {
				asCount = true
			}
			if end, ok = closing(expr, end+1+n, '(', ')'); !ok {
				return 0, false, false
			}
		default:
			return end, asCount, true
		}
	}
}

// closing returns the index just past the bracket that closes expr[open].
func closing(expr string, open int, opener, closer byte) (int, bool) {
	depth := 0
	for i := open; i < len(expr); i++ {
		switch expr[i] {
		case opener:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isMetricChar is a character of a metric name or an aggregator (p99.9).
func isMetricChar(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.'
}
