package datadog

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
)

const (
	// eventsPage is how many events one answer of the v1 events API holds at
	// most: the most recent ones, the next page the thousand before.
	eventsPage = 1000
	// maxEventPages bounds the pages one events query reads. A chart keeps
	// the latest 50 events, which the first page holds; the next pages only
	// count how many more there were, so a busy event stream costs at most
	// this many requests.
	maxEventPages = 3
)

// eventFilter is an events query read into the v1 API's parameters.
type eventFilter struct {
	sources, tags, priority string
}

// parseEventFilter reads an agenda's events query: space-separated terms
// sources:a,b (the event's source type: github, kubernetes, my_apps…),
// tags:k:v,k2:v2 and priority:normal or low. A term may repeat; its lists
// are joined. Anything else is an error that names the term.
func parseEventFilter(expr string) (eventFilter, error) {
	var f eventFilter
	add := func(list *string, v string) {
		if *list != "" {
			*list += ","
		}
		*list += v
	}
	terms := strings.Fields(expr)
	if len(terms) == 0 {
		return f, fmt.Errorf("the events query is empty")
	}
	for _, t := range terms {
		key, val, ok := strings.Cut(t, ":")
		val = strings.Trim(val, ",")
		switch {
		case !ok || val == "":
			return f, fmt.Errorf("%q is not a term like sources:github or tags:service:checkout", sources.Clip(t, 60))
		case key == "sources":
			add(&f.sources, val)
		case key == "tags":
			add(&f.tags, val)
		case key == "priority" && (val == "normal" || val == "low"):
			f.priority = val
		case key == "priority":
			return f, fmt.Errorf("priority %q is not normal or low", sources.Clip(val, 30))
		default:
			return f, fmt.Errorf("%q is not a filter of the events API (sources:, tags: or priority:)", sources.Clip(key, 30))
		}
	}
	return f, nil
}

// params are the filter as the client's optional parameters.
func (f eventFilter) params(page int32) datadogV1.ListEventsOptionalParameters {
	p := *datadogV1.NewListEventsOptionalParameters().WithUnaggregated(true).WithPage(page)
	if f.sources != "" {
		p.WithSources(f.sources)
	}
	if f.tags != "" {
		p.WithTags(f.tags)
	}
	if f.priority != "" {
		p.WithPriority(datadogV1.EventPriority(f.priority))
	}
	return p
}

// Events lists the Datadog events q.Expr selects over w with the v1 events
// API (GET /api/v1/events, start and end in seconds, every event rather
// than their aggregates): q.Expr is a filter of sources:, tags: and
// priority: terms ("sources:github tags:service:checkout,env:prod"). An
// event reads as its title, or the first line of its text without one.
//
// Datadog answers the most recent 1,000 events a page; up to 3 pages are
// read to count the events past the latest q.Limit (sources.MaxEvents),
// which are kept. Retries, answer size, key scrubbing and the wording of
// failures are those of Fetch.
func (s *Source) Events(ctx context.Context, q sources.EventQuery, w sources.Window) (sources.EventList, error) {
	if s.keysErr != nil {
		return sources.EventList{}, s.keysErr
	}
	filter, err := parseEventFilter(q.Expr)
	if err != nil {
		e := &sources.Error{Backend: backend, Query: q.Expr, Msg: err.Error(),
			Hint: `write the events query as Datadog filters, like "sources:github tags:service:checkout,env:prod"`}
		s.secrets.RedactError(e)
		return sources.EventList{}, e
	}
	if !w.To.After(w.From) {
		return sources.EventList{}, &sources.Error{Backend: backend, Query: q.Expr, Msg: fmt.Sprintf("empty window %s", w)}
	}
	actx := s.authContext(ctx)
	var (
		all  []sources.Event
		lost unreadable
		full bool
	)
	for page := range int32(maxEventPages) {
		var resp datadogV1.EventListResponse
		o := s.retry.do(ctx, func() (*http.Response, error) {
			var (
				hr  *http.Response
				err error
			)
			resp, hr, err = s.events.ListEvents(actx, w.From.Unix(), w.To.Unix(), filter.params(page))
			return hr, err
		})
		if o.err != nil {
			return sources.EventList{}, s.failure(ctx, request{query: q.Expr, events: true}, o)
		}
		list, n, err := s.eventsOf(resp, o.resp, q.Expr, &lost)
		if err != nil {
			return sources.EventList{}, err
		}
		all = append(all, list...)
		if full = n >= eventsPage; !full {
			break
		}
	}
	out := sources.LimitEvents(all, w, q.Limit)
	out.AtLeast = full && out.More > 0
	if note := s.lostNote(lost, "Datadog's events"); note != "" {
		out.Warnings = append(out.Warnings, note)
	}
	return out, nil
}

// eventsOf reads one page of events; n is how many the page held, read or
// not. When the client could not read the page (see loose.go), its body is
// read event by event.
func (s *Source) eventsOf(resp datadogV1.EventListResponse, hr *http.Response, query string, lost *unreadable) ([]sources.Event, int, error) {
	if unparsed, _ := datadog.ContainsUnparsedObject(resp); unparsed {
		var ok bool
		if resp, ok = looseEvents(rawBody(hr)); !ok {
			e := &sources.Error{Backend: backend, Query: query,
				Msg:  fmt.Sprintf("the events answer of %s does not have the expected shape", s.ep.host),
				Hint: "nagame could not read it; if url: points at a proxy, check it forwards Datadog's API unchanged"}
			s.secrets.RedactError(e)
			return nil, 0, e
		}
	}
	out := make([]sources.Event, 0, len(resp.Events))
	undated := 0
	for _, ev := range resp.Events {
		if ev.DateHappened == nil {
			undated++
			continue
		}
		out = append(out, sources.Event{At: time.Unix(*ev.DateHappened, 0).UTC(), Text: s.redact(eventText(ev))})
	}
	if undated > 0 {
		lost.add("events without a time or not objects: %d", undated)
	}
	return out, len(resp.Events), nil
}

// eventText is what a list row says of an event: its title, else the first
// line of its text, whose Markdown fence (%%%) is dropped.
func eventText(ev datadogV1.Event) string {
	if t := strings.TrimSpace(ev.GetTitle()); t != "" {
		return t
	}
	body := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(ev.GetText()), "%%%"))
	line, _, _ := strings.Cut(body, "\n")
	return strings.TrimSpace(line)
}

// looseEvents reads an events answer the client could not (an alert type
// it does not know makes the whole page unparsed): each event's time, title
// and text. ok is false when the body is no JSON object or its events are
// not a list.
func looseEvents(body []byte) (resp datadogV1.EventListResponse, ok bool) {
	o, ok := objectOf(body)
	if !ok {
		return resp, false
	}
	var list []json.RawMessage
	if o.has("events") && !o.decode("events", &list) {
		return resp, false
	}
	for _, raw := range list {
		// An element that is no object, or has no time, is kept without
		// one: the page's size still counts it, and eventsOf says how many
		// were left out.
		var ev datadogV1.Event
		if e, ok := objectOf(raw); ok {
			ev.Title, ev.Text = e.optional("title"), e.optional("text")
			if t, ok := e.number("date_happened"); ok {
				n := int64(t)
				ev.DateHappened = &n
			}
		}
		resp.Events = append(resp.Events, ev)
	}
	return resp, true
}
