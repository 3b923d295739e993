package sessions

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// inMillis answers like a backend that reports latency in milliseconds (a
// Datadog metric with unit "millisecond"), whatever unit it is asked for:
// 1,000 points of 92 ms, and 285 of them at 400 ms.
type inMillis struct{ asked *string }

func (m inMillis) Fetch(_ context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	*m.asked = q.Unit
	step := w.Duration() / 1000
	s := sources.Series{Name: "p95", Unit: "ms", Step: step}
	for i := range 1000 {
		v := 92.0
		if i%7 < 2 {
			v = 400
		}
		s.Points = append(s.Points, sources.Point{T: w.From.Add(time.Duration(i) * step), V: v})
	}
	return []sources.Series{s}, nil
}

// TestTheBackendsUnitWinsWhenTheAgendaHasNone is the unit rule: a latency
// panel without unit: whose backend reports ms shows ms everywhere, and its
// 300ms objective is compared in ms (2 of every 7 buckets over it: 71.4 %
// met), not as 300 ms = 0.3 against values in ms (which read "0 % met").
func TestTheBackendsUnitWinsWhenTheAgendaHasNone(t *testing.T) {
	for _, tt := range []struct {
		name, unit, want string
		asked, last      string
		scale            float64
	}{
		{name: "no unit: the backend's ms", unit: "", want: "ms", asked: "", scale: 1},
		{name: "unit: s converts the backend's ms", unit: "unit: s\n    ", want: "s", asked: "s", scale: 0.001},
		{name: "unit: ms as reported", unit: "unit: ms\n    ", want: "ms", asked: "ms", scale: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := agenda.Parse("u.yaml", []byte(`version: 1
title: units
window: 1d
compare: none
panels:
  - id: latency
    kind: latency
    query: "p95:trace.http.request{service:checkout}"
    `+tt.unit+`objective: {threshold: 300ms, target: 99%}
`), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			var asked string
			d := FetchPanel(context.Background(), fetchRequest(t, a, "latency", inMillis{asked: &asked}))
			if d.Failed() {
				t.Fatal(d.Err())
			}
			if asked != tt.asked {
				t.Errorf("the query asked for unit %q, want %q (the agenda's, not the kind's default)", asked, tt.asked)
			}
			if d.Unit != tt.want || d.Current.Unit != tt.want {
				t.Errorf("unit %q / %q, want %q", d.Unit, d.Current.Unit, tt.want)
			}
			for _, f := range d.Current.Summary.Figures {
				if f.Unit != tt.want {
					t.Errorf("figure %s in %q, want %q", f.Key, f.Unit, tt.want)
				}
			}
			p95 := d.Current.Summary.Head()
			if math.Abs(p95.Value-400*tt.scale) > 1e-9 {
				t.Errorf("p95 = %v %s, want %v", p95.Value, p95.Unit, 400*tt.scale)
			}
			slo := d.Current.SLO
			if slo == nil || math.Abs(slo.SLI-5.0/7) > 0.01 {
				t.Fatalf("SLO = %+v, want an SLI of 5/7 (71.4 %%)", slo)
			}
			if slo.BudgetRemaining < -30 || slo.BudgetRemaining > -20 {
				t.Errorf("budget left %v: 28.6 %% missed of a 1 %% budget is about −27.6", slo.BudgetRemaining)
			}
		})
	}
}
