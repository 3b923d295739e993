package minutes

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// t0 is when the first meeting of a test starts.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// present is an attendance flag.
func present(b bool) *bool { return &b }

// meeting runs a session through the record API the way the TUI does, with
// a clock moved by hand and the demo backend anchored on the meeting's day.
type meeting struct {
	t    *testing.T
	s    *sessions.Session
	srcs sessions.Sources
	// clock is the meeting's time, which only post moves.
	clock *testclock.Clock
}

func startMeeting(t *testing.T, root string, a *agenda.Agenda, start time.Time, opt sessions.StartOptions) *meeting {
	t.Helper()
	m := &meeting{t: t, clock: testclock.New(start)}
	opt.Now = m.clock.Now
	s, err := sessions.Start(root, a, opt)
	if err != nil {
		t.Fatal(err)
	}
	src, err := demo.New(sources.Config{Type: "demo", Seed: 7}, m.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	open := map[string]sources.Source{}
	for _, name := range a.SourceNames {
		open[name] = src
	}
	m.s, m.srcs = s, sessions.Sources{Open: open}
	return m
}

func (m *meeting) post(d time.Duration, e journal.Event) {
	m.t.Helper()
	m.clock.Advance(d)
	if err := m.s.Post(e); err != nil {
		m.t.Fatal(err)
	}
}

// show moves to a panel and captures its data, as the TUI does.
func (m *meeting) show(d time.Duration, id string) {
	m.t.Helper()
	p, _ := m.s.Agenda().Panel(id)
	st := m.s.State()
	w := sources.Window{From: st.Start.From, To: st.Start.To}
	cw := sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo}
	data := sessions.FetchPanel(context.Background(), m.srcs.Request(p, w, cw, 100, m.clock.Now()))
	if err := sessions.WriteData(m.s.Dir(), data); err != nil {
		m.t.Fatal(err)
	}
	if m.s.State().Phase != journal.PhasePanels {
		m.post(d, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
		d = 0
	}
	m.post(d, journal.Event{Type: journal.EvPanel, Panel: id})
	m.post(0, journal.Event{Type: journal.EvData, Panel: id})
}

func (m *meeting) end() *sessions.Record {
	m.t.Helper()
	m.post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseSummary})
	m.post(0, journal.Event{Type: journal.EvEnd})
	dir := m.s.Dir()
	if err := m.s.Close(); err != nil {
		m.t.Fatal(err)
	}
	r, err := sessions.OpenRecord(dir)
	if err != nil {
		m.t.Fatal(err)
	}
	return r
}

const minutesAgendaYAML = `version: 1
title: "checkout — metrics viewing party"
service: checkout
duration: 45m
window: 30d
compare: previous
participants: [Aiko, Ben, Chen, Dana]
sources:
  demo: {type: demo, seed: 7}
events:
  - {source: demo, query: "sources:github tags:service:checkout"}
panels:
  - id: latency
    title: Checkout latency (p95)
    kind: latency
    query: "p95:trace.http.request{service:checkout,env:prod}"
    unit: s
    timebox: 10m
    objective: {threshold: 300ms, target: 99%}
    prompt: What moved p95 since last time? Which deploys?
    questions:
      - {id: trend, ask: "Compared with last time latency is", choice: [better, same, worse]}
      - {id: cause, ask: "Do we know why?", yesno: true, group: true}
  - id: errors
    title: Errors as a share of requests
    kind: errors
    query: "sum:trace.http.request.errors{service:checkout,env:prod}.as_count()"
    total: "sum:trace.http.request.hits{service:checkout,env:prod}.as_count()"
    objective: {target: 99.9%}
    timebox: 10m
    events:
      - {query: "sources:kubernetes tags:service:checkout"}
  - id: availability
    kind: slo
    slo: checkout-availability
closing:
  impressions: true
`

