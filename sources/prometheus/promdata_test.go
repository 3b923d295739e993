package prometheus

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"
)

// The integration test's data: what a checkout service would have exported
// over the previous and the current week, written as OpenMetrics for
// promtool to backfill. Everything the test asserts is computed from these
// same functions, so expectations and data cannot drift apart.

var (
	// curWin is the week the test looks at; prevWin the week before.
	curFrom = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	curTo   = time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	prevTo  = curFrom
	// The data starts an hour before the previous week so that its first
	// bucket has samples behind it, and ends just after the current week.
	dataFrom = curFrom.Add(-7*24*time.Hour - time.Hour)
	dataTo   = curTo.Add(5 * time.Minute)

	// spikeFrom–spikeTo is a 30-minute latency spike inside the current
	// week, off the hour so that an hourly evaluation cannot land in it.
	spikeFrom = time.Date(2026, 3, 5, 10, 10, 0, 0, time.UTC)
	spikeTo   = spikeFrom.Add(30 * time.Minute)
	// burstFrom–burstTo is an error burst on /checkout.
	burstFrom = time.Date(2026, 3, 7, 14, 0, 0, 0, time.UTC)
	burstTo   = burstFrom.Add(2 * time.Hour)
	// queueSpikeAt is the one sample where the queue gauge jumps.
	queueSpikeAt = time.Date(2026, 3, 4, 7, 23, 0, 0, time.UTC)
	// canaryFrom–canaryTo is the life of a canary's request counter, which
	// starts and stops inside a step (of one hour and of two minutes): its
	// first sample, 0, is at canaryFrom, its last at canaryTo.
	canaryFrom = time.Date(2026, 3, 4, 12, 31, 0, 0, time.UTC)
	canaryTo   = time.Date(2026, 3, 4, 18, 21, 0, 0, time.UTC)
)

// canaryPerMin is the canary's requests a minute: 350 minutes of life give a
// counter delta of 4,200.
const canaryPerMin = 12

// The deploys and the restart the events tests find: app_build_info is 1
// for the version running (a series per version, which starts at its
// deploy), process_start_time_seconds the start of the running process.
var (
	prevDeployAt = time.Date(2026, 2, 25, 11, 0, 0, 0, time.UTC)
	curDeployAt  = time.Date(2026, 3, 4, 14, 10, 0, 0, time.UTC)
	restartAt    = time.Date(2026, 3, 6, 9, 31, 0, 0, time.UTC)
)

// versionAt is the version running at t.
func versionAt(t time.Time) string {
	switch {
	case t.Before(prevDeployAt):
		return "v2.2.0"
	case t.Before(curDeployAt):
		return "v2.3.0"
	}
	return "v2.3.1"
}

const (
	queueNormal = 3
	queueSpike  = 250
)

// Latency buckets and, per minute, how many of 100 requests fall in each:
//
//	normal: 70 ≤ 50ms, 20 ≤ 100ms, 8 ≤ 250ms, 2 ≤ 500ms
//	        p95: rank 95 lies in (0.1, 0.25] where the cumulative count goes
//	        90 → 98: 0.1 + 0.15 × (95−90)/(98−90) = 0.19375 s
//	spike:  all 100 in (1, 2.5]: 1 + 1.5 × 95/100 = 2.425 s
var (
	les         = []string{"0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"}
	normalPerLe = []int{70, 20, 8, 2, 0, 0, 0}
	spikePerLe  = []int{0, 0, 0, 0, 0, 100, 0}
)

const (
	normalP95 = 0.19375
	spikeP95  = 2.425
)

// routes are the request counter's series, busiest first (requests per
// minute with code 200 in the current week; the previous week has 80 %).
var routes = []struct {
	name    string
	perMin  int
	prevMin int
}{
	{"/cart", 60, 48}, {"/checkout", 20, 16}, {"/pay", 10, 8},
	{"/search", 5, 4}, {"/login", 3, 2}, {"/health", 1, 1},
}

// inSpike and inBurst say whether the minute ending at t is in the spike or
// burst: a sample at t counts the requests of (t−1m, t].
func inSpike(t time.Time) bool { return t.After(spikeFrom) && !t.After(spikeTo) }
func inBurst(t time.Time) bool { return t.After(burstFrom) && !t.After(burstTo) }

// okPerMinute is how many requests with code 200 route r gets in the minute
// ending at t.
func okPerMinute(r int, t time.Time) int {
	if t.After(prevTo) {
		if routes[r].name == "/checkout" && inBurst(t) {
			return 5
		}
		return routes[r].perMin
	}
	return routes[r].prevMin
}

