package sessions

import (
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func at(sec int) time.Time { return t0.Add(time.Duration(sec) * time.Second) }

func startEvent(sec int, people ...string) journal.Event {
	return journal.Event{Type: journal.EvStart, Time: at(sec), Start: &journal.StartInfo{
		Title: "checkout review", Participants: people, Planned: time.Hour,
	}}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func replay(t *testing.T, events ...journal.Event) State {
	t.Helper()
	st, err := ReplayEvents(events)
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	return st
}

func TestReplayCountsMeetingTimeWithoutTheStops(t *testing.T) {
	st := replay(t,
		startEvent(0, "Aiko"),
		journal.Event{Type: journal.EvPhase, Time: at(60), Phase: journal.PhasePanels},
		journal.Event{Type: journal.EvPanel, Time: at(60), Panel: "latency"},
		journal.Event{Type: journal.EvClock, Time: at(300)},
		journal.Event{Type: journal.EvPanel, Time: at(360), Panel: "errors"},
		journal.Event{Type: journal.EvPause, Time: at(420)},
		// closed for an hour: not meeting time
		journal.Event{Type: journal.EvResume, Time: at(4020)},
		journal.Event{Type: journal.EvClock, Time: at(4080)},
		// a crash: the last event before the resume ends the stretch
		journal.Event{Type: journal.EvResume, Time: at(9000)},
		journal.Event{Type: journal.EvPanel, Time: at(9030), Panel: "latency"},
	)
	// Running stretches: 0→420 (420 s), 4020→4080 (60 s), 9000→9030 (30 s).
	if want := 510 * time.Second; st.Elapsed != want {
		t.Errorf("Elapsed = %v, want %v", st.Elapsed, want)
	}
	// latency: 60→360 (300 s); errors: 360→420 and 4020→4080 and 9000→9030
	// (60+60+30 = 150 s); the opening: 0→60.
	if want := 300 * time.Second; st.Spent["latency"] != want {
		t.Errorf("Spent[latency] = %v, want %v", st.Spent["latency"], want)
	}
	if want := 150 * time.Second; st.Spent["errors"] != want {
		t.Errorf("Spent[errors] = %v, want %v", st.Spent["errors"], want)
	}
	if want := 60 * time.Second; st.PhaseSpent[journal.PhaseOpening] != want {
		t.Errorf("PhaseSpent[opening] = %v, want %v", st.PhaseSpent[journal.PhaseOpening], want)
	}
	if st.Resumes != 2 {
		t.Errorf("Resumes = %d, want 2", st.Resumes)
	}
	// The live clock adds the time since the last event only while open.
	if got, want := st.ElapsedAt(at(9050)), 530*time.Second; got != want {
		t.Errorf("ElapsedAt = %v, want %v", got, want)
	}
	if got, want := st.SpentAt("latency", at(9050)), 320*time.Second; got != want {
		t.Errorf("SpentAt(latency) = %v, want %v", got, want)
	}
}

func TestReplayAfterPauseHasNoLiveTime(t *testing.T) {
	st := replay(t, startEvent(0), journal.Event{Type: journal.EvPause, Time: at(100)})
	if got := st.ElapsedAt(at(5000)); got != 100*time.Second {
		t.Errorf("ElapsedAt after pause = %v, want 100s", got)
	}
}

func TestReplayKeepsTheLatestOfEverything(t *testing.T) {
	st := replay(t,
		startEvent(0, "Aiko", "Ben"),
		journal.Event{Type: journal.EvAttendance, Time: at(1), Person: "Ben", Present: no()},
		journal.Event{Type: journal.EvAttendance, Time: at(2), Person: "Chen", Present: yes(), Late: true},
		journal.Event{Type: journal.EvNote, Time: at(3), Panel: "latency", Text: "p95 up"},
		journal.Event{Type: journal.EvNote, Time: at(4), Panel: "latency", Text: "p95 up after deploy"},
		journal.Event{Type: journal.EvNote, Time: at(5), Panel: "errors", Text: "x"},
		journal.Event{Type: journal.EvNote, Time: at(6), Panel: "errors", Text: ""},
		journal.Event{Type: journal.EvAnswer, Time: at(7), Panel: "latency", Question: "trend", Person: "Aiko", Value: "worse"},
		journal.Event{Type: journal.EvAnswer, Time: at(8), Panel: "latency", Question: "trend", Person: "Aiko", Value: "same"},
		journal.Event{Type: journal.EvAnswer, Time: at(9), Panel: "latency", Question: "trend", Person: "Chen", Value: "better"},
		journal.Event{Type: journal.EvAnswer, Time: at(10), Panel: "latency", Question: "trend", Person: "Chen", Value: ""},
		journal.Event{Type: journal.EvImpression, Time: at(11), Person: "Aiko", Text: "useful"},
		journal.Event{Type: journal.EvSurvey, Time: at(12), Question: "understanding", Person: "Aiko", Value: "4"},
		journal.Event{Type: journal.EvAction, Time: at(13), Action: "a1", Panel: "latency", Text: "add pool metric", Owner: "Ben"},
		journal.Event{Type: journal.EvAction, Time: at(14), Action: "a1", Text: "add pool metrics", Owner: "Chen"},
		journal.Event{Type: journal.EvAction, Time: at(14), Action: "a2", Text: "half a thought"},
		journal.Event{Type: journal.EvAction, Time: at(14), Action: "a2", Status: journal.ActionDeleted},
		journal.Event{Type: journal.EvActionStatus, Time: at(15), From: "2026-05-20-checkout", Action: "a2", Status: journal.ActionDone, Text: "shipped"},
		journal.Event{Type: journal.EvEnd, Time: at(16)},
	)
	if got := strings.Join(st.Present(), ","); got != "Aiko,Chen" {
		t.Errorf("Present = %q, want Aiko,Chen", got)
	}
	if !st.Attendance[2].Late {
		t.Errorf("Chen should be marked late: %+v", st.Attendance)
	}
	if st.Notes["latency"] != "p95 up after deploy" {
		t.Errorf("note = %q", st.Notes["latency"])
	}
	if _, ok := st.Notes["errors"]; ok {
		t.Errorf("an emptied note should be gone: %q", st.Notes["errors"])
	}
	if got := st.Answer("latency", "trend", "Aiko"); got != "same" {
		t.Errorf("Aiko's answer = %q, want same", got)
	}
	if _, ok := st.Answers["latency"]["trend"]["Chen"]; ok {
		t.Errorf("a cleared answer should be gone")
	}
	if len(st.Actions) != 1 || st.Actions[0].Text != "add pool metrics" || st.Actions[0].Owner != "Chen" || st.Actions[0].Panel != "latency" {
		t.Errorf("actions = %+v", st.Actions)
	}
	if r := st.Reviews["2026-05-20-checkout/a2"]; r.Status != journal.ActionDone || r.Note != "shipped" {
		t.Errorf("review = %+v", r)
	}
	if !st.Ended || st.Phase != journal.PhaseSummary {
		t.Errorf("ended = %v, phase %q", st.Ended, st.Phase)
	}
	if st.NextActionID() != "a2" {
		t.Errorf("NextActionID = %q, want a2", st.NextActionID())
	}
}

func TestReplayRefusesEventsOutOfOrder(t *testing.T) {
	cases := map[string][]journal.Event{
		"no start":      {{Type: journal.EvNote, Time: at(0), Text: "x"}},
		"two starts":    {startEvent(0), startEvent(1)},
		"start no info": {{Type: journal.EvStart, Time: at(0)}},
		"unknown type":  {startEvent(0), {Type: "party", Time: at(1)}},
	}
	for name, events := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := ReplayEvents(events); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

func TestSoloSessionHasOneRespondent(t *testing.T) {
	e := startEvent(0, "Aiko", "Ben")
	e.Start.Solo, e.Start.As = true, "aiko"
	st := replay(t, e)
	if got := st.Present(); len(got) != 1 || got[0] != "aiko" {
		t.Errorf("Present = %v, want [aiko]", got)
	}
}
