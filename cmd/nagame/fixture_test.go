package main

import (
	"context"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// meeting runs a session of the demo agenda through the sessions API the
// way the TUI does, with the demo backend anchored on the meeting's day.
type meeting struct {
	t     *testing.T
	s     *sessions.Session
	clock *testclock.Clock
	src   sources.Source
}

func demoAgenda(t *testing.T) *agenda.Agenda {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// startMeeting starts a demo session under root at start; previous names
// the earlier sessions whose open action items it reviews.
func startMeeting(t *testing.T, root string, start time.Time, previous ...string) *meeting {
	t.Helper()
	c := testclock.New(start)
	s, err := sessions.Start(root, demoAgenda(t), sessions.StartOptions{Now: c.Now, Previous: previous, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := demo.New(sources.Config{Type: sources.TypeDemo, Seed: 7}, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	return &meeting{t: t, s: s, clock: c, src: src}
}

// post records e d after the previous event.
func (m *meeting) post(d time.Duration, e journal.Event) {
	m.t.Helper()
	m.clock.Advance(d)
	if err := m.s.Post(e); err != nil {
		m.t.Fatal(err)
	}
}

// show moves to a panel d after the previous event and captures its data.
func (m *meeting) show(d time.Duration, id string) {
	m.t.Helper()
	p, ok := m.s.Agenda().Panel(id)
	if !ok {
		m.t.Fatalf("no panel %q", id)
	}
	st := m.s.State()
	req := sessions.FetchRequest{
		Panel: p, Source: m.src,
		Window:  sources.Window{From: st.Start.From, To: st.Start.To},
		Compare: sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo},
		Columns: 72, Now: m.clock.Now(),
	}
	if err := sessions.WriteData(m.s.Dir(), sessions.FetchPanel(context.Background(), req)); err != nil {
		m.t.Fatal(err)
	}
	if st.Phase != journal.PhasePanels {
		m.post(d, journal.Event{Type: journal.EvPhase, Phase: journal.PhasePanels})
		d = 0
	}
	m.post(d, journal.Event{Type: journal.EvPanel, Panel: id})
	m.post(0, journal.Event{Type: journal.EvData, Panel: id})
}

func (m *meeting) answer(panel, question string, answers ...string) {
	m.t.Helper()
	for i := 0; i+1 < len(answers); i += 2 {
		m.post(5*time.Second, journal.Event{Type: journal.EvAnswer, Panel: panel, Question: question, Person: answers[i], Value: answers[i+1]})
	}
}

func (m *meeting) survey(question string, answers ...string) {
	m.t.Helper()
	for i := 0; i+1 < len(answers); i += 2 {
		m.post(3*time.Second, journal.Event{Type: journal.EvSurvey, Question: question, Person: answers[i], Value: answers[i+1]})
	}
}

func (m *meeting) review(from, id, status, note string) {
	m.t.Helper()
	m.post(40*time.Second, journal.Event{Type: journal.EvActionStatus, From: from, Action: id, Status: status, Text: note})
}

// end reaches the summary and closes the session; it returns its name.
func (m *meeting) end() string {
	m.t.Helper()
	m.post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseSummary})
	m.post(0, journal.Event{Type: journal.EvEnd})
	name := m.s.Name()
	if err := m.s.Close(); err != nil {
		m.t.Fatal(err)
	}
	return name
}

// The three sessions of the demo agenda, a quarter apart, at 09:00 UTC.
var (
	firstStart  = time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)
	secondStart = time.Date(2026, 8, 18, 9, 0, 0, 0, time.UTC)  // 90 days later
	thirdStart  = time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC) // 90 days later
)

// Their folder names (time.Local is UTC in these tests, see TestMain).
const (
	firstName  = "2026-05-20-checkout-metrics-viewing-party-demo"
	secondName = "2026-08-18-checkout-metrics-viewing-party-demo"
	thirdName  = "2026-11-16-checkout-metrics-viewing-party-demo"
)

