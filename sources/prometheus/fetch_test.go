package prometheus

import (
	"context"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestFetchSendsThePlannedRangeQuery(t *testing.T) {
	f := newFake(t, fixture(t, 200, "empty.json"))
	src := newSource(t, f, sources.Config{Timeout: 7 * time.Second}, nil)
	q := sources.Query{Expr: `sum(rate(http_requests_total[5m]))`, Kind: sources.KindLoad, Columns: 6}
	if _, err := src.Fetch(context.Background(), q, sixHours); err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	got := reqs[0]
	want := map[string]string{
		"query":   "sum_over_time((\nsum(rate(http_requests_total[5m]))\n)[59m59s999ms:1m]) / 60",
		"start":   "1790816400", // 01:00, the end of the first bucket
		"end":     "1790834400", // 06:00
		"step":    "3600",
		"timeout": "7s", // the server gives up when nagame does
	}
	if got.path != "/api/v1/query_range" {
		t.Errorf("path %q, want /api/v1/query_range", got.path)
	}
	for k, v := range want {
		if got.form.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, got.form.Get(k), v)
		}
	}
}

func TestFetchMapsAMatrixToSeries(t *testing.T) {
	f := newFake(t, fixture(t, 200, "routes.json"))
	src := newSource(t, f, sources.Config{}, nil)
	q := sources.Query{Expr: `sum by (route) (rate(checkout_requests[5m]))`, Kind: sources.KindLoad, Unit: "req/s", Columns: 6, Top: 2}
	got, err := src.Fetch(context.Background(), q, sixHours)
	if err != nil {
		t.Fatal(err)
	}
	// Means: /cart 11.67, /pay 3.5 (2, 3, 4, 5: the missing point and +Inf
	// are gaps), /search 1, /login 0.5. Top 2, the rest is a rate: folded.
	nan := math.NaN()
	want := []struct {
		name string
		vs   []float64
	}{
		{"route=/cart", []float64{10, 12, 11, 10, 13, 14}},
		{"route=/pay", []float64{2, nan, nan, 3, 4, 5}},
		// /search + /login: 1 + 0.5, and NaN + 0.5 at the end.
		{"other (2 series)", []float64{1.5, 1.5, 1.5, 1.5, 1.5, 0.5}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d series %q, want %d", len(got), names(got), len(want))
	}
	for i, w := range want {
		s := got[i]
		if s.Name != w.name || s.Unit != "req/s" || s.Step != time.Hour || len(s.Points) != 6 {
			t.Errorf("series %d = %q %q step %s %d points; want %q req/s 1h 6 points", i, s.Name, s.Unit, s.Step, len(s.Points), w.name)
			continue
		}
		for j, p := range s.Points {
			wantT := sixHours.From.Add(time.Duration(j) * time.Hour)
			if !p.T.Equal(wantT) || !(p.V == w.vs[j] || math.IsNaN(p.V) && math.IsNaN(w.vs[j])) {
				t.Errorf("%s[%d] = %s %g, want %s %g", s.Name, j, p.T, p.V, wantT, w.vs[j])
			}
		}
	}
	warns := got[0].Warnings
	for _, sub := range []string{"Remote read of store eu-west failed", "PromQL info: metric might not be a counter", "1 points were infinite"} {
		if !slices.ContainsFunc(warns, func(w string) bool { return strings.Contains(w, sub) }) {
			t.Errorf("warnings %q lack %q", warns, sub)
		}
	}
	if len(got[1].Warnings) != 0 {
		t.Errorf("warnings repeated on the second series: %q", got[1].Warnings)
	}
}

func TestFetchEmptyResult(t *testing.T) {
	q := sources.Query{Expr: `sum(rate(nothing[5m]))`, Kind: sources.KindLoad, Columns: 6}
	t.Run("no series is no data, not an error", func(t *testing.T) {
		src := newSource(t, newFake(t, fixture(t, 200, "empty.json")), sources.Config{}, nil)
		got, err := src.Fetch(context.Background(), q, sixHours)
		if err != nil || got != nil {
			t.Fatalf("got %v, %v; want nil, nil", got, err)
		}
	})
	t.Run("no series with a warning keeps the warning", func(t *testing.T) {
		src := newSource(t, newFake(t, fixture(t, 200, "empty_warned.json")), sources.Config{}, nil)
		got, err := src.Fetch(context.Background(), q, sixHours)
		if err != nil || len(got) != 1 || len(got[0].Points) != 0 || len(got[0].Warnings) != 1 || got[0].Name != "nothing" {
			t.Fatalf("got %+v, %v; want one series named nothing with no points and the warning", got, err)
		}
	})
	t.Run("a window in the future is not asked for", func(t *testing.T) {
		f := newFake(t, fixture(t, 200, "empty.json"))
		src := newSource(t, f, sources.Config{}, nil)
		future := sources.Window{From: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)}
		got, err := src.Fetch(context.Background(), q, future)
		if err != nil || got != nil || len(f.requests()) != 0 {
			t.Fatalf("got %v, %v after %d requests; want nil, nil and no request", got, err, len(f.requests()))
		}
	})
}

