package datadog

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

const sloID = "c7e9f1a2b3d4e5f60718293a4b5c6d7e"

// windowOf is a window of the given length ending where day ends.
func windowOf(d time.Duration) sources.Window {
	return sources.Window{From: day.To.Add(-d), To: day.To}
}

func historyStub(t *testing.T, id string, w sources.Window, reply http.HandlerFunc) *stub {
	return &stub{method: http.MethodGet, path: "/api/v1/slo/" + id + "/history", reply: reply,
		check: wantParams(map[string]string{
			"from_ts": strconv.FormatInt(w.From.Unix(), 10), "to_ts": strconv.FormatInt(w.To.Unix(), 10),
		})}
}

func TestFetchSLO(t *testing.T) {
	const (
		d7  = 7 * 24 * time.Hour
		d14 = 14 * 24 * time.Hour
		d30 = 30 * 24 * time.Hour
	)
	tests := []struct {
		name    string
		fixture string
		window  time.Duration
		// Fractions expected, computed by hand from the fixture.
		target, sli, budget float64
	}{
		{
			// 30d threshold 99.9 %, sli_value 99.95, error_budget_remaining {"30d": 50}.
			name: "a 30-day window reads the 30d threshold and budget", fixture: "slo_history_metric.json",
			window: d30, target: 0.999, sli: 0.9995, budget: 0.50,
		},
		{
			// 7d threshold 99.5 %, error_budget_remaining {"7d": 90}.
			name: "a 7-day window reads the 7d threshold and budget", fixture: "slo_history_metric.json",
			window: d7, target: 0.995, sli: 0.9995, budget: 0.90,
		},
		{
			// No 14d threshold: the SLO lists 30d first (the map's
			// shortest would be 7d), so 30d it is.
			name: "another window reads the SLO's first threshold", fixture: "slo_history_metric.json",
			window: d14, target: 0.999, sli: 0.9995, budget: 0.50,
		},
		{
			// No error_budget_remaining: 1 − (1 − 0.9995)/(1 − 0.999) = 1 − 0.0005/0.001 = 0.5.
			name: "without Datadog's budget it is computed", fixture: "slo_history_no_budget.json",
			window: d30, target: 0.999, sli: 0.9995, budget: 0.5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := windowOf(tt.window)
			f := newFake(t)
			f.on(historyStub(t, sloID, w, fixture(t, 200, tt.fixture)))
			st, err := f.source(t).FetchSLO(context.Background(), sloID, w)
			if err != nil {
				t.Fatalf("FetchSLO: %v", err)
			}
			if st.ID != sloID || st.Name != "checkout availability" {
				t.Errorf("ID, Name = %q, %q; want %q, checkout availability", st.ID, st.Name, sloID)
			}
			near(t, "Target", st.Target, tt.target)
			near(t, "SLI", st.SLI, tt.sli)
			near(t, "BudgetRemaining", st.BudgetRemaining, tt.budget)
			if len(st.History) != 1 {
				t.Fatalf("History has %d series, want 1", len(st.History))
			}
			h := st.History[0]
			if h.Unit != "%" || h.Step != 6*time.Hour {
				t.Errorf("History unit %q step %s, want %% and 6h (interval 21600 s)", h.Unit, h.Step)
			}
			// numerator/denominator: 999/1000, 1000/1000, 0/0 (a gap, not
			// 0 % nor 100 %), 1990/2000.
			assertPoints(t, h.Points, []sources.Point{
				pt(0, 99.9), pt(6*60, 100), pt(12*60, math.NaN()), pt(18*60, 99.5),
			})
		})
	}
}

func TestFetchSLOWithoutData(t *testing.T) {
	tests := []struct {
		name, id, fixture string
		wantName, wantMsg string
		wantTarget        float64
	}{
		{
			name: "zero denominator", id: sloID, fixture: "slo_history_no_data.json",
			wantName:   "checkout availability",
			wantMsg:    "SLO checkout availability has no SLI in this window: The denominator is zero valued (ZERO_VALUED_DENOMINATOR)",
			wantTarget: 0.999,
		},
		{
			name: "monitor without results", id: "7a19560f4a9957c3bd5f9091912dbf5e", fixture: "slo_history_monitor.json",
			wantName:   "checkout uptime",
			wantMsg:    "SLO checkout uptime has no SLI in this window: No results found for this monitor (NO_RESULTS)",
			wantTarget: 0.95,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := windowOf(30 * 24 * time.Hour)
			f := newFake(t)
			f.on(historyStub(t, tt.id, w, fixture(t, 200, tt.fixture)))
			st, err := f.source(t).FetchSLO(context.Background(), tt.id, w)
			if !errors.Is(err, ErrNoData) {
				t.Fatalf("error = %v, want one wrapping ErrNoData", err)
			}
			if se := asSourceError(t, err); se.Msg != tt.wantMsg || se.Temporary {
				t.Errorf("Msg = %q (temporary %v)\nwant  %q", se.Msg, se.Temporary, tt.wantMsg)
			}
			// The panel can still show what the SLO is.
			if st.Name != tt.wantName || !math.IsNaN(st.SLI) || !math.IsNaN(st.BudgetRemaining) {
				t.Errorf("status = %+v; want name %q, NaN SLI and budget", st, tt.wantName)
			}
			near(t, "Target", st.Target, tt.wantTarget)
		})
	}
}

func TestFetchSLONotFound(t *testing.T) {
	const id = "0000deadbeef"
	w := windowOf(30 * 24 * time.Hour)
	f := newFake(t)
	f.on(historyStub(t, id, w, fixture(t, 404, "slo_not_found.json")))
	st, err := f.source(t).FetchSLO(context.Background(), id, w)
	se := asSourceError(t, err)
	if want := "SLO 0000deadbeef not found; check the id in the agenda"; se.Msg != want {
		t.Errorf("Msg = %q, want %q", se.Msg, want)
	}
	if st.ID != id || st.Name != id {
		t.Errorf("status ID, Name = %q, %q; want the id for both", st.ID, st.Name)
	}
}

func TestFetchSLOWithoutIDMakesNoRequest(t *testing.T) {
	f := newFake(t)
	_, err := f.source(t).FetchSLO(context.Background(), "  ", windowOf(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "without an SLO id") {
		t.Fatalf("error = %v, want one about the missing id", err)
	}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
