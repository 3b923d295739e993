package demo

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/internal/eventtest"
)

// layout is how these tests write an event's time.
const layout = "Jan 2 15:04"

func TestEventsAreTheStorysDeploysAndConfigChange(t *testing.T) {
	// The anchor is Nov 22: the deploy is 12 days before at 14:10, the fix
	// 8 days before at 10:30, the configuration change 3 days before at
	// 14:02 (the incident starts at 14:05).
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	cur := between(a, -30*day, 0)
	tests := []struct {
		query string
		w     sources.Window
		want  []string
	}{
		{"tags:service:checkout", cur, []string{
			"Nov 3 15:30 deploy checkout v2.13.2",
			"Nov 10 14:10 deploy checkout v2.14.0",
			"Nov 14 10:30 deploy checkout v2.14.1 (connection pool fix)",
			"Nov 19 14:02 config: payment-gateway timeout 5s → 1s",
		}},
		{"sources:github  tags:service:checkout", cur, []string{
			"Nov 3 15:30 deploy checkout v2.13.2",
			"Nov 10 14:10 deploy checkout v2.14.0",
			"Nov 14 10:30 deploy checkout v2.14.1 (connection pool fix)",
		}},
		{"sources:kubernetes tags:service:checkout", cur, []string{"Nov 19 14:02 config: payment-gateway timeout 5s → 1s"}},
		{"tags:service:checkout", cur.Previous(), []string{
			"Oct 12 10:40 deploy checkout v2.13.0",
			"Oct 18 16:20 deploy checkout v2.13.1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := s.Events(context.Background(), sources.EventQuery{Expr: tt.query}, tt.w)
			if err != nil {
				t.Fatal(err)
			}
			if got := eventtest.Text(got, layout); got != strings.Join(tt.want, "\n") {
				t.Errorf("events:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestEventsLineUpWithTheLatencySteps(t *testing.T) {
	// The hour after each deploy differs from the hour before it: what the
	// room is asked to see on the chart.
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	l, err := s.Events(context.Background(), sources.EventQuery{Expr: "sources:github tags:service:checkout"}, between(a, -30*day, 0))
	if err != nil {
		t.Fatal(err)
	}
	var steps []float64
	for _, e := range l.Events {
		before := median(values(fetch(t, s, qP50, sources.Window{From: e.At.Add(-6 * time.Hour), To: e.At}, 360)))
		after := median(values(fetch(t, s, qP50, sources.Window{From: e.At, To: e.At.Add(6 * time.Hour)}, 360)))
		steps = append(steps, after/before)
	}
	if len(steps) != 3 || steps[0] < 0.9 || steps[0] > 1.1 || steps[1] < 1.2 || steps[2] > 0.8 {
		t.Errorf("p50 after/before each deploy: %.2f, want ≈1 (v2.13.2), >1.2 (v2.14.0), <0.8 (the fix)", steps)
	}
}

func TestEventsLimitKeepsTheLatest(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	got, err := s.Events(context.Background(), sources.EventQuery{Expr: "tags:service:checkout", Limit: 2}, between(a, -60*day, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 2 || got.More != 4 || got.Events[1].Text != "config: payment-gateway timeout 5s → 1s" {
		t.Errorf("got %v, %d more; want the last two, 4 more", eventtest.Lines(got, layout), got.More)
	}
}

func TestEventsRefusesUnknownQueriesAndBadWindows(t *testing.T) {
	s := newSource(t, 7, testNow)
	a := anchorOf(testNow)
	for _, c := range []struct {
		query string
		w     sources.Window
		want  string
	}{
		{"sources:jenkins", between(a, -day, 0), "the demo answers only: tags:service:checkout; sources:github tags:service:checkout"},
		{"tags:service:checkout", between(a, 0, -day), "empty window"},
		{"tags:service:checkout", between(a, -500*day, 0), "at most 400"},
	} {
		_, err := s.Events(context.Background(), sources.EventQuery{Expr: c.query}, c.w)
		var se *sources.Error
		if !errors.As(err, &se) || !strings.Contains(se.Msg, c.want) {
			t.Errorf("%s over %s: error %v, want one saying %q", c.query, c.w, err, c.want)
		}
	}
}
