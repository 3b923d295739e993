package importer

import (
	"regexp"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// guess is a panel kind and the rule that chose it, for the comment beside
// the panel.
type guess struct {
	kind sources.Kind
	rule string
}

var (
	// ddMetric finds "aggregator:metric{" in a Datadog query.
	ddMetric     = regexp.MustCompile(`(?:^|[\s(,])([a-z]+[0-9.]*):([A-Za-z][A-Za-z0-9_.]*)\s*\{`)
	ddPercentile = regexp.MustCompile(`^p[0-9]{2}(\.[0-9]+)?$`)
	latencyWords = regexp.MustCompile(`latency|duration|response_time|responsetime`)
	errorWords   = regexp.MustCompile(`error|fail|5xx|exception`)
	loadWords    = regexp.MustCompile(`hits|requests?\b|request_count|throughput|rps|qps`)
)

// datadogMetric returns the aggregator and metric name of the first metric
// query in q ("p95", "trace.http.request").
func datadogMetric(q string) (aggr, metric string) {
	m := ddMetric.FindStringSubmatch(q)
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// guessDatadog infers a Datadog query's kind from its aggregator and
// metric name, in this order: a percentile is latency; a metric named for
// latency or duration is latency; one named for errors is errors; one named
// for hits, requests or throughput (or read .as_rate()) is load; anything
// else is custom.
func guessDatadog(q string) guess {
	aggr, metric := datadogMetric(q)
	name := strings.ToLower(metric)
	switch {
	case ddPercentile.MatchString(aggr):
		return guess{sources.KindLatency, "the query is a percentile (" + aggr + ":)"}
	case latencyWords.MatchString(name):
		return guess{sources.KindLatency, "the metric " + metric + " is named for latency"}
	case strings.HasPrefix(name, "trace.") && strings.Count(name, ".") == 2 && !strings.Contains(name, ".hits") && !strings.Contains(name, ".errors"):
		// trace.<span> without a suffix is APM's latency distribution.
		return guess{sources.KindLatency, "the metric " + metric + " is an APM span's latency"}
	case errorWords.MatchString(name):
		return guess{sources.KindErrors, "the metric " + metric + " counts errors"}
	case loadWords.MatchString(name) || strings.Contains(q, ".as_rate()"):
		return guess{sources.KindLoad, "the metric " + metric + " counts requests"}
	}
	if metric == "" {
		return guess{sources.KindCustom, "no metric nagame recognises in the query"}
	}
	return guess{sources.KindCustom, "the metric " + metric + " is neither latency, errors nor load"}
}

// apmTotal pairs an APM error count with its request count: the errors of
// trace.<span>.errors are a share of trace.<span>.hits over the same scope.
func apmTotal(q string) (string, bool) {
	_, metric := datadogMetric(q)
	if !strings.HasPrefix(metric, "trace.") || !strings.HasSuffix(metric, ".errors") {
		return "", false
	}
	hits := strings.TrimSuffix(metric, ".errors") + ".hits"
	return strings.Replace(q, metric+"{", hits+"{", 1), true
}

var (
	promFiveXX  = regexp.MustCompile(`\s*,?\s*\b(code|status|status_code|response_code)\s*=~?\s*"5[^"]*"\s*,?`)
	promRate    = regexp.MustCompile(`\b(i?rate|increase)\s*\(`)
	promCounter = regexp.MustCompile(`_total\b|_count\b`)
	promLatency = regexp.MustCompile(`duration|latency|_seconds\b|_seconds_bucket|_seconds_sum`)
)

// guessPromQL infers a PromQL expression's kind, in this order:
// histogram_quantile is latency; a 5xx matcher or a metric named for errors
// is errors; a rate or increase of a counter (…_total, …_count) is load; a
// metric named for duration or latency, or in seconds, is latency; anything
// else is custom.
func guessPromQL(expr string) guess {
	e := stripStrings(expr)
	switch {
	case strings.Contains(e, "histogram_quantile("):
		return guess{sources.KindLatency, "histogram_quantile is a percentile of a latency histogram"}
	case promFiveXX.MatchString(expr):
		return guess{sources.KindErrors, "it selects 5xx responses"}
	case errorWords.MatchString(strings.ToLower(e)):
		return guess{sources.KindErrors, "the metric is named for errors"}
	case promRate.MatchString(e) && promCounter.MatchString(e) && !strings.Contains(e, "_sum"):
		return guess{sources.KindLoad, "a rate of a counter is load"}
	case promLatency.MatchString(e):
		return guess{sources.KindLatency, "the metric is named for a duration"}
	}
	return guess{sources.KindCustom, "neither latency, errors nor load by its metric names"}
}

var promString = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)

// stripStrings blanks string literals, so label values do not look like
// metric names or functions.
func stripStrings(expr string) string { return promString.ReplaceAllString(expr, `""`) }

// promTotal derives the total of a 5xx query: the same query without the
// 5xx matcher.
func promTotal(expr string) (string, bool) {
	loc := promFiveXX.FindStringIndex(expr)
	if loc == nil {
		return "", false
	}
	m := expr[loc[0]:loc[1]]
	repl := ""
	// Keep one comma when the matcher sat between two others.
	if strings.HasPrefix(strings.TrimSpace(m), ",") && strings.HasSuffix(strings.TrimSpace(m), ",") {
		repl = ", "
	}
	return expr[:loc[0]] + repl + expr[loc[1]:], true
}

// starter is a kind's starter prompt and question.
type starter struct {
	prompt   string
	question string
}

var starters = map[sources.Kind]starter{
	sources.KindLatency: {
		"Where did it move since last time, and which deploys line up with the steps?",
		`{id: trend, ask: "Compared with last time, this is", choice: [better, same, worse]}`,
	},
	sources.KindErrors: {
		"How much of the error budget went, and on what? Would we have noticed each spike without this chart?",
		`{id: felt, ask: "Before seeing the numbers, did errors feel frequent?", yesno: true}`,
	},
	sources.KindLoad: {
		"Did traffic grow as expected? Any peak we were not ready for?",
		`{id: ready, ask: "How ready are we for twice this traffic?", scale: [1, 5]}`,
	},
	sources.KindSLO: {
		"Is the budget spent where we expected? Should the target change?",
		`{id: target, ask: "The SLO's target is", choice: [too strict, right, too loose], group: true}`,
	},
	sources.KindCustom: {
		"What does this chart tell us that the others do not? Which way is good?",
		`{id: keep, ask: "Keep this panel for next time?", yesno: true, group: true}`,
	},
}
