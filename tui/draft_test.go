package tui

import (
	"testing"

	"github.com/nagame-dev/nagame/sessions/journal"
)

func TestHalfTypedTextIsJournaled(t *testing.T) {
	t.Run("impression", func(t *testing.T) {
		m, _ := newApp(t, 100, 30, appOptions{})
		keys(m, "enter", "l", "l", "l", "l", "l", "l", "enter")
		typeAndFlush(t, m, "clear sto")
		if got := journaled(t, m).Impressions["Aiko"]; got != "clear sto" {
			t.Errorf("impression on disk = %q", got)
		}
	})
	t.Run("text answer", func(t *testing.T) {
		m, _ := newApp(t, 100, 30, appOptions{})
		keys(m, "enter", "a", "tab", "enter") // the panel's second question is a text one for the room
		typeAndFlush(t, m, "pool si")
		st := journaled(t, m)
		if got := st.Answer("latency", "cause", journal.GroupRespondent); got != "pool si" {
			t.Errorf("answer on disk = %q", got)
		}
	})
	t.Run("action item", func(t *testing.T) {
		m, _ := newApp(t, 100, 30, appOptions{})
		keys(m, "enter", "i")
		typeAndFlush(t, m, "Alert on po")
		st := journaled(t, m)
		if len(st.Actions) != 1 || st.Actions[0].Text != "Alert on po" || st.Actions[0].Panel != "latency" {
			t.Errorf("actions on disk = %+v", st.Actions)
		}
	})
}

func TestACancelledActionItemLeavesNothing(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "i")
	typeAndFlush(t, m, "never mind")
	keys(m, "esc")
	if st := journaled(t, m); len(st.Actions) != 0 {
		t.Errorf("a cancelled item stayed: %+v", st.Actions)
	}
	// The next item gets an id of its own and is kept whole.
	keys(m, "i")
	typeText(m, "Alert on pool saturation")
	keys(m, "enter")
	typeText(m, "Ben")
	keys(m, "enter")
	typeText(m, "2026-12-15")
	keys(m, "enter")
	st := journaled(t, m)
	if len(st.Actions) != 1 {
		t.Fatalf("actions = %+v", st.Actions)
	}
	if a := st.Actions[0]; a.Text != "Alert on pool saturation" || a.Owner != "Ben" || a.Due != "2026-12-15" {
		t.Errorf("action = %+v", a)
	}
	if m.focus != focusNone {
		t.Error("the form stays open after its last enter")
	}
}
