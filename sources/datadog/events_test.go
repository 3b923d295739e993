package datadog

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/internal/eventtest"
)

// eventsStub answers GET /api/v1/events over w, checking the parameters.
func eventsStub(w sources.Window, params map[string]string, reply http.HandlerFunc) *stub {
	want := map[string]string{
		"start": strconv.FormatInt(w.From.Unix(), 10), "end": strconv.FormatInt(w.To.Unix(), 10),
		"unaggregated": "true", "page": "0",
	}
	for k, v := range params {
		want[k] = v
	}
	return &stub{method: http.MethodGet, path: "/api/v1/events", reply: reply, check: wantParams(want)}
}

func eventLines(l sources.EventList) []string { return eventtest.Lines(l, time.RFC3339) }

// TestEventsReadsTheRecordedAnswer replays the list Datadog recorded for
// its own client's tests (tests/api/datadogV1/cassettes/TestEventLifecycle,
// GET /api/v1/events with tags and unaggregated=true), body as recorded.
func TestEventsReadsTheRecordedAnswer(t *testing.T) {
	w := sources.Window{From: time.Unix(1658732885, 0).UTC(), To: time.Unix(1658732905, 0).UTC()}
	f := newFake(t)
	f.on(eventsStub(w, map[string]string{"tags": "test,client:go", "priority": "normal"}, fixture(t, 200, "events_list_recorded.json")))
	got, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: "tags:test,client:go priority:normal"}, w)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2022-07-25T07:08:15Z Test-TestEventLifecycle-1658732894"}
	if strings.Join(eventLines(got), "\n") != strings.Join(want, "\n") || got.More != 0 || len(got.Warnings) != 0 {
		t.Errorf("events %q (%d more, warnings %q), want %q", eventLines(got), got.More, got.Warnings, want)
	}
}

func TestEventsReadsTitlesOrTheFirstLineOfTheText(t *testing.T) {
	f := newFake(t)
	f.on(eventsStub(day, map[string]string{"sources": "github,jenkins", "tags": "service:checkout,env:prod"}, fixture(t, 200, "events_deploys.json")))
	got, err := f.source(t).Events(context.Background(),
		sources.EventQuery{Expr: "sources:github tags:service:checkout,env:prod sources:jenkins"}, day)
	if err != nil {
		t.Fatal(err)
	}
	// In time order; the event before the window is dropped, the one
	// without a time said.
	want := []string{
		"2026-11-21T14:10:00Z deploy checkout **v2.14.0**",
		"2026-11-21T16:30:00Z deploy checkout v2.14.1 (connection pool fix)",
	}
	if strings.Join(eventLines(got), "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(eventLines(got), "\n"), strings.Join(want, "\n"))
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "events without a time or not objects: 1") {
		t.Errorf("warnings %q, want one about the event without a time", got.Warnings)
	}
}

func TestEventsReadsAPageTheClientCannot(t *testing.T) {
	// An alert type the client does not know makes the whole page
	// unparsed: the page is read event by event instead.
	clientCannotRead(t, "events_unknown_alert_type.json", &datadogV1.EventListResponse{})
	f := newFake(t)
	f.on(eventsStub(day, map[string]string{"sources": "kubernetes"}, fixture(t, 200, "events_unknown_alert_type.json")))
	got, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: "sources:kubernetes"}, day)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-11-21T16:00:00Z rollout paused", "2026-11-21T16:30:00Z deploy checkout v2.14.1"}
	if strings.Join(eventLines(got), "\n") != strings.Join(want, "\n") {
		t.Errorf("events %q, want %q", eventLines(got), want)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "not objects: 1") {
		t.Errorf("warnings %q", got.Warnings)
	}
}

// pages answers page p with counts[p] events, 20 s apart, the latest
// first, each page older than the one before.
func pages(t *testing.T, counts ...int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if p >= len(counts) {
			t.Errorf("page %d asked, only %d exist", p, len(counts))
			p = len(counts) - 1
		}
		skip := 0
		for _, c := range counts[:p] {
			skip += c
		}
		var evs []map[string]any
		for i := range counts[p] {
			at := day.To.Add(-time.Duration(skip+i+1) * 20 * time.Second)
			evs = append(evs, map[string]any{"date_happened": at.Unix(), "title": fmt.Sprintf("deploy %d", skip+i), "alert_type": "info"})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"events": evs})
	}
}

func TestEventsPagesToCountWhatItLeavesOut(t *testing.T) {
	tests := []struct {
		name    string
		pages   []int
		more    int
		atLeast bool
	}{
		{"one page", []int{120}, 70, false},
		{"a full page and the rest", []int{1000, 1000, 150}, 2100, false},
		{"the pages run out before the events", []int{1000, 1000, 1000}, 2950, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			st := &stub{method: http.MethodGet, path: "/api/v1/events", times: len(tt.pages), reply: pages(t, tt.pages...)}
			f.on(st)
			got, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: "tags:service:checkout"}, day)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Events) != sources.MaxEvents || got.More != tt.more || got.AtLeast != tt.atLeast {
				t.Fatalf("%d events, %d more, at least %v; want %d, %d, %v", len(got.Events), got.More, got.AtLeast, sources.MaxEvents, tt.more, tt.atLeast)
			}
			// The latest are kept, in time order: deploy 49 … deploy 0.
			if first, last := got.Events[0].Text, got.Events[len(got.Events)-1].Text; first != "deploy 49" || last != "deploy 0" {
				t.Errorf("kept %s … %s, want deploy 49 … deploy 0", first, last)
			}
		})
	}
}

