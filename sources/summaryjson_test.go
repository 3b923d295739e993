package sources

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestSummaryJSONWritesNaNAsNullAndReadsItBack(t *testing.T) {
	in := Summary{
		Kind:     KindLatency,
		Headline: "p95",
		Figures: []Figure{
			{Key: "p95", Label: "p95", Value: 0.142, Unit: "s"},
			{Key: "max", Label: "max", Value: math.NaN(), Unit: "s"},
			{Key: "peak", Label: "peak", Value: 3, At: time.Date(2026, 10, 23, 10, 2, 0, 0, time.UTC)},
		},
		Valid: 3, Missing: 1,
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	js := string(b)
	for _, want := range []string{`"value":0.142`, `"value":null`, `"at":"2026-10-23T10:02:00Z"`, `"unit":"s"`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON %s lacks %s", js, want)
		}
	}
	if strings.Count(js, `"at"`) != 1 {
		t.Errorf("JSON %s: a zero At must be omitted", js)
	}
	var out Summary
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if len(out.Figures) != 3 || out.Valid != 3 || out.Missing != 1 || out.Headline != "p95" {
		t.Fatalf("round trip: %+v", out)
	}
	for i, f := range out.Figures {
		w := in.Figures[i]
		if f.Key != w.Key || f.Label != w.Label || f.Unit != w.Unit || !f.At.Equal(w.At) || !near(f.Value, w.Value) {
			t.Errorf("figure %d: %+v, want %+v", i, f, w)
		}
	}
}

func TestChangeJSONRoundTrip(t *testing.T) {
	in := []Change{
		change(Figure{Key: "p95", Label: "p95", Unit: "s", Value: 0.2}, Figure{Value: 0.25}, LowerIsBetter),
		change(Figure{Key: "errors", Value: 3}, Figure{Value: 0}, LowerIsBetter), // Pct NaN
		change(Figure{Key: "max", Value: math.NaN()}, Figure{Value: 1}, LowerIsBetter),
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var out []Change
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	for i, c := range out {
		w := in[i]
		if c.Key != w.Key || c.Label != w.Label || c.Unit != w.Unit || c.Verdict != w.Verdict ||
			!near(c.Cur, w.Cur) || !near(c.Prev, w.Prev) || !near(c.Abs, w.Abs) || !near(c.Pct, w.Pct) {
			t.Errorf("change %d: %+v, want %+v", i, c, w)
		}
	}
	if !strings.Contains(string(b), `"pct":null`) || !strings.Contains(string(b), `"current":0.2`) {
		t.Errorf("JSON %s: want null for NaN and the stored field names", b)
	}
}

func TestSLOResultJSONRoundTripWithInfinity(t *testing.T) {
	in := RequestSLO(10, 1000, 1) // a 100 % target missed: infinite budget use
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var out SLOResult
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if out.Method != MethodRequest || out.Met || !near(out.SLI, 0.99) || out.Good != 990 || out.Total != 1000 {
		t.Errorf("round trip: %+v", out)
	}
	// ±Inf and NaN were written as null and come back as NaN.
	for name, v := range map[string]float64{"threshold": out.Threshold, "consumed": out.BudgetConsumed, "remaining": out.BudgetRemaining, "burn": out.BurnRate} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN", name, v)
		}
	}
}

func TestMissingNumbersReadAsNaN(t *testing.T) {
	var f Figure
	if err := json.Unmarshal([]byte(`{"key":"p95"}`), &f); err != nil {
		t.Fatal(err)
	}
	if f.Key != "p95" || !math.IsNaN(f.Value) {
		t.Errorf("got %+v, want p95 with NaN", f)
	}
	var r SLOResult
	if err := json.Unmarshal([]byte(`{"method":"backend","sli":0.999}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.SLI != 0.999 || !math.IsNaN(r.Target) || !math.IsNaN(r.BurnRate) {
		t.Errorf("got %+v, want SLI 0.999 and NaN elsewhere", r)
	}
	if err := json.Unmarshal([]byte(`{"value":"fast"}`), &f); err == nil {
		t.Error("a string value must be an error")
	}
}
