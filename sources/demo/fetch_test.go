package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestFetchAnswersEveryQueryOver30Days(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	cases := []struct {
		expr   string
		names  []string
		unit   string
		lo, hi float64 // every bucket's value lies in [lo, hi]
	}{
		{qP50, []string{"p50:trace.http.request"}, "s", 0.03, 0.5},
		{qP95, []string{"p95:trace.http.request"}, "s", 0.1, 1.5},
		{qP99, []string{"p99:trace.http.request"}, "s", 0.2, 5},
		{qByRes, []string{"resource_name:POST /payment", "resource_name:POST /checkout", "resource_name:POST /cart/items", "resource_name:GET /cart", "resource_name:GET /health"}, "s", 0.001, 3},
		// A 6-hour bucket of errors: 0.02 % of 1–7 M requests, or the incident.
		{qErrors, []string{"sum:trace.http.request.errors"}, "", 50, 50000},
		{qHits, []string{"sum:trace.http.request.hits"}, "", 5e5, 1e7},
		{qHitRate, []string{"sum:trace.http.request.hits"}, "req/s", 20, 450},
		{qCPU, []string{"avg:system.cpu.user"}, "%", 28, 72},
	}
	if len(cases) != len(Queries()) {
		t.Fatalf("the test covers %d queries, Queries lists %d", len(cases), len(Queries()))
	}
	for i, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			if Queries()[i] != c.expr {
				t.Errorf("Queries()[%d] = %q, want %q", i, Queries()[i], c.expr)
			}
			ss, err := s.Fetch(context.Background(), sources.Query{Expr: c.expr, Columns: 120}, w)
			if err != nil {
				t.Fatal(err)
			}
			if len(ss) != len(c.names) {
				t.Fatalf("%d series, want %d", len(ss), len(c.names))
			}
			for j, se := range ss {
				if se.Name != c.names[j] || se.Unit != c.unit || se.Step != 6*time.Hour {
					t.Errorf("series %d: %q in %q every %s; want %q in %q every 6h", j, se.Name, se.Unit, se.Step, c.names[j], c.unit)
				}
				// See TestNewGridPicksTheWidestNiceStepWithEnoughBuckets.
				if se.Len() != 121 || se.Valid() != 121 {
					t.Errorf("series %d: %d points, %d valid; want 121 and 121", j, se.Len(), se.Valid())
				}
				for k, p := range se.Points {
					if p.T.Unix()%(6*3600) != 0 || k > 0 && !p.T.After(se.Points[k-1].T) {
						t.Errorf("series %d point %d at %s: not a 6h bucket start in ascending order", j, k, p.T)
					}
					if c.expr != qByRes && (p.V < c.lo || p.V > c.hi) {
						t.Errorf("series %d point %d = %g at %s, want within [%g, %g]", j, k, p.V, p.T, c.lo, c.hi)
					}
				}
			}
		})
	}
}

func TestFetchGivesAtLeastTheColumnsAndAtMost1500Points(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	for _, columns := range []int{1, 60, 120, 250, 300, 500, 800, 1000, 1500, 100000} {
		se := fetch(t, s, qP95, w, columns)
		// Over 30 days no nice step gives between 1,441 and 1,500 buckets:
		// above 1,441 columns the cap wins.
		want := min(columns, 1441)
		if se.Len() < want || se.Len() > 1500 {
			t.Errorf("columns %d: %d points at %s, want %d … 1500", columns, se.Len(), se.Step, want)
		}
	}
	if se := fetch(t, s, qP95, w, 0); se.Len() < 300 || se.Len() > 1500 {
		t.Errorf("no columns: %d points, want about 300", se.Len())
	}
}

func TestFetchRollsRatesUpByMeanAndCountsBySum(t *testing.T) {
	// The same minutes as a rate (per second, averaged) and a count (summed):
	// rate × 60 s × 60 minutes = the hour's count, in every full hour.
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	w := between(a, -2*day, -day) // no scrape gap that day
	rate, count := fetch(t, s, qHitRate, w, 24), fetch(t, s, qHits, w, 24)
	if rate.Len() != 24 || count.Len() != 24 {
		t.Fatalf("%d and %d points, want 24 hourly buckets", rate.Len(), count.Len())
	}
	for i := range rate.Points {
		r, c := rate.Points[i].V, count.Points[i].V
		if d := r*3600 - c; d > 1e-6*c || d < -1e-6*c {
			t.Errorf("%s: %g req/s × 3600 = %g, count %g", rate.Points[i].T, r, r*3600, c)
		}
	}
}

func TestFetchReadsQueriesWhateverTheirWhitespace(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := between(anchorOf(testNow), -day, 0)
	for _, expr := range []string{
		"  " + qP95 + "\n",
		"p95:trace.http.request{service:checkout,env:prod}\n  by\t{resource_name}",
	} {
		if _, err := s.Fetch(context.Background(), sources.Query{Expr: expr}, w); err != nil {
			t.Errorf("Fetch(%q): %v", expr, err)
		}
	}
}

