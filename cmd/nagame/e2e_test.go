package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
)

// wait is how long one step of the end-to-end test may take: generous for
// a race-enabled binary on a busy 2-core machine, and never slept through
// (every wait polls).
const wait = 10 * time.Second

// TestEndToEndInTmux runs the demo party as a new user would, in a real
// terminal: begin, write a note, crash (kill -9), resume and find the
// note, answer, add an action item, survive a resize, walk to the end, and
// find everything in the minutes.
func TestEndToEndInTmux(t *testing.T) {
	t.Parallel()
	tm := newTmux(t)
	bin := nagameBinary(t)
	dir := t.TempDir()
	root := filepath.Join(dir, "sessions")

	// The demo party, until a crash.
	tm.run("new-session", "-d", "-s", "party", "-n", "crash", "-x", "100", "-y", "30",
		nagameCommand(bin, root, filepath.Join(dir, "crash.err")))
	crash := "party:crash"
	tm.waitScreen(crash, "Who is here?", wait)
	tm.waitScreen(crash, "5 of 5 present", wait)
	tm.keys(crash, "Enter")
	tm.waitScreen(crash, "Panel 1/6 | Checkout latency (p95)", wait)
	tm.keys(crash, "Tab")
	tm.waitScreen(crash, "typing", wait)
	note := "p95 rose after the 14:10 deploy"
	tm.typeText(crash, note)
	tm.waitScreen(crash, note, wait)
	// Notes are journaled at most 0.7 s after the keystroke: 1.5 s later a
	// kill -9 must lose nothing.
	time.Sleep(1500 * time.Millisecond)
	pid := tm.pane(crash, "#{pane_pid}")
	var p int
	if _, err := fmt.Sscan(pid, &p); err != nil || p <= 1 {
		t.Fatalf("pane pid %q", pid)
	}
	if err := syscall.Kill(p, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 %d: %v", p, err)
	}
	if how := tm.waitExit(crash, wait); how != "signal 9" {
		t.Fatalf("nagame ended by %s, want signal 9", how)
	}
	tm.waitScreen(crash, "Pane is dead", wait)

	// Resume in a new window: the note is there.
	tm.run("new-window", "-t", "party", "-n", "resume", nagameCommand(bin, root, filepath.Join(dir, "resume.err"), "resume"))
	w := "party:resume"
	tm.waitScreen(w, note, wait)
	tm.waitScreen(w, "Panel 1/6 | Checkout latency (p95)", wait)
	tm.escape(w)

	// Answers: one key per person present (Aiko, Ben, Chen, Dana, Eli);
	// trend takes 1 better, 2 same, 3 worse. Then out of the grid.
	tm.keys(w, "a")
	tm.waitScreen(w, "Compared with last time, latency is", wait)
	tm.keys(w, "1", "1", "3", "1", "2")
	tm.waitScreen(w, "Do we know what changed p95", wait) // the grid moved to the next question
	tm.escape(w)
	tm.waitScreen(w, "trend 5/5", wait)

	// An action item: text, enter, owner, enter, no due date, enter.
	tm.keys(w, "i")
	tm.waitScreen(w, "New action item for this panel", wait)
	tm.typeText(w, "Alert on pool saturation")
	tm.keys(w, "Enter")
	tm.waitScreen(w, "Owner:", wait)
	tm.typeText(w, "Chen")
	tm.keys(w, "Enter")
	tm.waitScreen(w, "Due:", wait)
	tm.keys(w, "Enter")
	tm.waitScreen(w, "Action item saved: Alert on pool saturation", wait)

	// The smallest supported terminal still shows the panel, and fits.
	tm.run("resize-window", "-t", w, "-x", "80", "-y", "24")
	tm.waitFor(w, "the panel at 80×24", wait, func(s string) bool {
		return fits(s, 80, 24) == nil && strings.Contains(s, "Checkout latency (p95)")
	})
	tm.run("resize-window", "-t", w, "-x", "100", "-y", "30")
	tm.waitFor(w, "the panel at 100×30", wait, func(s string) bool {
		return fits(s, 100, 30) == nil && strings.Contains(s, "Checkout latency (p95)")
	})

	// Walk to the closing: five more panels, then the impressions.
	for i := 2; i <= 6; i++ {
		tm.keys(w, "l")
		tm.waitScreen(w, fmt.Sprintf("Panel %d/6", i), wait)
	}
	tm.keys(w, "l")
	tm.waitScreen(w, "One line from each person", wait)
	// enter starts typing the first person's line; each enter saves it
	// and starts the next person's.
	tm.keys(w, "Enter")
	impressions := []string{"Clear story", "Want pool metrics", "Good pace", "More SLOs", "Learned a lot"}
	for i, line := range impressions {
		tm.typeText(w, line)
		tm.keys(w, "Enter")
		tm.waitScreen(w, fmt.Sprintf("%d of 5 impressions", i+1), wait)
	}
	tm.keys(w, "Right")
	tm.waitScreen(w, "How well did you understand today's metrics?", wait)
	tm.keys(w, "4", "5", "3", "4", "4") // understanding: mean 20/5 = 4.0
	tm.keys(w, "y", "y", "n", "y", "y") // again: 4 of 5 = 80 % yes
	tm.keys(w, "Enter")                 // comments: a text answer for Aiko
	tm.typeText(w, "shorter errors panel")
	tm.keys(w, "Enter")
	tm.waitScreen(w, "shorter errors panel", wait)
	tm.keys(w, "Right")
	tm.waitScreen(w, "Minutes:", wait)
	tm.keys(w, "q")
	if how := tm.waitExit(w, wait); how != "status 0" {
		t.Fatalf("nagame ended by %s after q, want status 0", how)
	}

	// The session folder holds minutes with all of it.
	dirs, err := filepath.Glob(filepath.Join(root, "*", sessions.JournalFile))
	if err != nil || len(dirs) != 1 {
		t.Fatalf("want one session under %s, found %v (%v)", root, dirs, err)
	}
	session := filepath.Dir(dirs[0])
	md, err := os.ReadFile(filepath.Join(session, sessions.MinutesFile))
	if err != nil {
		t.Fatal(err)
	}
	minutes := string(md)
	for _, want := range []string{
		note,
		"better 3 (Aiko, Ben, Dana) · same 1 (Eli) · worse 1 (Chen)",
		"- [ ] Alert on pool saturation — Chen",
		"- **Aiko:** Clear story",
		"- **Eli:** Learned a lot",
		"5 responses · mean 4.0",
		"80 % yes",
	} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes lack %q:\n%s", want, minutes)
		}
	}
	errOut, err := os.ReadFile(filepath.Join(dir, "resume.err"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Minutes: " + filepath.Join(session, sessions.MinutesFile); !strings.Contains(string(errOut), want) {
		t.Errorf("stderr after the meeting lacks %q:\n%s", want, errOut)
	}
	noCrash(t, []string{"resume"}, string(errOut))
}

