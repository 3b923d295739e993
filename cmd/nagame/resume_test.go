package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
)

// TestResumeOfALockedSession: a session open in another nagame (here, this
// test process holds its lock) is not taken over; the message says who
// holds it and how to go on, and exits 1 before any screen is drawn.
func TestResumeOfALockedSession(t *testing.T) {
	c := newCLI(t)
	root := c.env["NAGAME_SESSIONS"]
	m := startMeeting(t, root, firstStart)
	t.Cleanup(func() { _ = m.s.Close() })
	lock := filepath.Join(root, firstName, lock.FileName)

	for _, args := range [][]string{{"resume"}, {"resume", firstName}, {"resume", "2026-05"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := c.run(t, args...)
			wantCode(t, r, exitError)
			for _, want := range []string{
				"nagame: session " + firstName + " is open in another nagame",
				"(pid " + strconv.Itoa(os.Getpid()) + " on host ",
				"close it there, or if it crashed, remove " + lock,
			} {
				if !strings.Contains(r.err, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.err)
				}
			}
			if r.out != "" {
				t.Errorf("stdout should be empty, got:\n%s", r.out)
			}
		})
	}
	// The refusal changed nothing: the lock is still this process's and
	// the session goes on.
	if _, err := os.Stat(lock); err != nil {
		t.Errorf("the lock is gone: %v", err)
	}
	m.post(0, journal.Event{Type: journal.EvClock})
	if err := m.s.Flush(); err != nil {
		t.Errorf("the session cannot go on after the refused resume: %v", err)
	}
}
