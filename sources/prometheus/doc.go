// Package prometheus is nagame's backend for Prometheus and the servers that
// speak its HTTP API (Thanos, Mimir, Cortex, VictoriaMetrics): it runs a
// panel's PromQL as a range query over the meeting's window and returns one
// sources.Series per result series.
//
// A range query evaluates its expression at one instant per step and nothing
// in between, so over a week at a one-hour step a 30-minute latency spike
// that falls between two evaluations vanishes, and a count written as
// increase(x[5m]) sees only 5 of every 60 minutes. Fetch therefore asks
// Prometheus to look inside each step (see plan.go):
//
//   - gauges and latency keep the worst moment of the step: a plain selector
//     becomes max_over_time(sel[step]), which reads every raw sample; any
//     other expression becomes the subquery
//     max_over_time((expr)[step:res]), evaluated every res (1m at most)
//     inside the step;
//   - counts keep every event: sum_over_time((expr)[step:res]) where res
//     tiles the expression's own range ([5m]) so each event is counted once;
//   - rates keep the step's average over the whole step, so rate × step
//     still adds up to the total, also where the series starts or stops
//     inside the step: sum_over_time((expr)[step:res]) / (step/res).
//
// A point's time is the start of its step: the value covers [T, T+Step).
//
// Grouped results are named after the labels that differ between series,
// the q.Top (default 5) with the highest mean are kept, and the rest are
// folded into one "other" series for rates and counts (they add up) or
// dropped for gauges (an average of unrelated latencies means nothing).
//
// Prometheus' warnings and infos, and any fallback the backend had to take,
// reach the panel in the first returned Series' Warnings.
//
// A server that asks for patience (429, or 503 other than a query timeout)
// is asked again a few times, honouring Retry-After, with at most 20 s of
// waiting per call; an answer is read up to MaxAnswer (16 MiB) and refused
// past it, and points outside the window are dropped.
//
// Events (deploys, restarts) come from an expression whose rise marks one:
// Events runs it as a range query at a fine step and reports each series'
// instants where it comes on (above 0) after being off or absent, named from
// its labels (see events.go).
package prometheus