// errPerMinute is how many requests with code 500 route r gets in the minute
// ending at t: one every ten minutes on /checkout, 15 a minute in the burst.
func errPerMinute(r int, t time.Time) int {
	if routes[r].name != "/checkout" {
		return 0
	}
	if t.After(prevTo) && inBurst(t) {
		return 15
	}
	if t.Minute()%10 == 0 {
		return 1
	}
	return 0
}

// minutes calls f for every sample time of the data, in order.
func minutes(f func(t time.Time)) {
	for t := dataFrom; !t.After(dataTo); t = t.Add(time.Minute) {
		f(t)
	}
}

// writeOpenMetrics writes the data set: one family after the other, each
// series' samples in time order, as promtool wants them.
func writeOpenMetrics(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	ts := func(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

	fmt.Fprintln(bw, "# HELP http_request_duration_seconds Request latency.")
	fmt.Fprintln(bw, "# TYPE http_request_duration_seconds histogram")
	cum := make([]int, len(les))
	sum := 0.0
	minutes(func(t time.Time) {
		per := normalPerLe
		if inSpike(t) {
			per = spikePerLe
		}
		running := 0
		for i := range les {
			running += per[i]
			cum[i] += running
		}
		sum += float64(per[0])*0.03 + float64(per[1])*0.07 + float64(per[2])*0.2 + float64(per[3])*0.4 + float64(per[5])*2
		for i, le := range les {
			fmt.Fprintf(bw, "http_request_duration_seconds_bucket{job=\"checkout\",le=\"%s\"} %d %s\n", le, cum[i], ts(t))
		}
		fmt.Fprintf(bw, "http_request_duration_seconds_count{job=\"checkout\"} %d %s\n", cum[len(cum)-1], ts(t))
		fmt.Fprintf(bw, "http_request_duration_seconds_sum{job=\"checkout\"} %s %s\n", strconv.FormatFloat(sum, 'f', -1, 64), ts(t))
	})

	fmt.Fprintln(bw, "# HELP checkout_queue_depth Requests waiting for a worker.")
	fmt.Fprintln(bw, "# TYPE checkout_queue_depth gauge")
	minutes(func(t time.Time) {
		v := queueNormal
		if t.Equal(queueSpikeAt) {
			v = queueSpike
		}
		fmt.Fprintf(bw, "checkout_queue_depth{job=\"checkout\"} %d %s\n", v, ts(t))
	})

	fmt.Fprintln(bw, "# HELP http_requests Requests served.")
	fmt.Fprintln(bw, "# TYPE http_requests counter")
	for r, route := range routes {
		for _, code := range []string{"200", "500"} {
			total := 0
			minutes(func(t time.Time) {
				if code == "200" {
					total += okPerMinute(r, t)
				} else {
					total += errPerMinute(r, t)
				}
				fmt.Fprintf(bw, "http_requests_total{code=\"%s\",job=\"checkout\",route=\"%s\"} %d %s\n", code, route.name, total, ts(t))
			})
		}
	}
	fmt.Fprintln(bw, "# HELP app_build_info The version running.")
	fmt.Fprintln(bw, "# TYPE app_build_info gauge")
	for _, v := range []string{"v2.2.0", "v2.3.0", "v2.3.1"} {
		minutes(func(t time.Time) {
			if versionAt(t) == v {
				fmt.Fprintf(bw, "app_build_info{service=\"checkout\",version=\"%s\"} 1 %s\n", v, ts(t))
			}
		})
	}
	fmt.Fprintln(bw, "# HELP process_start_time_seconds When the process started.")
	fmt.Fprintln(bw, "# TYPE process_start_time_seconds gauge")
	minutes(func(t time.Time) {
		start := dataFrom
		if !t.Before(restartAt) {
			start = restartAt
		}
		fmt.Fprintf(bw, "process_start_time_seconds{job=\"checkout\"} %s %s\n", ts(start), ts(t))
	})
	fmt.Fprintln(bw, "# HELP canary_requests Requests served by a canary that lived a few hours.")
	fmt.Fprintln(bw, "# TYPE canary_requests counter")
	for t, n := canaryFrom, 0; !t.After(canaryTo); t, n = t.Add(time.Minute), n+canaryPerMin {
		fmt.Fprintf(bw, "canary_requests_total{job=\"canary\"} %d %s\n", n, ts(t))
	}
	fmt.Fprintln(bw, "# EOF")
	return bw.Flush()
}

// requestsIn counts the requests of route r (all routes when r < 0) with
// code 200 (ok) or 500 in the minutes ending in (from, to].
func requestsIn(r int, code string, from, to time.Time) int {
	n := 0
	for t := from.Add(time.Minute); !t.After(to); t = t.Add(time.Minute) {
		for i := range routes {
			if r >= 0 && i != r {
				continue
			}
			if code == "200" {
				n += okPerMinute(i, t)
			} else {
				n += errPerMinute(i, t)
			}
		}
	}
	return n
}
