package sources

import (
	"testing"
)

func TestDirectionOf(t *testing.T) {
	tests := []struct {
		kind   Kind
		better string
		want   Direction
	}{
		{KindLatency, "", LowerIsBetter},
		{KindErrors, "", LowerIsBetter},
		{KindLoad, "", Neutral},
		{KindLoad, "higher", Neutral}, // better: is only for custom panels
		{KindSLO, "", HigherIsBetter},
		{KindCustom, "lower", LowerIsBetter},
		{KindCustom, "higher", HigherIsBetter},
		{KindCustom, "", Neutral},
		{Kind("weird"), "lower", Neutral},
	}
	for _, tt := range tests {
		if got := DirectionOf(tt.kind, tt.better); got != tt.want {
			t.Errorf("DirectionOf(%q, %q) = %v, want %v", tt.kind, tt.better, got, tt.want)
		}
	}
}

func summaryOf(kind Kind, head string, figs ...Figure) Summary {
	return Summary{Kind: kind, Headline: head, Figures: figs, Valid: 1}
}

func TestCompareGivesEachFigureItsVerdict(t *testing.T) {
	cur := summaryOf(KindLatency, "p95",
		Figure{Key: "p50", Value: 100},
		Figure{Key: "p95", Value: 200},
		Figure{Key: "max", Value: 500},
		Figure{Key: "last", Value: gap},
		Figure{Key: "new", Value: 1}, // not in prev: skipped
	)
	prev := summaryOf(KindLatency, "p95",
		Figure{Key: "max", Value: 400}, // a different order: cur's wins
		Figure{Key: "p95", Value: 250},
		Figure{Key: "p50", Value: 100.5},
		Figure{Key: "last", Value: 100},
	)
	got := Compare(cur, prev, LowerIsBetter)
	want := []struct {
		key      string
		abs, pct float64
		verdict  Verdict
	}{
		{"p50", -0.5, -0.5 / 100.5 * 100, Same}, // −0.4975 %: under 1 %
		{"p95", -50, -20, Better},               // −50 / 250
		{"max", 100, 25, Worse},                 // +100 / 400
		{"last", gap, gap, Undecided},           // no current value
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		c := got[i]
		if c.Key != w.key || !near(c.Abs, w.abs) || !near(c.Pct, w.pct) || c.Verdict != w.verdict {
			t.Errorf("change %d = %s abs %v pct %v %s, want %s abs %v pct %v %s",
				i, c.Key, c.Abs, c.Pct, c.Verdict, w.key, w.abs, w.pct, w.verdict)
		}
	}
}

func TestCompareErrorsTreatsMoreRequestsAsNeutral(t *testing.T) {
	cur := summaryOf(KindErrors, "error_pct",
		Figure{Key: "errors", Value: 120},
		Figure{Key: "total", Value: 15000},
		Figure{Key: "error_pct", Value: 0.8},
	)
	prev := summaryOf(KindErrors, "error_pct",
		Figure{Key: "errors", Value: 100},
		Figure{Key: "total", Value: 10000},
		Figure{Key: "error_pct", Value: 1},
	)
	got := Compare(cur, prev, DirectionOf(KindErrors, ""))
	verdicts := map[string]Verdict{}
	for _, c := range got {
		verdicts[c.Key] = c.Verdict
	}
	// errors +20 %: worse; requests +50 %: just a change; share −20 %: better
	want := map[string]Verdict{"errors": Worse, "total": Changed, "error_pct": Better}
	for k, v := range want {
		if verdicts[k] != v {
			t.Errorf("%s: verdict %q, want %q", k, verdicts[k], v)
		}
	}
}

func TestCompareEdgeCases(t *testing.T) {
	tests := []struct {
		name       string
		cur, prev  float64
		dir        Direction
		wantPct    float64
		wantResult Verdict
	}{
		{"load growth is a change", 110, 100, Neutral, 10, Changed},
		{"higher is better", 99.9, 99, HigherIsBetter, 0.9 / 99 * 100, Same}, // +0.91 %: under 1 %
		{"slo drop is worse", 95, 99, HigherIsBetter, -4 / 99.0 * 100, Worse},
		{"from zero the sign decides", 3, 0, LowerIsBetter, gap, Worse},
		{"to zero is better", 0, 3, LowerIsBetter, -100, Better},
		{"both zero", 0, 0, LowerIsBetter, gap, Same},
		{"negative values: pct of |prev|", -5, -10, HigherIsBetter, 50, Better}, // +5 / 10
		{"no previous data", 1, gap, LowerIsBetter, gap, Undecided},
		{"exactly 1 % is not same", 101, 100, LowerIsBetter, 1, Worse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := change(Figure{Key: "k", Value: tt.cur}, Figure{Key: "k", Value: tt.prev}, tt.dir)
			if !near(c.Pct, tt.wantPct) || c.Verdict != tt.wantResult {
				t.Errorf("pct %v verdict %q, want %v %q", c.Pct, c.Verdict, tt.wantPct, tt.wantResult)
			}
		})
	}
}

func TestHeadlineChange(t *testing.T) {
	cur := summaryOf(KindLatency, "p95", Figure{Key: "p95", Label: "p95", Unit: "s", Value: 0.2})
	prev := summaryOf(KindLatency, "p95", Figure{Key: "p95", Value: 0.25})
	c, ok := HeadlineChange(cur, prev, LowerIsBetter)
	if !ok || c.Key != "p95" || c.Unit != "s" || c.Verdict != Better || !near(c.Pct, -20) {
		t.Errorf("HeadlineChange = %+v, %v; want p95 −20 %% better", c, ok)
	}
	if _, ok := HeadlineChange(cur, summaryOf(KindLatency, "p95"), LowerIsBetter); ok {
		t.Error("a previous summary without the headline figure must give false")
	}
	if _, ok := HeadlineChange(summaryOf(KindLatency, "p95"), prev, LowerIsBetter); ok {
		t.Error("a current summary without its headline figure must give false")
	}
}
