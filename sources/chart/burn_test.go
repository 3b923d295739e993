package chart

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// The demo agenda's SLO panel as a burn-down: what a caller gets from the
// backend's SLO (sources.BurnOfSLO) and BurnDown, on the demo's month.
func TestGoldenDemoSLOBurnDown(t *testing.T) {
	now := time.Date(2026, 12, 2, 16, 19, 0, 0, time.UTC)
	src, err := demo.New(sources.Config{Type: sources.TypeDemo, Seed: 7}, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	w := sources.Window{From: now.Add(-30 * 24 * time.Hour), To: now}
	st, err := src.FetchSLO(context.Background(), "checkout-availability", w)
	if err != nil {
		t.Fatal(err)
	}
	b := sources.BurnOfSLO(st, w)
	got := BurnDown(b, Options{Width: 100, Height: 14}).String()
	golden(t, "demo-slo-burndown", got)
	// It ends where the panel's figure does, and the incident shows as a
	// drop late in the month.
	if !strings.Contains(got, "SLI 99.977 % · target 99.9 % · 76.5 % of the budget left") {
		t.Errorf("caption disagrees with the SLO panel's figures:\n%s", got)
	}
	if left := b.Left.Points[len(b.Left.Points)-1].V; left < 76.4 || left > 76.6 {
		t.Errorf("the burn-down ends at %v %%, the backend says 76.5 %%", left)
	}
}
