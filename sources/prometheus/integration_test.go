package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Queries of the integration test, as an agenda would write them.
const (
	latencyExpr  = `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))`
	errorsExpr   = `sum(increase(http_requests_total{job="checkout",code=~"5.."}[5m]))`
	totalExpr    = `sum(increase(http_requests_total{job="checkout"}[5m]))`
	rateExpr     = `sum(rate(http_requests_total{job="checkout"}[5m]))`
	byRouteExpr  = `sum by (route) (increase(http_requests_total{job="checkout"}[5m]))`
	queueExpr    = `checkout_queue_depth{job="checkout"}`
	columns      = 100 // 7 days at ≥ 100 buckets: a one-hour step (168 buckets)
	wantStep     = time.Hour
	wantBuckets  = 7 * 24
	countTolPct  = 0.5 // see TestAgainstPrometheus
	rateTolPct   = 0.1
	valueTolAbs  = 1e-9
	spikeBucket  = 3*24 + 10 // 2026-03-05 10:00, counted from curFrom in hours
	queueBucket  = 2*24 + 7  // 2026-03-04 07:00
	burstBuckets = 2         // 14:00 and 15:00 on 2026-03-07
)

// TestAgainstPrometheus runs the backend against a real Prometheus holding
// two generated weeks, and compares what it returns with what was generated.
//
// Tolerances: counts come from increase() over back-to-back 5-minute
// windows. The samples sit on whole minutes, so Prometheus 2 (both ends of a
// range included) sees exactly the generated increments; Prometheus 3 leaves
// the start out and extrapolates the first minute of each window, which is
// exact for steady traffic and off by a few events at the burst's edges:
// countTolPct allows 0.5 %. Rates add up 1-minute evaluations of
// rate([5m]), whose first four minutes reach into the week before (80 % of
// the traffic): about 4 min × 20 % × 99 req/min = 80 requests of ~1M, so
// rateTolPct allows 0.1 %. Latency is a ratio of bucket rates and exact.
func TestAgainstPrometheus(t *testing.T) {
	srv := startPrometheus(t)
	src, err := New(sources.Config{Name: "prom", Type: sources.TypePrometheus, URL: srv.url})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cur := sources.Window{From: curFrom, To: curTo}
	prev := cur.Previous()

	fetch := func(t *testing.T, q sources.Query, w sources.Window) []sources.Series {
		t.Helper()
		if q.Columns == 0 {
			q.Columns = columns
		}
		got, err := src.Fetch(ctx, q, w)
		if err != nil {
			t.Fatalf("Fetch(%s): %v (hint: %s)", q.Expr, err, sources.HintOf(err))
		}
		for _, s := range got {
			if s.Step != wantStep || len(s.Points) != wantBuckets {
				t.Fatalf("series %q: step %s with %d points, want %s with %d", s.Name, s.Step, len(s.Points), wantStep, wantBuckets)
			}
			if !s.Points[0].T.Equal(w.From) {
				t.Fatalf("series %q starts at %s, want the window's start %s", s.Name, s.Points[0].T, w.From)
			}
		}
		return got
	}

	t.Run("a 30-minute latency spike in a week at a one-hour step shows at its hour with its value", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: latencyExpr, Kind: sources.KindLatency, Unit: "s"}, cur)
		if len(got) != 1 {
			t.Fatalf("got %d series, want 1", len(got))
		}
		at, peak := maxPoint(got[0])
		// The spike covers 10:10–10:40, inside the bucket (10:00, 11:00].
		if want := curFrom.Add(spikeBucket * time.Hour); !at.Equal(want) || math.Abs(peak-spikeP95) > valueTolAbs {
			t.Errorf("max %.6g at %s, want %.6g at %s", peak, at, spikeP95, want)
		}
		for i, p := range got[0].Points {
			if i != spikeBucket && math.Abs(p.V-normalP95) > valueTolAbs {
				t.Errorf("bucket %s = %.6g, want the normal p95 %.6g", p.T, p.V, normalP95)
			}
		}
		if got[0].Name != "http_request_duration_seconds_bucket" {
			t.Errorf("name %q, want the query's metric", got[0].Name)
		}
	})

	t.Run("the same query evaluated once per step misses the spike", func(t *testing.T) {
		// This is why the backend wraps latency in a subquery: the raw
		// range query samples 10:00 and 11:00 and nothing in between.
		body := rawQueryRange(ctx, t, srv.url, latencyExpr, newGrid(cur, columns, time.Time{}))
		var resp struct {
			Data struct {
				Result []struct {
					Values [][2]any `json:"values"`
				} `json:"result"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &resp); err != nil || len(resp.Data.Result) != 1 {
			t.Fatalf("raw query: %v: %s", err, body)
		}
		for _, v := range resp.Data.Result[0].Values {
			if s, _ := v[1].(string); s == "2.425" {
				t.Fatalf("the raw query saw the spike at %v: the test data no longer proves anything", v[0])
			}
		}
	})

	t.Run("a one-sample spike of a gauge selector is in its bucket's max", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: queueExpr, Kind: sources.KindCustom, Measure: sources.Gauge}, cur)
		if len(got) != 1 {
			t.Fatalf("got %d series, want 1", len(got))
		}
		at, peak := maxPoint(got[0])
		if want := curFrom.Add(queueBucket * time.Hour); !at.Equal(want) || peak != queueSpike {
			t.Errorf("max %g at %s, want %d at %s", peak, at, queueSpike, want)
		}
		if got[0].Name != "job=checkout" {
			t.Errorf("name %q, want job=checkout (a lone series keeps its labels but the metric name)", got[0].Name)
		}
	})

	t.Run("error and request counts add up to the generated totals in both windows", func(t *testing.T) {
		for _, w := range []sources.Window{cur, prev} {
			errs := sum(fetch(t, sources.Query{Expr: errorsExpr, Kind: sources.KindErrors}, w)[0])
			total := sum(fetch(t, sources.Query{Expr: totalExpr, Kind: sources.KindErrors}, w)[0])
			wantErrs := float64(requestsIn(-1, "500", w.From, w.To))
			wantTotal := wantErrs + float64(requestsIn(-1, "200", w.From, w.To))
			within(t, "errors in "+w.String(), errs, wantErrs, countTolPct)
			within(t, "requests in "+w.String(), total, wantTotal, countTolPct)
		}
		// By hand, current week: 1 error every 10 minutes = 7 × 144 = 1008,
		// less the 12 of them inside the burst, plus 120 min × 15 = 1800:
		// 2796. The previous week has no burst: 1008.
		if got, want := requestsIn(-1, "500", cur.From, cur.To), 2796; got != want {
			t.Errorf("generator: %d errors in the current week, arithmetic says %d", got, want)
		}
		if got, want := requestsIn(-1, "500", prev.From, prev.To), 1008; got != want {
			t.Errorf("generator: %d errors in the previous week, arithmetic says %d", got, want)
		}
	})

	t.Run("the error burst lands in its two hours with 900 errors each", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: errorsExpr, Kind: sources.KindErrors}, cur)[0]
		first := int(burstFrom.Sub(curFrom) / time.Hour)
		for i := first; i < first+burstBuckets; i++ {
			// 60 minutes × 15 errors.
			within(t, "burst bucket "+got.Points[i].T.String(), got.Points[i].V, 900, countTolPct)
		}
		// Outside the burst an hour holds 6 errors (one every ten minutes).
		within(t, "quiet bucket", got.Points[first-1].V, 6, countTolPct)
	})

	t.Run("a request rate averaged per step times the step adds up to the total", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: rateExpr, Kind: sources.KindLoad, Unit: "req/s"}, cur)[0]
		total := sum(got) * wantStep.Seconds()
		want := float64(requestsIn(-1, "200", cur.From, cur.To) + requestsIn(-1, "500", cur.From, cur.To))
		within(t, "requests from rate × step", total, want, rateTolPct)
	})

	t.Run("a rate over a series that starts and stops inside a step adds up to the counter's delta", func(t *testing.T) {
		// The canary lives 12:31–18:21: at a one-hour step its first and
		// last hours are partly covered, at two minutes its first and last
		// steps. Averaging only the covered evaluations of a step and
		// multiplying by the whole step counted its first and last hours as
		// if the canary had served all of them (+18 %). What rate() itself
		// loses and adds at the edges of a counter's life (its 5-minute
		// window ramps up and trails off) is a few minutes' worth: 0.5 %.
		const canaryExpr = `sum(rate(canary_requests_total{job="canary"}[5m]))`
		want := float64(canaryPerMin) * canaryTo.Sub(canaryFrom).Minutes()
		day := sources.Window{From: curFrom.Add(2 * 24 * time.Hour), To: curFrom.Add(3 * 24 * time.Hour)}
		for _, c := range []struct {
			w       sources.Window
			columns int
			step    time.Duration
		}{
			{cur, columns, time.Hour},
			{day, 720, 2 * time.Minute},
		} {
			got, err := src.Fetch(ctx, sources.Query{Expr: canaryExpr, Kind: sources.KindLoad, Columns: c.columns}, c.w)
			if err != nil || len(got) != 1 || got[0].Step != c.step {
				t.Fatalf("Fetch at %d columns: %d series, %v; want one at a %s step", c.columns, len(got), err, c.step)
			}
			within(t, "canary requests at a "+c.step.String()+" step", sum(got[0])*c.step.Seconds(), want, 0.5)
		}
	})

	t.Run("grouped by route keeps the top 5 by mean and folds the rest into other", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: byRouteExpr, Kind: sources.KindLoad, Measure: sources.Count, Top: 5}, cur)
		wantNames := []string{"route=/cart", "route=/checkout", "route=/pay", "route=/search", "route=/login", "other (1 series)"}
		if len(got) != len(wantNames) {
			t.Fatalf("got %d series, want %d: %v", len(got), len(wantNames), names(got))
		}
		for i, s := range got {
			if s.Name != wantNames[i] {
				t.Errorf("series %d is %q, want %q", i, s.Name, wantNames[i])
			}
		}
		// /cart: 60 a minute for 7 days = 604,800; other is /health: 10,080.
		within(t, "/cart", sum(got[0]), 604800, countTolPct)
		within(t, "other", sum(got[5]), 10080, countTolPct)
	})

	t.Run("the previous week has no spike", func(t *testing.T) {
		got := fetch(t, sources.Query{Expr: latencyExpr, Kind: sources.KindLatency, Unit: "s"}, prev)
		if _, peak := maxPoint(got[0]); math.Abs(peak-normalP95) > valueTolAbs {
			t.Errorf("previous week max %.6g, want %.6g", peak, normalP95)
		}
	})

	t.Run("a metric that does not exist is no data, not an error", func(t *testing.T) {
		got, err := src.Fetch(ctx, sources.Query{Expr: `sum(rate(no_such_metric_total[5m]))`, Kind: sources.KindLoad, Columns: columns}, cur)
		if err != nil || got != nil {
			t.Fatalf("got %v, %v; want nil, nil", got, err)
		}
	})

	t.Run("a parse error is shown in Prometheus' words, about the panel's own query", func(t *testing.T) {
		const bad = `sum(rate(http_requests_total[5m])` // one parenthesis short
		_, err := src.Fetch(ctx, sources.Query{Expr: bad, Kind: sources.KindLoad, Columns: columns}, cur)
		var se *sources.Error
		if !errors.As(err, &se) {
			t.Fatalf("got %v, want a *sources.Error", err)
		}
		// What Prometheus says about the expression as written: positions
		// must not be shifted by nagame's wrapping.
		var raw apiError
		if err := json.Unmarshal(rawQueryRange(ctx, t, srv.url, bad, newGrid(cur, columns, time.Time{})), &raw); err != nil {
			t.Fatal(err)
		}
		if want := "bad_data: " + raw.Error; se.Msg != want || se.Temporary || se.Hint == "" {
			t.Errorf("Msg %q (temporary %v, hint %q), want %q, not temporary, with a hint", se.Msg, se.Temporary, se.Hint, want)
		}
		if !strings.Contains(se.Msg, "parse error") {
			t.Errorf("Msg %q does not say parse error", se.Msg)
		}
	})

	t.Run("each version's build info marks its deploy, in its own week, named from its labels", func(t *testing.T) {
		q := sources.EventQuery{Expr: `app_build_info{service="checkout"}`, Text: "deploy {{service}} {{version}}"}
		for _, c := range []struct {
			w    sources.Window
			want string
		}{
			// A 2-minute step over a week: both deploys are on even minutes.
			{cur, "2026-03-04T14:10:00Z deploy checkout v2.3.1"},
			{prev, "2026-02-25T11:00:00Z deploy checkout v2.3.0"},
		} {
			got, err := src.Events(ctx, q, c.w)
			if err != nil {
				t.Fatalf("Events: %v (hint: %s)", err, sources.HintOf(err))
			}
			if len(got.Events) != 1 || got.Events[0].At.Format(time.RFC3339)+" "+got.Events[0].Text != c.want {
				t.Errorf("%s: events %+v, want only %s (the version running at the start is none)", c.w, got.Events, c.want)
			}
		}
	})

	t.Run("changes() over a restart marks it at the first instant that sees it", func(t *testing.T) {
		got, err := src.Events(ctx, sources.EventQuery{Expr: `changes(process_start_time_seconds{job="checkout"}[5m]) > 0`}, cur)
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		// The restart at 09:31 is seen from the 09:32 instant on; the label
		// that is left names it.
		want := restartAt.Add(time.Minute)
		if len(got.Events) != 1 || !got.Events[0].At.Equal(want) || got.Events[0].Text != "job=checkout" {
			t.Errorf("events %+v, want one at %s named job=checkout", got.Events, want)
		}
	})

	t.Run("check names the version and the URL", func(t *testing.T) {
		msg, err := src.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(msg, "Prometheus 2.") && !strings.HasPrefix(msg, "Prometheus 3.") || !strings.Contains(msg, srv.url) {
			t.Errorf("Status = %q, want the version and %s", msg, srv.url)
		}
	})
}

func maxPoint(s sources.Series) (time.Time, float64) {
	var at time.Time
	peak := math.Inf(-1)
	for _, p := range s.Points {
		if p.V > peak {
			at, peak = p.T, p.V
		}
	}
	return at, peak
}

func sum(s sources.Series) float64 {
	total := 0.0
	for _, p := range s.Points {
		if !math.IsNaN(p.V) {
			total += p.V
		}
	}
	return total
}

func names(ss []sources.Series) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Name
	}
	return out
}

// within fails the test when got is more than tolPct percent away from want.
func within(t *testing.T, what string, got, want, tolPct float64) {
	t.Helper()
	if math.Abs(got-want) > math.Abs(want)*tolPct/100 {
		t.Errorf("%s = %.6g, want %.6g ± %g %%", what, got, want, tolPct)
	}
}
