package datadog

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

// clientCannotRead fails the test when the official client reads fixture
// name without parking any of it in an UnparsedObject: a fixture of a
// partial answer must stay one, or its test proves nothing.
func clientCannotRead(t *testing.T, name string, into any) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, into); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if unparsed, _ := datadog.ContainsUnparsedObject(into); !unparsed {
		t.Fatalf("the client reads %s whole: it is no longer a partial answer", name)
	}
}

func TestFetchUsesWhatDecoded(t *testing.T) {
	clientCannotRead(t, "query_partial.json", &datadogV1.MetricsQueryResponse{})
	const expr = "sum:trace.http.request.hits{service:checkout,env:prod} by {resource_name}.as_count()"
	f := newFake(t)
	f.on(queryStub(t, expr+".rollup(sum, 300)", fixture(t, 200, "query_partial.json")))
	got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindLoad, Expr: expr, Unit: "req"}, day)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	// GET /cart has a unit the client cannot read: the panel's unit
	// stands in. POST /checkout has a value written as text (a gap) and a
	// point 16 days after the window (dropped). GET /product has no points
	// at all and is left out.
	if len(got) != 2 {
		t.Fatalf("got %d series %v, want GET /cart and POST /checkout", len(got), got)
	}
	cart, checkout := got[0], got[1]
	if cart.Name != "resource_name:GET /cart" || cart.Unit != "req" || cart.Step != 5*time.Minute {
		t.Errorf("first series %q unit %q step %s; want resource_name:GET /cart, req, 5m", cart.Name, cart.Unit, cart.Step)
	}
	assertPoints(t, cart.Points, []sources.Point{pt(0, 100), pt(5, 110), pt(10, 120)})
	assertPoints(t, checkout.Points, []sources.Point{pt(0, 50), pt(10, 70)})
	want := "nagame could not read all of Datadog's answer and shows what it could; not read: " +
		"the unit of series 1; 1 points of series 2; the points of series 3, not shown"
	if len(cart.Warnings) != 1 || cart.Warnings[0] != want {
		t.Errorf("Warnings = %q\nwant [%q]", cart.Warnings, want)
	}
}

func TestFetchReadsAFieldOfAnotherType(t *testing.T) {
	// "interval": "300", a string where the client wants a number: the
	// whole answer is unparsed for the client, and nothing is lost.
	clientCannotRead(t, "query_unparsed.json", &datadogV1.MetricsQueryResponse{})
	const expr = "avg:system.cpu.user{service:checkout}"
	f := newFake(t)
	f.on(queryStub(t, expr+".rollup(avg, 300)", fixture(t, 200, "query_unparsed.json")))
	got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindCustom, Expr: expr}, day)
	if err != nil || len(got) != 1 {
		t.Fatalf("Fetch = %v, %v; want one series", got, err)
	}
	if got[0].Step != 5*time.Minute || len(got[0].Warnings) != 0 {
		t.Errorf("step %s, warnings %q; want 5m and none", got[0].Step, got[0].Warnings)
	}
	assertPoints(t, got[0].Points, []sources.Point{pt(0, 12.5), pt(5, 13)})
}

func TestFetchDropsPointsOutsideTheWindow(t *testing.T) {
	const expr = "p95:trace.http.request{service:checkout,env:prod}"
	f := newFake(t)
	f.on(queryStub(t, expr+".rollup(max, 300)", fixture(t, 200, "query_points_outside.json")))
	got, err := f.source(t).Fetch(context.Background(), sources.Query{Kind: sources.KindLatency, Expr: expr}, day)
	if err != nil || len(got) != 1 {
		t.Fatalf("Fetch = %v, %v; want one series", got, err)
	}
	// The fixture adds a bucket that ends where the window starts and a
	// point on Dec 18, 16 days after the window's end, to query_latency's
	// six points.
	assertPoints(t, got[0].Points, []sources.Point{pt(0, 0.142), pt(5, 0.151), pt(10, math.NaN()), pt(15, 0.930), pt(20, 0.148), pt(25, 0.139)})
}