func minutesAgenda(t *testing.T) *agenda.Agenda {
	t.Helper()
	a, err := agenda.Parse("party.yaml", []byte(minutesAgendaYAML), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestMinutesOfAFullMeeting(t *testing.T) {
	a := minutesAgenda(t)
	m := startMeeting(t, t.TempDir(), a, t0, sessions.StartOptions{Version: "test"})
	m.post(30*time.Second, journal.Event{Type: journal.EvAttendance, Person: "Dana", Present: present(false)})
	m.post(10*time.Second, journal.Event{Type: journal.EvAttendance, Person: "Eli", Present: present(true), Late: true})
	m.post(20*time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
	m.show(0, "latency")
	m.post(4*time.Minute, journal.Event{Type: journal.EvNote, Panel: "latency", Text: "p95 regressed after the *14:10* deploy | pool size\n- pool fix on the 14th helped\n- see https://example.com/runbook\n<b>not html</b>"})
	for _, ans := range [][2]string{{"Aiko", "better"}, {"Ben", "better"}, {"Chen", "same"}, {"Eli", "better"}} {
		m.post(5*time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "trend", Person: ans[0], Value: ans[1]})
	}
	m.post(5*time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "cause", Person: journal.GroupRespondent, Value: "yes"})
	m.post(30*time.Second, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Alert on pool saturation", Owner: "Ben", Due: "2026-12-01"})
	m.post(7*time.Minute, journal.Event{Type: journal.EvClock})
	m.show(0, "errors")
	m.post(3*time.Minute, journal.Event{Type: journal.EvNote, Panel: "errors", Text: "Incident on the 19th: 4 % for 45 min.\nOtherwise ≈ 0.02 %."})
	m.show(2*time.Minute, "availability")
	m.post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "impressions"})
	m.post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Aiko", Text: "Latency story was clear"})
	m.post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Ben", Text: "Want the pool metrics next time"})
	m.post(20*time.Second, journal.Event{Type: journal.EvAction, Action: "a2", Text: "Share the minutes in #checkout", Owner: "Aiko"})
	for p, v := range map[string]string{"Aiko": "4", "Ben": "5", "Chen": "3", "Eli": "4"} {
		m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: p, Value: v})
	}
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "again", Person: "Aiko", Value: "yes"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "again", Person: "Ben", Value: "no"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "comments", Person: "Chen", Value: "more SLOs please"})
	r := m.end()

	mins, err := Build(r, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	md := mins.Markdown()
	t.Run("markdown", func(t *testing.T) { golden.RequireEqual(t, md) })
	js, err := mins.JSON()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("json", func(t *testing.T) { golden.RequireEqual(t, js) })

	text := string(md)
	for _, want := range []string{
		"- [ ] Alert on pool saturation — Ben (due 2026-12-01, from Checkout latency (p95))",
		"better 3 (Aiko, Ben, Eli)",
		"The room: yes",
		"- **Aiko:** Latency story was clear",
		"4 responses · mean 4.0",
		"2 responses (too few to show",
		"\\<b\\>not html\\</b\\>",
		"<https://example.com/runbook>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes lack %q", want)
		}
	}
	if strings.Contains(text, "more SLOs please") {
		t.Error("an anonymous survey with one comment must not show it")
	}
	// Regenerating from the folder gives the same minutes, byte for byte.
	again, err := sessions.OpenRecord(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	mins2, _ := Build(again, Options{Location: time.UTC})
	if !bytes.Equal(mins2.Markdown(), md) {
		t.Error("minutes are not reproducible from the session folder")
	}
	var shape map[string]any
	if err := json.Unmarshal(js, &shape); err != nil || shape["version"].(float64) != Version {
		t.Errorf("JSON minutes: %v, version %v", err, shape["version"])
	}
}

func TestMinutesNameSurveyAnswersWhenNotAnonymous(t *testing.T) {
	a, err := agenda.Parse("p.yaml", []byte(strings.Replace(minutesAgendaYAML, "  impressions: true\n", "  impressions: true\n  anonymous: false\n", 1)), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	m := startMeeting(t, t.TempDir(), a, t0, sessions.StartOptions{})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: "Ben", Value: "2"})
	m.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "comments", Person: "Chen", Value: "more SLOs please"})
	r := m.end()
	mins, err := Build(r, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	text := string(mins.Markdown())
	for _, want := range []string{"Ben 2", "- Chen: more SLOs please"} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes lack %q:\n%s", want, text)
		}
	}
}

