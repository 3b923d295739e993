package sessions

import (
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// A journal that holds escape sequences (an older nagame, a hand edit, a
// paste) replays into a state without them: the state is what the screen,
// the minutes and every JSON output are made from.
func TestReplayCleansTheJournalsText(t *testing.T) {
	const osc, c1, cls = "\x1b]0;pwn\x07", "\u009b31m", "\x1b[2J"
	t0 := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	yes := true
	st, err := ReplayEvents([]journal.Event{
		{Seq: 1, Time: t0, Type: journal.EvStart, Start: &journal.StartInfo{Title: "T" + osc, Service: c1 + "svc", Participants: []string{"Aiko" + cls}}},
		{Seq: 2, Time: t0, Type: journal.EvAttendance, Person: "Ben" + osc, Present: &yes, Late: true},
		{Seq: 3, Time: t0, Type: journal.EvNote, Panel: "p", Text: "line 1" + osc + "\nline 2" + c1},
		{Seq: 4, Time: t0, Type: journal.EvAction, Action: "a1", Text: "fix" + cls, Owner: c1 + "Ben"},
		{Seq: 5, Time: t0, Type: journal.EvImpression, Person: "Aiko" + cls, Text: "good" + osc},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{st.Start.Title, st.Start.Service, st.Attendance[0].Name, st.Attendance[1].Name, st.Notes["p"],
		st.Actions[0].Text, st.Actions[0].Owner, st.Impressions["Aiko"]}
	want := []string{"T", "svc", "Aiko", "Ben", "line 1\nline 2", "fix", "Ben", "good"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("state holds %q, want %q", got, want)
	}
}
