package sources

import (
	"strings"
	"testing"
	"time"
)

func TestResolveUnitRule(t *testing.T) {
	tests := []struct {
		name                         string
		declared, reported, fallback string
		want                         PanelUnit
		note                         bool
	}{
		{"the backend's unit when the agenda has none", "", "ms", "s", PanelUnit{Unit: "ms", Scale: 1}, false},
		{"the agenda's unit wins, converted", "s", "ms", "s", PanelUnit{Unit: "s", Scale: 0.001}, false},
		{"and the other way", "ms", "s", "s", PanelUnit{Unit: "ms", Scale: 1000}, false},
		{"µs into ms", "ms", "µs", "s", PanelUnit{Unit: "ms", Scale: 0.001}, false},
		{"the same unit", "req/s", "req/s", "", PanelUnit{Unit: "req/s", Scale: 1}, false},
		{"the agenda's unit when the backend has none", "ms", "", "s", PanelUnit{Unit: "ms", Scale: 1}, false},
		{"the kind's default when nobody says", "", "", "s", PanelUnit{Unit: "s", Scale: 1}, false},
		{"a plain number", "", "", "", PanelUnit{Unit: "", Scale: 1}, false},
		{"units that do not convert: the agenda, with a note", "%", "req/s", "", PanelUnit{Unit: "%", Scale: 1}, true},
	}
	for _, tt := range tests {
		got := ResolveUnit(tt.declared, tt.reported, tt.fallback)
		if got.Unit != tt.want.Unit || got.Scale != tt.want.Scale || (got.Note != "") != tt.note {
			t.Errorf("%s: %+v, want %+v (note %v)", tt.name, got, tt.want, tt.note)
		}
	}
}

func TestConvertUnitIsExactForTimeUnits(t *testing.T) {
	for _, tt := range []struct {
		v        float64
		from, to string
		want     float64
		ok       bool
	}{
		{0.3, "s", "ms", 300, true},
		{300, "ms", "s", 0.3, true},
		{1500, "µs", "ms", 1.5, true},
		{2, "min", "s", 120, true},
		{0.3, "", "ms", 0.3, true}, // a plain number is in the panel's unit
		{5, "%", "%", 5, true},
		{5, "%", "req/s", 5, false},
	} {
		got, ok := ConvertUnit(tt.v, tt.from, tt.to)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ConvertUnit(%v, %q, %q) = %v %v, want %v %v", tt.v, tt.from, tt.to, got, ok, tt.want, tt.ok)
		}
	}
}

// msLatency is a latency series as a backend in milliseconds reports it:
// 20,000 one-minute buckets at 92 ms, of which the first bad are over the
// 300 ms threshold (at 450 ms).
func msLatency(bad int) Series {
	s := Series{Name: "p95", Unit: "ms", Step: time.Minute}
	for i := range 20_000 {
		v := 92.0
		if i < bad {
			v = 450
		}
		s.Points = append(s.Points, Point{T: at(i), V: v})
	}
	return s
}

// The case of issue #10.7: a latency panel without unit: (the agenda
// defaults latency to seconds and parses "300ms" as 0.3) on a backend that
// reports milliseconds. Without the rule the threshold is compared with
// milliseconds and every bucket misses it.
func TestUnitRuleWithABackendInMillisecondsAndNoUnitInTheAgenda(t *testing.T) {
	series := []Series{msLatency(143)} // 143 of 20,000 = 0.715 %: 71.5 % of a 1 % budget
	const kindDefault = "s"
	threshold, err := ParseQuantity("300ms", kindDefault) // what the agenda loader does today
	if err != nil || threshold != 0.3 {
		t.Fatalf("threshold %v %v", threshold, err)
	}

	// Before: the threshold in s against values in ms.
	before, _ := SLOFor(KindLatency, Gauge, threshold, true, 0.99, series, nil)
	if before.SLI != 0 || before.BudgetConsumed < 99 {
		t.Fatalf("the bug is gone by itself? %+v", before)
	}

	// The rule: the backend's unit, and the threshold brought into it.
	u := ResolveUnit("", ReportedUnit(series), kindDefault)
	if u.Unit != "ms" || u.Scale != 1 {
		t.Fatalf("unit %+v, want ms as reported", u)
	}
	th, ok := ConvertUnit(threshold, kindDefault, u.Unit)
	if !ok || th != 300 {
		t.Fatalf("threshold %v %v, want 300 ms", th, ok)
	}
	lines := u.Apply(series)
	res, _ := SLOFor(KindLatency, Gauge, th, true, 0.99, lines, nil)
	if !near(res.BudgetConsumed, 0.715) || !near(res.SLI, 1-0.00715) || res.Met != true {
		t.Errorf("SLO %+v, want 71.5 %% of the budget used, met", res)
	}
	sum := Summarize(KindLatency, Gauge, lines, nil)
	p95, _ := sum.Figure("p95")
	if got := FormatValue(p95.Value, p95.Unit); got != "92 ms" {
		t.Errorf("p95 reads %q, want 92 ms", got)
	}
	if got := FormatValue(th, u.Unit); got != "300 ms" {
		t.Errorf("the threshold reads %q, want 300 ms", got)
	}
	for _, tick := range []float64{0, 100, 200, 300, 400} {
		if got := FormatTick(tick, 100, u.Unit, 400); !strings.HasSuffix(got, " ms") {
			t.Errorf("axis label %q, want it in ms like the figures", got)
		}
	}

	// The agenda's unit: s wins: the values are converted, the threshold
	// stays in s, and the budget is the same.
	u = ResolveUnit("s", ReportedUnit(series), kindDefault)
	lines = u.Apply(series)
	if last := len(series[0].Points) - 1; lines[0].Points[last].V != 0.092 || series[0].Points[last].V != 92 || lines[0].Unit != "s" {
		t.Errorf("converted %v %s (input %v), want 0.092 s and the input untouched", lines[0].Points[last].V, lines[0].Unit, series[0].Points[last].V)
	}
	th, _ = ConvertUnit(threshold, kindDefault, u.Unit)
	res, _ = SLOFor(KindLatency, Gauge, th, true, 0.99, lines, nil)
	if !near(res.BudgetConsumed, 0.715) {
		t.Errorf("in s: %v of the budget used, want 0.715", res.BudgetConsumed)
	}
}