func TestFetchFallsBackWhenTheWrapIsRefused(t *testing.T) {
	// A scalar expression parses but cannot be a subquery: Prometheus
	// refuses the wrapped form, and the expression as written still works.
	f := newFake(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.Form.Get("query"), "max_over_time(") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":"error","errorType":"bad_data","error":"subquery is only allowed on instant vector, got scalar"}`))
			return
		}
		fixture(t, 200, "routes.json")(w, r)
	})
	src := newSource(t, f, sources.Config{}, nil)
	got, err := src.Fetch(context.Background(), sources.Query{Expr: `scalar(x) * 2`, Kind: sources.KindLatency, Columns: 6}, sixHours)
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[1].form.Get("query") != `scalar(x) * 2` {
		t.Fatalf("requests %v, want the wrapped query then the raw one", reqs)
	}
	if !slices.ContainsFunc(got[0].Warnings, func(w string) bool {
		return strings.Contains(w, "could not look inside each 1h step") && strings.Contains(w, "subquery is only allowed")
	}) {
		t.Errorf("warnings %q do not explain the fallback", got[0].Warnings)
	}
}

func TestFetchRefusesEmptyQueriesAndWindows(t *testing.T) {
	f := newFake(t, fixture(t, 200, "empty.json"))
	src := newSource(t, f, sources.Config{}, nil)
	for _, tc := range []struct {
		name string
		q    sources.Query
		w    sources.Window
	}{
		{"an empty query", sources.Query{Panel: "latency", Expr: "  "}, sixHours},
		{"an empty window", sources.Query{Expr: "up"}, sources.Window{From: sixHours.To, To: sixHours.From}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := src.Fetch(context.Background(), tc.q, tc.w)
			if sources.HintOf(err) == "" {
				t.Errorf("got %v, want a *sources.Error with a hint", err)
			}
		})
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests sent for queries that cannot run", n)
	}
}

func TestFetchNeverFoldsLatencies(t *testing.T) {
	// The agenda passes measure: rate for histogram_quantile(…rate(…)):
	// the lines beyond top are still dropped, not summed into "other".
	src := newSource(t, newFake(t, fixture(t, 200, "routes.json")), sources.Config{}, nil)
	q := sources.Query{Expr: `histogram_quantile(0.95, sum by (le, route) (rate(x_bucket[5m])))`, Kind: sources.KindLatency, Measure: sources.Rate, Columns: 6, Top: 2}
	got, err := src.Fetch(context.Background(), q, sixHours)
	if err != nil {
		t.Fatal(err)
	}
	if n := names(got); !slices.Equal(n, []string{"route=/cart", "route=/pay"}) {
		t.Errorf("got %q, want the top two and no other", n)
	}
}

func TestFetchDropsPointsOutsideTheWindow(t *testing.T) {
	// A server (or a proxy's cache) that answers with more than was asked:
	// a point before the first bucket and one 16 days after the window
	// are not the window's.
	f := newFake(t, status(200, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[`+
		`[1790812800,"9"],[1790816400,"1"],[1790834400,"6"],[1792216800,"123"]]}]}}`))
	src := newSource(t, f, sources.Config{}, nil)
	got, err := src.Fetch(context.Background(), sources.Query{Expr: "up", Kind: sources.KindCustom, Columns: 6}, sixHours)
	if err != nil || len(got) != 1 {
		t.Fatalf("Fetch = %v, %v; want one series", got, err)
	}
	var kept []float64
	for _, p := range got[0].Points {
		if !sixHours.Contains(p.T) {
			t.Errorf("point %s is outside the window %s", p.T, sixHours)
		}
		if !math.IsNaN(p.V) {
			kept = append(kept, p.V)
		}
	}
	if !slices.Equal(kept, []float64{1, 6}) {
		t.Errorf("kept %v, want the two points inside the window: 1 and 6", kept)
	}
}
