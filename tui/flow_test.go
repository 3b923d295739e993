package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/nagame-dev/nagame/sessions"
)

// TestWalkTheWholeDemo runs the real program (teatest) through a whole
// meeting: attendance, notes, answers, an action item, every panel, the
// impression round, the survey, and the summary; the minutes written at
// the end hold all of it.
func TestWalkTheWholeDemo(t *testing.T) {
	m, _ := newApp(t, 120, 40, appOptions{})
	tm := startProgram(t, m)
	waitFor(t, tm, "Who is here?")
	send := func(ks ...string) {
		for _, k := range ks {
			tm.Send(press(k))
		}
	}
	send("down", "space") // Ben is absent today
	send("+")
	tm.Type("Fumi")
	send("enter", "enter") // add Fumi; begin
	send("tab")
	tm.Type("p95 up after the 14:10 deploy")
	send("enter")
	tm.Type("pool fix helped")
	send("esc", "a", "1", "1", "3", "1", "1") // Aiko Chen Dana Eli Fumi: trend
	send("enter")
	tm.Type("pool size")
	send("enter", "esc")
	send("i")
	tm.Type("Alert on pool saturation")
	send("enter")
	tm.Type("Chen")
	send("enter", "enter")
	for range 6 {
		send("l")
	}
	send("enter")
	for _, line := range []string{"Clear story", "Want pool metrics", "Good pace", "More SLOs", "First time, learned a lot"} {
		tm.Type(line)
		send("enter")
	}
	send("right")
	send("4", "5", "3", "4", "4") // understanding
	send("y", "y", "n", "y", "y") // join again
	send("enter")
	tm.Type("shorter errors panel")
	send("enter")
	send("right")
	waitFor(t, tm, "Minutes:")
	send("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if !fm.s.State().Ended {
		t.Error("the meeting did not end")
	}
	md, err := os.ReadFile(filepath.Join(fm.s.Dir(), sessions.MinutesFile))
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	for _, want := range []string{
		"p95 up after the 14:10 deploy",
		"pool fix helped",
		"better 4 (Aiko, Chen, Eli, Fumi) · worse 1 (Dana)",
		"The room: pool size",
		"- [ ] Alert on pool saturation — Chen",
		"- **Aiko:** Clear story",
		"- **Fumi:** First time, learned a lot",
		"5 responses · mean 4.0",
		"80 % yes",
		"Aiko, Chen, Dana, Eli, Fumi; absent: Ben",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes lack %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(fm.s.Dir(), sessions.MinutesJSON)); err != nil {
		t.Errorf("no JSON minutes: %v", err)
	}
}
