package demo

import (
	"context"
	"strings"
	"time"

	"github.com/nagame-dev/nagame/sources"
)

// eventKind is what a demo event is: the story's deploys come from GitHub,
// its configuration change from Kubernetes.
type eventKind int

const (
	deployEvent eventKind = iota
	configEvent
)

// storyEvent is one event of the story.
type storyEvent struct {
	minute int64
	kind   eventKind
	text   string
}

// events are the story's events, in time order: two deploys in the previous
// 30 days, and in the current ones a deploy that changed nothing, the deploy
// that regressed latency, the connection pool fix, and the configuration
// change three minutes before the error incident.
func (st *story) events() []storyEvent {
	a := st.anchor
	return []storyEvent{
		{at(a, -41, 10, 40), deployEvent, "deploy checkout v2.13.0"},
		{at(a, -35, 16, 20), deployEvent, "deploy checkout v2.13.1"},
		{at(a, -19, 15, 30), deployEvent, "deploy checkout v2.13.2"},
		{st.deploy, deployEvent, "deploy checkout v2.14.0"},
		{st.fix, deployEvent, "deploy checkout v2.14.1 (connection pool fix)"},
		{st.config, configEvent, "config: payment-gateway timeout 5s → 1s"},
	}
}

// eventQuery is one events query the demo answers.
type eventQuery struct {
	expr  string
	kinds []eventKind
}

// eventCatalogue lists the demo's events queries, spelled like Datadog's
// event filters so that the demo agenda reads like a real one.
func eventCatalogue() []eventQuery {
	return []eventQuery{
		{"tags:service:checkout", []eventKind{deployEvent, configEvent}},
		{"sources:github tags:service:checkout", []eventKind{deployEvent}},
		{"sources:kubernetes tags:service:checkout", []eventKind{configEvent}},
	}
}

// EventQueries returns the events queries the demo backend answers, exactly
// as an agenda's events: entry may write them (whitespace aside).
func EventQueries() []string {
	qs := eventCatalogue()
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.expr
	}
	return out
}

// Events lists the story's events that q.Expr selects (one of EventQueries)
// inside w: all of them, the deploys, or the configuration change. An
// unknown query, an empty window or one over 400 days is a *sources.Error.
func (s *Source) Events(_ context.Context, q sources.EventQuery, w sources.Window) (sources.EventList, error) {
	var found *eventQuery
	for _, c := range eventCatalogue() {
		if c.expr == normalize(q.Expr) {
			found = &c
			break
		}
	}
	if found == nil {
		return sources.EventList{}, &sources.Error{
			Backend: sources.TypeDemo,
			Query:   q.Expr,
			Msg:     "unknown events query; the demo answers only: " + strings.Join(EventQueries(), "; "),
			Hint:    "copy one of these queries into the events: entry",
		}
	}
	if _, _, err := s.gridFor(q.Expr, w, 0); err != nil {
		return sources.EventList{}, err
	}
	var out []sources.Event
	for _, e := range s.story.events() {
		for _, k := range found.kinds {
			if e.kind == k {
				out = append(out, sources.Event{At: time.Unix(e.minute*60, 0).UTC(), Text: e.text})
			}
		}
	}
	return sources.LimitEvents(out, w, q.Limit), nil
}
