package tui

import (
	"strings"
	"testing"
	"time"
)

// TestAMeetingThatBeginsOnAPanelCountsItsTime: a self-review starts on its
// first panel, and that panel's clock runs from the start.
func TestAMeetingThatBeginsOnAPanelCountsItsTime(t *testing.T) {
	m, c := newApp(t, 100, 30, appOptions{solo: true})
	c.Advance(3 * time.Minute)
	m.Update(tickMsg(c.Now()))
	if got := journaled(t, m).Spent["latency"]; got < 3*time.Minute {
		t.Errorf("the first panel's time is %v, want 3m", got)
	}
}

// TestAPanelWithoutTimeboxCountsUp: no "⌛ 0:00" countdown.
func TestAPanelWithoutTimeboxCountsUp(t *testing.T) {
	m, c := newApp(t, 100, 30, appOptions{})
	m.agenda.Panels[1].Timebox = 0
	keys(m, "enter", "l")
	c.Advance(90 * time.Second)
	m.Update(tickMsg(c.Now()))
	if head := strings.Split(screen(m), "\n")[1]; !strings.Contains(head, "1:30 on this panel") {
		t.Errorf("header: %q", head)
	}
}