func TestEventsFailLikeFetch(t *testing.T) {
	tests := []struct {
		name      string
		query     string
		reply     http.HandlerFunc
		times     int
		msg, hint string
		temporary bool
	}{
		{
			// The 400 Datadog recorded (TestEventListErrors/400_Bad_Request).
			name: "a bad request in Datadog's words", query: "sources:github",
			reply: fixture(t, 400, "events_bad_request_recorded.json"),
			msg:   "Datadog rejected the request: start param must be greater than end param",
			hint:  "fix the events query in the agenda: sources: and tags: terms",
		},
		{
			name: "a key without events_read", query: "sources:github",
			reply: fixture(t, 403, "forbidden.json"),
			msg:   "refused to list events (403 Forbidden: Forbidden)",
			hint:  "a scoped application key needs events_read",
		},
		{
			name: "rate limited on every try", query: "sources:github", times: 4,
			reply: withHeaders(raw(429, "application/json", `{"errors":["Rate limit exceeded"]}`), "X-RateLimit-Reset", "0", "X-RateLimit-Limit", "600", "X-RateLimit-Period", "60"),
			msg:   "rate limited by Datadog; retry in a minute", hint: "(600 requests per 60 s)", temporary: true,
		},
		{
			name: "a proxy's page", query: "sources:github",
			reply: raw(200, "text/html", "<html>sign in</html>"),
			msg:   "could not read the answer of", hint: "not Datadog's JSON",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.on(&stub{method: http.MethodGet, path: "/api/v1/events", times: tt.times, reply: tt.reply})
			_, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: tt.query}, day)
			se := asSourceError(t, err)
			if !strings.Contains(se.Msg, tt.msg) || !strings.Contains(se.Hint, tt.hint) || se.Temporary != tt.temporary || se.Query != tt.query {
				t.Errorf("error %q (hint %q, temporary %v, query %q)\nwant %q, hint with %q, temporary %v", se.Msg, se.Hint, se.Temporary, se.Query, tt.msg, tt.hint, tt.temporary)
			}
		})
	}
}

func TestEventsRetriesARateLimitThenReads(t *testing.T) {
	f := newFake(t)
	tries := 0
	f.on(&stub{method: http.MethodGet, path: "/api/v1/events", times: 2, reply: func(w http.ResponseWriter, r *http.Request) {
		tries++
		if tries == 1 {
			withHeaders(raw(429, "application/json", `{"errors":["Rate limit exceeded"]}`), "X-RateLimit-Reset", "0")(w, r)
			return
		}
		fixture(t, 200, "events_deploys.json")(w, r)
	}})
	got, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: "sources:github"}, day)
	if err != nil || len(got.Events) != 2 {
		t.Fatalf("events %q, error %v; want the two deploys after one retry", eventLines(got), err)
	}
}

func TestEventsQueryTerms(t *testing.T) {
	tests := []struct {
		expr string
		want eventFilter
		err  string
	}{
		{expr: "sources:github", want: eventFilter{sources: "github"}},
		{expr: " tags:service:checkout,env:prod  sources:github,jenkins ", want: eventFilter{sources: "github,jenkins", tags: "service:checkout,env:prod"}},
		{expr: "tags:a tags:b, priority:low", want: eventFilter{tags: "a,b", priority: "low"}},
		{expr: "service:checkout", err: `"service" is not a filter of the events API (sources:, tags: or priority:)`},
		{expr: "deploys", err: `"deploys" is not a term like sources:github or tags:service:checkout`},
		{expr: "sources:", err: `"sources:" is not a term`},
		{expr: "priority:high", err: `priority "high" is not normal or low`},
		{expr: "  ", err: "the events query is empty"},
	}
	for _, tt := range tests {
		got, err := parseEventFilter(tt.expr)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.expr, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("%q: %+v, %v; want %+v", tt.expr, got, err, tt.want)
		}
	}
	// A bad query is refused before any request (the fake has no stub).
	_, err := newFake(t).source(t).Events(context.Background(), sources.EventQuery{Expr: "env:prod"}, day)
	if se := asSourceError(t, err); !strings.Contains(se.Hint, "sources:github tags:service:checkout,env:prod") {
		t.Errorf("hint %q", se.Hint)
	}
}

func TestEventsNeverEchoTheKeys(t *testing.T) {
	f := newFake(t)
	f.on(&stub{method: http.MethodGet, path: "/api/v1/events", reply: func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("DD-API-KEY")
		_ = json.NewEncoder(w).Encode(map[string]any{"events": []any{
			map[string]any{"date_happened": day.From.Add(time.Hour).Unix(), "title": "deploy by " + key + " " + key[:10]},
		}})
	}})
	got, err := f.source(t).Events(context.Background(), sources.EventQuery{Expr: "sources:github"}, day)
	if err != nil || len(got.Events) != 1 {
		t.Fatalf("events %v, %v", got, err)
	}
	if text := got.Events[0].Text; strings.Contains(text, testAPIKey[:8]) || !strings.Contains(text, sources.Redacted) {
		t.Errorf("text %q holds the key", text)
	}
}
