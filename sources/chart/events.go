package chart

import (
	"fmt"
	"slices"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// Event is something that happened in the window (a deploy, an incident):
// the chart marks it with a letter under the time axis and lists it below.
type Event struct {
	At time.Time
	// Text says what happened, short ("deploy checkout v2.3.1"); control
	// characters are removed.
	Text string
}

// Marker is an event as a chart drew it: its letter, shared by the events
// that fall in one column, and that column (0 is the first data column).
type Marker struct {
	Letter string
	Column int
	Event  Event
}

// letters are the markers' letters, in order; more events than letters
// share the last one.
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz*"

// markersOf letters the events inside w by time: each column with events
// gets the next letter, so events closer than a column share one. Events
// outside w are dropped.
func markersOf(events []Event, w sources.Window, cols int) []Marker {
	if cols < 1 || w.Duration() <= 0 {
		return nil
	}
	var in []Event
	for _, e := range events {
		if w.Contains(e.At) {
			in = append(in, Event{At: e.At, Text: clean(e.Text)})
		}
	}
	slices.SortStableFunc(in, func(a, b Event) int { return a.At.Compare(b.At) })
	out := make([]Marker, 0, len(in))
	next := -1
	for _, e := range in {
		col := int(int64(e.At.Sub(w.From)) * int64(cols) / int64(w.Duration()))
		if len(out) == 0 || out[len(out)-1].Column != col {
			next = min(next+1, len(letters)-1)
		}
		out = append(out, Marker{Letter: letters[next : next+1], Column: col, Event: e})
	}
	return out
}

// markerRow is the row of letters, one at each marked column.
func markerRow(ms []Marker, gutter, width int, color bool) string {
	row := make([]string, 0, width)
	for range gutter {
		row = append(row, " ")
	}
	for _, m := range ms {
		at := gutter + m.Column
		if at >= width {
			continue
		}
		for len(row) <= at {
			row = append(row, " ")
		}
		row[at] = m.Letter
		if color {
			row[at] = markerColor + m.Letter + "\x1b[0m"
		}
	}
	return trimRight(row)
}

// eventLayout is how an event's time reads in the list.
const eventLayout = "Jan 2 15:04"

// EventRows is the list under a chart, one event a row ("A  Nov 12 14:05
// deploy checkout v2.3.1", times in loc, nil is UTC), each at most width
// cells, in at most maxRows rows: the last one says how many more there
// are when they do not all fit.
func EventRows(ms []Marker, loc *time.Location, width, maxRows int) []string {
	if maxRows < 1 {
		return nil
	}
	if loc == nil {
		loc = time.UTC
	}
	var out []string
	for i, m := range ms {
		if len(out) == maxRows-1 && len(ms)-i > 1 {
			out = append(out, clip(fmt.Sprintf("+%d more events", len(ms)-i), width))
			break
		}
		out = append(out, clip(m.Letter+"  "+m.Event.At.In(loc).Format(eventLayout)+"  "+m.Event.Text, width))
	}
	return out
}