func TestFetchRejectsAnUnknownQueryListingTheKnownOnes(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := between(anchorOf(testNow), -day, 0)
	for _, expr := range []string{
		"p95:trace.http.request{service:cart,env:prod}",
		"P95:trace.http.request{service:checkout,env:prod}",
		"",
	} {
		_, err := s.Fetch(context.Background(), sources.Query{Expr: expr}, w)
		var se *sources.Error
		if !errors.As(err, &se) {
			t.Fatalf("Fetch(%q): %v, want a *sources.Error", expr, err)
		}
		if se.Backend != "demo" || se.Query != expr || se.Hint == "" {
			t.Errorf("Fetch(%q): backend %q, query %q, hint %q", expr, se.Backend, se.Query, se.Hint)
		}
		for _, q := range Queries() {
			if !strings.Contains(err.Error(), q) {
				t.Errorf("Fetch(%q): %q does not list %q", expr, err, q)
			}
		}
	}
}

func TestFetchChecksTheWindow(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	cases := []struct {
		name    string
		w       sources.Window
		wantErr string // "" for success
	}{
		{"an unset window", sources.Window{}, "empty window"},
		{"a window ending before it starts", between(a, 0, -day), "empty window"},
		{"a window of 401 days", between(a, -401*day, 0), "at most 400"},
		{"a window of 400 days", between(a, -400*day, 0), ""},
		{"a window in 2019", sources.Window{From: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC)}, ""},
		{"a window before 1970", sources.Window{From: time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), To: time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ss, err := s.Fetch(context.Background(), sources.Query{Expr: qErrors}, c.w)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) || sources.HintOf(err) == "" {
					t.Errorf("err = %v (hint %q), want %q with a hint", err, sources.HintOf(err), c.wantErr)
				}
				return
			}
			if err != nil || len(ss) != 1 || ss[0].Valid() == 0 {
				t.Errorf("got %d series, err %v; want data", len(ss), err)
			}
		})
	}
}

func TestFetchOfAWindowWithoutAWholeMinuteIsNoData(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	w := sources.Window{From: a.Add(10 * time.Second), To: a.Add(50 * time.Second)}
	ss, err := s.Fetch(context.Background(), sources.Query{Expr: qP95}, w)
	if err != nil || len(ss) != 0 {
		t.Errorf("Fetch = %d series, %v; want none and no error", len(ss), err)
	}
}

func TestFetchStopsWhenTheContextEnds(t *testing.T) {
	s := newSource(t, 7, testNow)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	for _, expr := range []string{qP95, qByRes, qErrors} {
		ss, err := s.Fetch(ctx, sources.Query{Expr: expr}, w)
		if !errors.Is(err, context.Canceled) || ss != nil {
			t.Errorf("Fetch(%s) with a cancelled context = %d series, %v; want context.Canceled", expr, len(ss), err)
		}
	}
	if _, err := s.FetchSLO(ctx, "checkout-availability", w); !errors.Is(err, context.Canceled) {
		t.Errorf("FetchSLO with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestFetchByResourceKeepsTheTopEndpointsByMean(t *testing.T) {
	s := newSource(t, 7, testNow)
	w := sources.Window{From: testNow.Add(-30 * day), To: testNow}
	// By scale of the service's p95: payment 1.55, checkout 1.2, cart items
	// 0.55, cart 0.35, health a flat 4 ms.
	all := []string{"resource_name:POST /payment", "resource_name:POST /checkout", "resource_name:POST /cart/items", "resource_name:GET /cart", "resource_name:GET /health"}
	// Top 0 or less means sources.DefaultTop, five: all of the demo's five.
	cases := []struct {
		top  int
		want []string
	}{
		{0, all}, {1, all[:1]}, {2, all[:2]}, {5, all}, {9, all}, {-1, all},
	}
	for _, c := range cases {
		ss, err := s.Fetch(context.Background(), sources.Query{Expr: qByRes, Columns: 120, Top: c.top}, w)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, se := range ss {
			got = append(got, se.Name)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("top %d: %q, want %q", c.top, got, c.want)
		}
	}
}

func TestCheckAlwaysSucceeds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := newSource(t, 7, testNow).Check(ctx); err != nil {
		t.Errorf("Check = %v, want nil: the demo needs nothing", err)
	}
}

func TestNewRejectsAnotherSourceType(t *testing.T) {
	_, err := New(sources.Config{Name: "dd", Type: sources.TypeDatadog}, nil)
	if err == nil || !strings.Contains(err.Error(), `"datadog"`) {
		t.Errorf("New(datadog config) = %v, want an error naming the type", err)
	}
	s, err := New(sources.Config{}, nil)
	if err != nil {
		t.Fatalf("New with no type and the wall clock: %v", err)
	}
	if got, want := s.Anchor(), time.Now().UTC().Truncate(day); got.After(want) || got.Before(want.Add(-day)) {
		t.Errorf("Anchor with the wall clock = %s, want about %s", got, want)
	}
}
