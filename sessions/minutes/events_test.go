package minutes

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
)

// eventData is a latency panel's data over November with a flat line and
// the given events.
func eventData(events ...sources.Event) (*sessions.PanelData, agenda.Panel) {
	w := sources.Window{From: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	s := sources.Series{Name: "p95", Unit: "s", Step: time.Hour}
	for t := w.From; t.Before(w.To); t = t.Add(time.Hour) {
		s.Points = append(s.Points, sources.Point{T: t, V: 0.2 + 0.01*math.Sin(float64(t.Unix())/7200)})
	}
	d := &sessions.PanelData{Version: sessions.DataVersion, Panel: "latency", Kind: sources.KindLatency, Unit: "s",
		Current: sessions.Window{Window: w, Series: []sources.Series{s}, Events: events}}
	return d, agenda.Panel{ID: "latency", Kind: sources.KindLatency, Unit: "s"}
}

func TestPanelChartMarksTheDatasEventsUnlessToldOtherwise(t *testing.T) {
	d, p := eventData(sources.Event{At: time.Date(2026, 11, 10, 14, 10, 0, 0, time.UTC), Text: "deploy checkout v2.14.0", Source: "dd"})
	if got := ChartEvents(d); len(got) != 1 || got[0].Text != "deploy checkout v2.14.0" {
		t.Fatalf("ChartEvents = %+v", got)
	}
	// The TUI passes no Events: the data's are marked and listed.
	if got := PanelChart(d, p, ChartOptions{Width: 80, Height: 14}); !strings.Contains(got, "A  Nov 10 14:10  deploy checkout v2.14.0") {
		t.Errorf("the chart does not list the data's event:\n%s", got)
	}
	dr := PanelDrawing(d, p, ChartOptions{Width: 80, Height: 14, NoEventList: true})
	if len(dr.Markers) != 1 || strings.Contains(dr.String(), "deploy checkout") {
		t.Errorf("NoEventList: markers %+v, chart:\n%s", dr.Markers, dr.String())
	}
	// An empty list marks none.
	if dr := PanelDrawing(d, p, ChartOptions{Width: 80, Height: 14, Events: ChartEvents(&sessions.PanelData{})}); len(dr.Markers) != 0 {
		t.Errorf("markers %+v with Events: [], want none", dr.Markers)
	}
}

func TestEventMarkdownEscapesCountsAndWarns(t *testing.T) {
	d, p := eventData(
		sources.Event{At: time.Date(2026, 11, 10, 14, 10, 0, 0, time.UTC), Text: "deploy *checkout* [v2.14.0] <b>", Source: "dd"},
		sources.Event{At: time.Date(2026, 11, 10, 14, 40, 0, 0, time.UTC), Text: "# rollback", Source: "dd"},
		sources.Event{At: time.Date(2026, 11, 14, 10, 30, 0, 0, time.UTC), Text: "pool fix", Source: "files"},
	)
	d.Current.EventsMore = 7
	d.Current.Warnings = []string{"events from prom not shown: prometheus: 503 Service Unavailable"}
	dr := PanelDrawing(d, p, ChartOptions{Width: 72, Height: 12, NoEventList: true})
	pm := Panel{Current: windowMinutes(&d.Current), markers: dr.Markers}
	want := "Events (UTC):\n\n" +
		"- **A** Nov 10 14:10 — deploy \\*checkout\\* \\[v2.14.0\\] \\<b\\> · dd\n" +
		// Half an hour apart: one column, one letter.
		"- **A** Nov 10 14:40 — \\# rollback · dd\n" +
		"- **B** Nov 14 10:30 — pool fix · files\n" +
		"- +7 earlier events not shown"
	if got := eventMarkdown(pm); got != want {
		t.Errorf("events:\n%s\nwant:\n%s", got, want)
	}
	if got := warningMarkdown(pm.Current); got != "*Warning:* events from prom not shown: prometheus: 503 Service Unavailable" {
		t.Errorf("warnings: %q", got)
	}
	if got := eventMarkdown(Panel{Current: &Window{}}); got != "" {
		t.Errorf("no events: %q, want nothing", got)
	}
}

func TestMoreEventsText(t *testing.T) {
	for _, c := range []struct {
		w    sessions.Window
		want string
	}{
		{sessions.Window{}, ""},
		{sessions.Window{EventsMore: 1}, "+1 earlier event not shown"},
		{sessions.Window{EventsMore: 3}, "+3 earlier events not shown"},
		{sessions.Window{EventsMore: 950, EventsMoreAtLeast: true}, "+950 or more earlier events not shown"},
	} {
		if got := MoreEventsText(&c.w); got != c.want {
			t.Errorf("%+v: %q, want %q", c.w, got, c.want)
		}
	}
}
