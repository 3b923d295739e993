package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/journal/journaltest"
)

// The status line tells the truth about the journal: NOT SAVED with what
// waits while the disk is full, saved again once the writer caught up.
func TestStatusLineFollowsTheJournalWriter(t *testing.T) {
	d := &journaltest.Disk{}
	m, _ := newApp(t, 120, 40, appOptions{journal: []journal.Option{journal.WithOpenFile(d.Open)}})
	m.Update(tickMsg(time.Now()))
	if s := screen(m); !strings.Contains(s, "saved ✓") {
		t.Fatalf("before the disk fills the status line says:\n%s", lastLine(s))
	}
	d.Fill(false)
	m.post(journal.Event{Type: journal.EvNote, Panel: "latency", Text: "typed while full"})
	_ = m.s.Flush() // the attempt fails; the writer keeps the note
	m.Update(tickMsg(time.Now()))
	// The note, and whatever else was still being written (a fetch's data event).
	if s := lastLine(screen(m)); !notSaved.MatchString(s) || !strings.Contains(s, "no space left") {
		t.Errorf("on a full disk the status line says:\n%s", s)
	}
	d.Free()
	if err := m.s.Flush(); err != nil { // the writer's next attempt, now
		t.Fatalf("flush once the disk freed: %v", err)
	}
	if st := m.s.SaveState(); !st.Saved() {
		t.Fatalf("after a flush that worked the session says %v", st)
	}
	m.Update(tickMsg(time.Now()))
	if s := lastLine(screen(m)); !strings.Contains(s, "saved ✓") {
		t.Errorf("once the disk freed the status line says:\n%s", s)
	}
}

var notSaved = regexp.MustCompile(`NOT SAVED: \d+ events? since \d\d:\d\d:\d\d`)

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