func TestThreeSessionsCarryActionsAndShowTrends(t *testing.T) {
	root := t.TempDir()
	a := minutesAgenda(t)
	day := 24 * time.Hour

	m1 := startMeeting(t, root, a, t0, sessions.StartOptions{})
	m1.show(time.Minute, "latency")
	m1.post(11*time.Minute, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Alert on pool saturation", Owner: "Ben"})
	m1.post(time.Minute, journal.Event{Type: journal.EvAction, Action: "a2", Text: "Add an SLO for search", Owner: "Chen"})
	for p, v := range map[string]string{"Aiko": "3", "Ben": "3", "Chen": "4"} {
		m1.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: p, Value: v})
	}
	r1 := m1.end()

	recs, _ := sessions.ListRecords(root)
	hist := sessions.History(recs, a.Title, a.Service, "")
	if len(hist) != 1 || len(sessions.OpenActions(hist)) != 2 {
		t.Fatalf("after one session: %d sessions, %d open actions", len(hist), len(sessions.OpenActions(hist)))
	}
	m2 := startMeeting(t, root, a, t0.Add(30*day), sessions.StartOptions{Previous: []string{r1.Name}})
	m2.post(time.Minute, journal.Event{Type: journal.EvActionStatus, From: r1.Name, Action: "a1", Status: journal.ActionDone, Text: "shipped in 4.2"})
	m2.post(time.Minute, journal.Event{Type: journal.EvActionStatus, From: r1.Name, Action: "a2", Status: journal.ActionOpen, Text: "blocked on search team"})
	m2.show(time.Minute, "latency")
	m2.post(12*time.Minute, journal.Event{Type: journal.EvClock})
	for p, v := range map[string]string{"Aiko": "4", "Ben": "5", "Chen": "4"} {
		m2.post(time.Second, journal.Event{Type: journal.EvSurvey, Question: "understanding", Person: p, Value: v})
	}
	r2 := m2.end()

	recs, _ = sessions.ListRecords(root)
	hist = sessions.History(recs, a.Title, a.Service, "")
	open := sessions.OpenActions(hist)
	if len(open) != 1 || open[0].Key != r1.Name+"/a2" || open[0].Note != "blocked on search team" {
		t.Fatalf("after two sessions, open = %+v", open)
	}
	m3 := startMeeting(t, root, a, t0.Add(60*day), sessions.StartOptions{})
	m3.post(time.Minute, journal.Event{Type: journal.EvActionStatus, From: r1.Name, Action: "a2", Status: journal.ActionDropped, Text: "search moved teams"})
	m3.show(time.Minute, "latency")
	r3 := m3.end()

	mins, err := Build(r2, Options{History: []*sessions.Record{r1}, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	md := string(mins.Markdown())
	golden.RequireEqual(t, md)
	for _, want := range []string{
		"## Action items from earlier sessions",
		"- [x] Alert on pool saturation — Ben (done, from " + r1.Name,
		"- [ ] Add an SLO for search — Chen (open, from " + r1.Name,
		"Survey understanding: 3.3 → 4.3",
		"Checkout latency (p95) p95:",
		"ran over its 10 min timebox twice running",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("second minutes lack %q", want)
		}
	}
	// a2 was created 13 minutes into the first session, 60 days before the
	// third began: 59 whole days old.
	mins3, err := Build(r3, Options{History: []*sessions.Record{r1, r2}, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if len(mins3.Reviews) != 1 || mins3.Reviews[0].Status != journal.ActionDropped || mins3.Reviews[0].AgeDays != 59 {
		t.Errorf("third session reviews = %+v", mins3.Reviews)
	}
	all := sessions.TrackActions([]*sessions.Record{r1, r2, r3})
	if len(all) != 2 || all[0].Status != journal.ActionDone || all[1].Status != journal.ActionDropped || all[1].ReviewedIn != r3.Name {
		t.Errorf("tracked = %+v", all)
	}
	if got := mins3.Trends.Sessions; len(got) != 3 {
		t.Errorf("trend sessions = %v", got)
	}
}

func TestSuggestTimebox(t *testing.T) {
	// (13m + 16m) / 2 = 14m30s → 15m; (10m1s + 10m1s) / 2 → 15m.
	if got := SuggestTimebox(13*time.Minute, 16*time.Minute); got != 15*time.Minute {
		t.Errorf("got %v", got)
	}
	if got := SuggestTimebox(10*time.Minute+time.Second, 10*time.Minute+time.Second); got != 15*time.Minute {
		t.Errorf("got %v", got)
	}
}
