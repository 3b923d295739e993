package sessions

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/text"
)

// maxEventText is the most cells of an event's text kept: a Datadog event
// title can be a paragraph, a list row is one line.
const maxEventText = 120

// EventRequest is one events query of a panel with the source that answers
// it, copied like the rest of a FetchRequest.
type EventRequest struct {
	Spec agenda.EventSpec
	// Source lists the events; nil when it could not be opened (SourceErr
	// says why).
	Source    sources.Source
	SourceErr error
}

// windowEvents is what a panel's events queries found in one window.
type windowEvents struct {
	events []sources.Event
	more   int
	// atLeast: more is a lower bound.
	atLeast bool
	// warnings say which queries failed, and what the backends said besides.
	warnings []string
}

// fetchEvents runs every events query of r over w, at the same time, and
// merges what they found: in time order, each event once (two queries may
// find the same deploy), the latest sources.MaxEvents kept. A query that
// fails is a warning: the chart is shown without its events.
func fetchEvents(ctx context.Context, r FetchRequest, w sources.Window) windowEvents {
	lists := make([]sources.EventList, len(r.Events))
	errs := make([]error, len(r.Events))
	var wg sync.WaitGroup
	for i, er := range r.Events {
		wg.Go(func() { lists[i], errs[i] = listEvents(ctx, r.Panel.ID, er, w) })
	}
	wg.Wait()
	var (
		out windowEvents
		all []sources.Event
	)
	seen := map[sources.Event]bool{}
	for i, l := range lists {
		name := r.Events[i].Spec.Source
		if errs[i] != nil {
			out.warnings = append(out.warnings, eventsFailure(name, errs[i]))
			continue
		}
		for _, warn := range l.Warnings {
			out.warnings = append(out.warnings, fmt.Sprintf("events from %s: %s", name, warn))
		}
		out.more += l.More
		out.atLeast = out.atLeast || l.AtLeast
		for _, e := range l.Events {
			e = sources.Event{At: e.At.UTC(), Text: eventText(e.Text), Source: name}
			if !seen[e] {
				seen[e] = true
				all = append(all, e)
			}
		}
	}
	merged := sources.LimitEvents(all, w, sources.MaxEvents)
	out.events, out.more = merged.Events, out.more+merged.More
	return out
}

// listEvents runs one events query.
func listEvents(ctx context.Context, panel string, er EventRequest, w sources.Window) (sources.EventList, error) {
	if er.Source == nil {
		if er.SourceErr != nil {
			return sources.EventList{}, er.SourceErr
		}
		return sources.EventList{}, fmt.Errorf("source %q is not available", er.Spec.Source)
	}
	es, ok := er.Source.(sources.EventSource)
	if !ok {
		return sources.EventList{}, fmt.Errorf("source %q cannot list events", er.Spec.Source)
	}
	q := sources.EventQuery{Panel: panel, Expr: er.Spec.Query, Text: er.Spec.Text, Limit: sources.MaxEvents}
	return es.Events(ctx, q, w)
}

// eventsFailure words a failed events query for the warning beside the
// chart: the chart itself is fine.
func eventsFailure(source string, err error) string {
	msg := fmt.Sprintf("events from %s not shown: %s", source, err)
	if hint := sources.HintOf(err); hint != "" {
		msg += "; " + hint
	}
	return msg
}

// eventText is an event's text as a list row shows it: one line, no
// control characters, clipped.
func eventText(s string) string {
	s = text.Clip(text.Line(s), maxEventText)
	if s == "" {
		return "(no text)"
	}
	return s
}

// eventRequests pairs a panel's events queries with their sources.
func (s Sources) eventRequests(p agenda.Panel) []EventRequest {
	if len(p.Events) == 0 {
		return nil
	}
	out := make([]EventRequest, len(p.Events))
	for i, spec := range p.Events {
		out[i] = EventRequest{Spec: spec, Source: s.Open[spec.Source], SourceErr: s.Failed[spec.Source]}
	}
	return out
}

// withEvents adds what the events queries found to a fetched window.
func (w *Window) withEvents(ev windowEvents) {
	w.Events = slices.Clip(ev.events)
	w.EventsMore, w.EventsMoreAtLeast = ev.more, ev.atLeast && ev.more > 0
	w.Warnings = append(w.Warnings, ev.warnings...)
}
