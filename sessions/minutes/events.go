package minutes

import (
	"fmt"
	"strings"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sources/chart"
)

// ChartEvents are the events a panel's chart marks: those its events
// queries found in the current window. PanelChart uses them unless
// ChartOptions.Events says otherwise.
func ChartEvents(d *sessions.PanelData) []chart.Event {
	if d == nil || len(d.Current.Events) == 0 {
		return []chart.Event{}
	}
	out := make([]chart.Event, len(d.Current.Events))
	for i, e := range d.Current.Events {
		out[i] = chart.Event{At: e.At, Text: e.Text}
	}
	return out
}

// MoreEventsText says how many events were found but not kept ("+3 earlier
// events not shown"); "" when none.
func MoreEventsText(w *sessions.Window) string {
	if w == nil {
		return ""
	}
	return moreText(w.EventsMore, w.EventsMoreAtLeast)
}

func moreText(more int, atLeast bool) string {
	if more <= 0 {
		return ""
	}
	n := fmt.Sprint(more)
	if atLeast {
		n += " or more"
	}
	word := "events"
	if more == 1 && !atLeast {
		word = "event"
	}
	return fmt.Sprintf("+%s earlier %s not shown", n, word)
}

// eventMarkdown lists the events under a panel's chart, with the letters
// the chart marks them with (events closer than a column share one); times
// are UTC, as the chart's.
func eventMarkdown(p Panel) string {
	if len(p.markers) == 0 {
		return ""
	}
	cur := p.Current
	var b strings.Builder
	b.WriteString("Events (UTC):\n")
	for i, m := range p.markers {
		src := ""
		// The markers are the window's events in their order.
		if len(p.markers) == len(cur.Events) && cur.Events[i].Source != "" {
			src = " · " + mdInline(cur.Events[i].Source)
		}
		fmt.Fprintf(&b, "\n- **%s** %s — %s%s", m.Letter, m.Event.At.UTC().Format("Jan 2 15:04"), mdInline(m.Event.Text), src)
	}
	if more := moreText(cur.EventsMore, cur.EventsMoreAtLeast); more != "" {
		b.WriteString("\n- " + mdEscape(more))
	}
	return b.String()
}

// warningMarkdown is what the backends said besides the data, and which
// events queries failed, one line each.
func warningMarkdown(w *Window) string {
	lines := make([]string, len(w.Warnings))
	for i, warn := range w.Warnings {
		lines[i] = "*Warning:* " + mdInline(warn)
	}
	return strings.Join(lines, "\\\n")
}
