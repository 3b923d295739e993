package sources

import (
	"context"
	"slices"
	"time"
)

// MaxEvents is how many events one events query keeps by default: a chart
// letters them A…Z, a…z, and past a few dozen nobody reads the list.
const MaxEvents = 50

// Event is something that happened (a deploy, a config change, an
// incident) that a chart marks under its time axis.
type Event struct {
	At time.Time `json:"at"`
	// Text says what happened, short ("deploy checkout v2.3.1"), as the
	// backend wrote it: callers clean it before showing it.
	Text string `json:"text"`
	// Source is the agenda's name of the source that listed the event
	// ("dd"); the caller that asked sets it.
	Source string `json:"source,omitempty"`
}

// EventQuery is one entry of an agenda's events: list.
type EventQuery struct {
	// Panel is the panel the events are for, for messages.
	Panel string
	// Expr is the query in the backend's language (Datadog's "sources:github
	// tags:service:checkout", a PromQL expression whose rise marks an event),
	// or a file name for the file source.
	Expr string
	// Text names a Prometheus event from its series' labels: "{{version}}".
	// Other backends ignore it.
	Text string
	// Limit is how many events to keep (the latest ones); MaxEvents when 0.
	Limit int
}

// EventList is what an events query found in a window.
type EventList struct {
	// Events in time order, at most the query's Limit: the latest ones.
	Events []Event
	// More counts the events found but left out (the earliest), past the
	// limit; AtLeast marks More as a lower bound (the backend stopped
	// counting).
	More    int
	AtLeast bool
	// Warnings are what the backend said about the answer besides the
	// events, worded for people.
	Warnings []string
}

// EventSource is a Source that can also list events over a window.
type EventSource interface {
	// Events lists what q finds in w. No events and a nil error means
	// nothing happened there: not an error.
	Events(ctx context.Context, q EventQuery, w Window) (EventList, error)
}

// LimitEvents sorts events by time and keeps those inside w, the latest
// limit of them (MaxEvents when limit ≤ 0); the list counts the rest.
func LimitEvents(events []Event, w Window, limit int) EventList {
	if limit <= 0 {
		limit = MaxEvents
	}
	in := make([]Event, 0, len(events))
	for _, e := range events {
		if w.Contains(e.At) {
			in = append(in, e)
		}
	}
	slices.SortStableFunc(in, func(a, b Event) int { return a.At.Compare(b.At) })
	out := EventList{Events: in}
	if len(in) > limit {
		out.More = len(in) - limit
		out.Events = slices.Clone(in[len(in)-limit:])
	}
	return out
}