func TestFetchSLOUsesWhatDecoded(t *testing.T) {
	const d30 = 30 * 24 * time.Hour
	tests := []struct {
		name, fixture   string
		target, sli     float64
		budget          float64
		historyPoints   int
		wantWarning     string
		clientCanReadIt bool
	}{
		{
			// The series lacks "sum", which the client requires and the
			// SLI history does not need: nothing is lost.
			name: "a series without a field nagame does not use", fixture: "slo_history_series_no_sum.json",
			target: 0.999, sli: 0.9995, budget: 0.5, historyPoints: 4,
		},
		{
			name: "a series without its times", fixture: "slo_history_series_no_times.json",
			target: 0.999, sli: 0.9995, budget: 0.5,
			wantWarning: "nagame could not read all of Datadog's SLO history and shows what it could; " +
				"not read: the SLI history (its times), so there is no SLI chart",
		},
		{
			// A timeframe the client's enum does not know (yet).
			name: "a threshold of a new timeframe", fixture: "slo_history_new_timeframe.json",
			target: 0.999, sli: 0.9995, budget: 0.5, historyPoints: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clientCannotRead(t, tt.fixture, &datadogV1.SLOHistoryResponse{})
			w := windowOf(d30)
			f := newFake(t)
			f.on(historyStub(t, sloID, w, fixture(t, 200, tt.fixture)))
			st, err := f.source(t).FetchSLO(context.Background(), sloID, w)
			if err != nil {
				t.Fatalf("FetchSLO: %v", err)
			}
			if st.Name != "checkout availability" {
				t.Errorf("Name %q, want the SLO's", st.Name)
			}
			near(t, "Target", st.Target, tt.target)
			near(t, "SLI", st.SLI, tt.sli)
			near(t, "BudgetRemaining", st.BudgetRemaining, tt.budget)
			if len(st.History) != 1 || st.History[0].Len() != tt.historyPoints {
				t.Fatalf("History %v, want one series of %d points", st.History, tt.historyPoints)
			}
			var warns []string
			if tt.wantWarning != "" {
				warns = []string{tt.wantWarning}
			}
			if got := st.History[0].Warnings; strings.Join(got, "|") != strings.Join(warns, "|") {
				t.Errorf("Warnings = %q\nwant %q", got, warns)
			}
		})
	}
}

// TestFetchSLOKeepsDatadogsReason reads the SLO history Datadog recorded for
// its own client's tests (Scenario_Get_an_SLOs_history_returns_OK_response,
// a metric SLO whose denominator is zero), as recorded and with a part the
// client requires missing: either way the panel says why there is no SLI in
// Datadog's words.
func TestFetchSLOKeepsDatadogsReason(t *testing.T) {
	const id = "9236f988e3d25ac6982fd4319912ec43"
	w := sources.Window{From: time.Unix(1646661553, 0).UTC(), To: time.Unix(1646747953, 0).UTC()}
	for _, name := range []string{"slo_history_recorded_no_data.json", "slo_history_no_data_values_null.json"} {
		t.Run(name, func(t *testing.T) {
			if name == "slo_history_no_data_values_null.json" {
				clientCannotRead(t, name, &datadogV1.SLOHistoryResponse{})
			}
			f := newFake(t)
			f.on(historyStub(t, id, w, fixture(t, 200, name)))
			st, err := f.source(t).FetchSLO(context.Background(), id, w)
			if !errors.Is(err, ErrNoData) {
				t.Fatalf("error %v, want one wrapping ErrNoData", err)
			}
			want := "SLO Test-Get_an_SLO_s_history_returns_OK_response-1646747953 has no SLI in this window: " +
				"The denominator is zero valued (ZERO_VALUED_DENOMINATOR)"
			if se := asSourceError(t, err); se.Msg != want {
				t.Errorf("Msg = %q\nwant  %q", se.Msg, want)
			}
			near(t, "Target", st.Target, 0.95) // the 7d threshold: the only one
		})
	}
}

func TestFetchSLOHistoryKeepsBucketsOfTheWindow(t *testing.T) {
	// The recorded history's 13 buckets of 2 h: the first starts 7,153 s
	// before the window (aligned to the interval) and ends inside it, the
	// last starts inside it. All overlap the window; none is dropped. A
	// window that starts 2 h later drops the first.
	const id = "9236f988e3d25ac6982fd4319912ec43"
	from, to := time.Unix(1646661553, 0).UTC(), time.Unix(1646747953, 0).UTC()
	for _, c := range []struct {
		w    sources.Window
		want int
	}{
		{sources.Window{From: from, To: to}, 13},
		{sources.Window{From: from.Add(2 * time.Hour), To: to}, 12},
	} {
		f := newFake(t)
		f.on(historyStub(t, id, c.w, fixture(t, 200, "slo_history_recorded_no_data.json")))
		st, _ := f.source(t).FetchSLO(context.Background(), id, c.w)
		if len(st.History) != 1 || st.History[0].Len() != c.want {
			t.Errorf("window %s: history %v, want %d points", c.w, st.History, c.want)
		}
	}
}

func TestWhatCouldNotBeReadIsScrubbed(t *testing.T) {
	// A proxy that echoes the request into the answer, keys and all, in a
	// place nagame names in its warning (a threshold's timeframe).
	body := `{"data":{"thresholds":{"` + testAPIKey + `":{"timeframe":"x"}},"overall":{"sli_value":99.95}}}`
	w := windowOf(30 * 24 * time.Hour)
	f := newFake(t)
	f.on(historyStub(t, sloID, w, raw(200, "application/json", body)))
	st, err := f.source(t).FetchSLO(context.Background(), sloID, w)
	if err != nil || len(st.History) != 1 || len(st.History[0].Warnings) != 1 {
		t.Fatalf("FetchSLO = %+v, %v; want one warning", st, err)
	}
	if got := st.History[0].Warnings[0]; strings.Contains(got, testAPIKey[:6]) || !strings.Contains(got, "the REDACTED threshold") {
		t.Errorf("warning %q, want the key redacted", got)
	}
}
