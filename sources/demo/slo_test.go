package demo

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

func TestAvailabilitySLOIsComputedFromTheRequests(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	w := between(a, -30*day, 0)
	st, err := s.FetchSLO(context.Background(), " checkout-availability ", w)
	if err != nil {
		t.Fatal(err)
	}
	e, h := sum(values(fetch(t, s, qErrors, w, 30))), sum(values(fetch(t, s, qHits, w, 30)))
	wantSLI := 1 - e/h
	// Budget 1 − 0.999 = 0.001; consumed = (e/h) / 0.001.
	wantBudget := 1 - (e/h)/0.001
	if st.ID != "checkout-availability" || st.Target != 0.999 || st.Name == "" {
		t.Errorf("ID %q, target %v, name %q", st.ID, st.Target, st.Name)
	}
	if math.Abs(st.SLI-wantSLI) > 1e-12 || math.Abs(st.BudgetRemaining-wantBudget) > 1e-9 {
		t.Errorf("SLI %.7f, budget left %.5f; want %.7f and %.5f", st.SLI, st.BudgetRemaining, wantSLI, wantBudget)
	}
	// 0.02 % of errors spends 20 % of the budget, the incident some more.
	if st.BudgetRemaining < 0.6 || st.BudgetRemaining > 0.8 {
		t.Errorf("budget left %.3f, want 0.6 … 0.8", st.BudgetRemaining)
	}
	if len(st.History) != 1 {
		t.Fatalf("%d history series, want 1", len(st.History))
	}
	hist := st.History[0]
	if hist.Unit != "%" || hist.Step != 24*time.Hour || hist.Len() != 30 {
		t.Fatalf("history: %d points of %q every %s, want 30 daily points in %%", hist.Len(), hist.Unit, hist.Step)
	}
	incident := a.Add(-3 * day)
	for _, p := range hist.Points {
		if p.T.Equal(incident) {
			if p.V > 99.9 {
				t.Errorf("incident day SLI %.3f %%, want below 99.9 %%", p.V)
			}
		} else if p.V < 99.97 || p.V > 99.99 {
			t.Errorf("%s: SLI %.3f %%, want ≈ 99.98 %%", p.T.Format("01-02"), p.V)
		}
	}
}

func TestLatencySLOCountsTheMinutesUnder300ms(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	st, err := s.FetchSLO(context.Background(), "checkout-latency", between(a, -30*day, 0))
	if err != nil {
		t.Fatal(err)
	}
	if st.Target != 0.99 {
		t.Errorf("target %v, want 0.99", st.Target)
	}
	// Each day's SLI is the share of its minutes whose p95 ≤ 300 ms.
	for _, p := range st.History[0].Points {
		minutes := fetch(t, s, qP95, between(p.T, 0, day), 1440)
		good, total := 0, 0
		for _, v := range values(minutes) {
			total++
			if v <= 0.3 {
				good++
			}
		}
		if want := 100 * float64(good) / float64(total); math.Abs(p.V-want) > 1e-9 {
			t.Errorf("%s: SLI %.4f %%, want %d/%d = %.4f %%", p.T.Format("01-02"), p.V, good, total, want)
		}
		// The regressed release breaches 300 ms at busy hours.
		regressed := !p.T.Before(a.Add(-11*day)) && p.T.Before(a.Add(-8*day))
		if regressed && p.V > 99 {
			t.Errorf("%s: SLI %.2f %% while regressed, want below the 99 %% target", p.T.Format("01-02"), p.V)
		}
	}
	if st.SLI < 0.99 || st.SLI > 0.999 || st.BudgetRemaining < 0 || st.BudgetRemaining > 0.9 {
		t.Errorf("SLI %.4f, budget left %.3f; want met but dented", st.SLI, st.BudgetRemaining)
	}
}

func TestFetchSLORejectsAnUnknownID(t *testing.T) {
	s := newSource(t, 7, testNow)
	_, err := s.FetchSLO(context.Background(), "abc123def", between(anchorOf(testNow), -day, 0))
	var se *sources.Error
	if !errors.As(err, &se) || se.Backend != "demo" {
		t.Fatalf("err = %v, want a demo *sources.Error", err)
	}
	for _, id := range SLOs() {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("%q does not list %q", err, id)
		}
	}
}

func TestFetchSLOOfAWindowWithoutAMinuteIsUnknown(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	st, err := s.FetchSLO(context.Background(), "checkout-latency", sources.Window{From: a.Add(time.Second), To: a.Add(2 * time.Second)})
	if err != nil || !math.IsNaN(st.SLI) || !math.IsNaN(st.BudgetRemaining) || st.Target != 0.99 {
		t.Errorf("FetchSLO = %+v, %v; want NaN SLI and budget with the target", st, err)
	}
	if _, err := s.FetchSLO(context.Background(), "checkout-latency", between(a, -500*day, 0)); err == nil {
		t.Error("FetchSLO over 500 days succeeded, want the 400-day limit")
	}
}