// recordSessions records the first n (1 to 3) sessions of the demo agenda
// under root. What happens to the action items:
//
//	first:  a1 alert on pool saturation (Ben, latency panel)
//	        a2 page on error budget burn (Chen, errors panel)
//	        a3 share the minutes (Aiko, the closing, due 2026-05-27)
//	second: first/a1 done, first/a2 still open, first/a3 dropped;
//	        a1 runbook for the error incident (Dana, errors panel)
//	third:  second/a1 done; first/a2 not reviewed (still open);
//	        a1 raise the pool size (Ben, latency panel, due 2026-12-01)
//
// and each ends with a survey whose understanding means are
// (4+3+5+4)/4 = 4.0, (5+4+5+4+5)/5 = 4.6 and (5+5+4)/3 ≈ 4.7.
func recordSessions(t *testing.T, root string, n int) {
	t.Helper()
	m := startMeeting(t, root, firstStart)
	m.post(30*time.Second, journal.Event{Type: journal.EvAttendance, Person: "Dana", Present: new(false)})
	m.show(30*time.Second, "latency")
	m.post(4*time.Minute, journal.Event{Type: journal.EvNote, Panel: "latency", Text: "p95 regressed after the 14:10 deploy\n- the pool fix helped"})
	m.answer("latency", "trend", "Aiko", "better", "Ben", "better", "Chen", "same", "Eli", "worse")
	m.post(10*time.Second, journal.Event{Type: journal.EvAnswer, Panel: "latency", Question: "cause", Person: journal.GroupRespondent, Value: "pool size; Ben checks"})
	m.post(30*time.Second, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Alert on pool saturation", Owner: "Ben"})
	m.show(6*time.Minute, "errors")
	m.post(3*time.Minute, journal.Event{Type: journal.EvNote, Panel: "errors", Text: "One incident: 3 % for 45 min. Otherwise about 0.02 %."})
	m.answer("errors", "incident-handled", "Aiko", "yes", "Ben", "yes", "Chen", "no", "Eli", "yes")
	m.post(time.Minute, journal.Event{Type: journal.EvAction, Action: "a2", Panel: "errors", Text: "Page on error budget burn over 2×", Owner: "Chen"})
	m.show(5*time.Minute, "load")
	m.post(10*time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "impressions"})
	m.post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Aiko", Text: "The latency story was clear"})
	m.post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Ben", Text: "Want the pool metrics next time"})
	m.post(20*time.Second, journal.Event{Type: journal.EvAction, Action: "a3", Text: "Share the minutes in #checkout", Owner: "Aiko", Due: "2026-05-27"})
	m.post(10*time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	m.survey("understanding", "Aiko", "4", "Ben", "3", "Chen", "5", "Eli", "4")
	m.survey("again", "Aiko", "yes", "Ben", "yes", "Chen", "no", "Eli", "yes")
	m.survey("comments", "Chen", "more SLOs please")
	m.end()
	if n == 1 {
		return
	}

	m = startMeeting(t, root, secondStart, firstName)
	m.post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseActions})
	m.review(firstName, "a1", journal.ActionDone, "shipped in 4.2")
	m.review(firstName, "a2", journal.ActionOpen, "blocked on the SRE rota")
	m.review(firstName, "a3", journal.ActionDropped, "minutes go to the wiki now")
	m.show(time.Minute, "latency")
	m.post(8*time.Minute, journal.Event{Type: journal.EvNote, Panel: "latency", Text: "Flat since the pool fix."})
	m.show(time.Minute, "errors")
	m.post(2*time.Minute, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "errors", Text: "Runbook for the error incident", Owner: "Dana"})
	m.post(5*time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	m.survey("understanding", "Aiko", "5", "Ben", "4", "Chen", "5", "Dana", "4", "Eli", "5")
	m.end()
	if n == 2 {
		return
	}

	m = startMeeting(t, root, thirdStart, firstName, secondName)
	m.post(time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseActions})
	m.review(secondName, "a1", journal.ActionDone, "in the wiki")
	m.show(time.Minute, "latency")
	m.post(3*time.Minute, journal.Event{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Raise the pool size to 64", Owner: "Ben", Due: "2026-12-01"})
	m.post(2*time.Minute, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "impressions"})
	m.post(20*time.Second, journal.Event{Type: journal.EvImpression, Person: "Chen", Text: "Short and useful | *finally*"})
	m.post(10*time.Second, journal.Event{Type: journal.EvPhase, Phase: journal.PhaseClosing, Value: "survey"})
	m.survey("understanding", "Aiko", "5", "Ben", "5", "Chen", "4")
	m.survey("again", "Aiko", "yes", "Ben", "yes", "Chen", "yes")
	m.end()
}