// TestEndToEndInTmuxTooSmall: a terminal under 80×24 asks to be enlarged;
// q quits cleanly, and stderr says how to continue.
func TestEndToEndInTmuxTooSmall(t *testing.T) {
	t.Parallel()
	tm := newTmux(t)
	bin := nagameBinary(t)
	dir := t.TempDir()
	stderr := filepath.Join(dir, "nagame.err")
	tm.run("new-session", "-d", "-s", "small", "-x", "70", "-y", "20",
		nagameCommand(bin, filepath.Join(dir, "sessions"), stderr))
	tm.waitScreen("small", "Enlarge the terminal to at least 80×24", wait)
	tm.waitScreen("small", "(it is 70×20 now)", wait)
	tm.keys("small", "q")
	if how := tm.waitExit("small", wait); how != "status 0" {
		t.Fatalf("nagame ended by %s after q, want status 0", how)
	}
	out, err := os.ReadFile(stderr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Everything is saved in " + filepath.Join(dir, "sessions"), "Continue with: nagame resume 20"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("stderr lacks %q:\n%s", want, out)
		}
	}
	noCrash(t, nil, string(out))
}

// TestEndToEndInTmuxSIGTERM stops the meeting with SIGTERM (what a closing
// terminal or `kill` sends) right after typing: nagame quits on its own,
// the note typed a moment before is on disk, the stop is journaled, and
// stderr says how to resume. (Bubble Tea v2.0.10 deadlocked here in about
// one run of four when the CLI's signal context also cancelled the program:
// this test caught it only sometimes; the cause is fixed in run.go.)
func TestEndToEndInTmuxSIGTERM(t *testing.T) {
	t.Parallel()
	tm := newTmux(t)
	bin := nagameBinary(t)
	dir := t.TempDir()
	sessionsDir := filepath.Join(dir, "sessions")
	stderr := filepath.Join(dir, "nagame.err")
	tm.run("new-session", "-d", "-s", "term", "-x", "100", "-y", "30",
		nagameCommand(bin, sessionsDir, stderr))
	tm.waitScreen("term", "Who is here?", wait)
	tm.keys("term", "Enter")
	tm.waitScreen("term", "Panel 1/6", wait)
	tm.keys("term", "Tab")
	tm.typeText("term", "typed just before the terminal closed")
	tm.waitScreen("term", "typed just before the terminal closed", wait)
	var pid int
	if _, err := fmt.Sscan(tm.pane("term", "#{pane_pid}"), &pid); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if how := tm.waitExit("term", wait); how != "status 0" {
		t.Fatalf("nagame ended by %s after SIGTERM, want status 0", how)
	}
	out, err := os.ReadFile(stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Continue with: nagame resume") {
		t.Errorf("stderr does not say how to resume:\n%s", out)
	}
	recs, errs := sessions.ListRecords(sessionsDir)
	if len(errs) > 0 || len(recs) != 1 {
		t.Fatalf("sessions: %v %v", recs, errs)
	}
	st := recs[0].State
	if got := st.Notes["latency"]; got != "typed just before the terminal closed" {
		t.Errorf("note on disk = %q", got)
	}
	if st.Ended || st.Elapsed == 0 {
		t.Errorf("state after SIGTERM: ended %v, elapsed %v", st.Ended, st.Elapsed)
	}
	journal, err := os.ReadFile(filepath.Join(recs[0].Dir, sessions.JournalFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(journal)), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, `"type":"pause"`) {
		t.Errorf("the stop is not journaled; last line %s", last)
	}
}
