package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// hostileAgenda carries terminal escape sequences in every string people
// read (see the file).
var hostileAgenda = filepath.Join("..", "..", "sessions", "agenda", "testdata", "hostile.yaml")

// Nothing of those sequences reaches any output: the session folder's
// name, validate, sessions, export (Markdown and JSON), actions (Markdown
// and JSON), and messages.
func TestHostileAgendaReachesNoOutput(t *testing.T) {
	c := newCLI(t)
	root := c.env["NAGAME_SESSIONS"]
	path := hostileAgenda
	a, err := loadAgenda(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sessions.Start(root, a, sessions.StartOptions{Now: func() time.Time { return c.now }})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []journal.Event{
		{Type: journal.EvPhase, Phase: journal.PhasePanels},
		{Type: journal.EvPanel, Panel: "latency"},
		{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Fix \x1b]0;pwn\x07it", Owner: "\u009b31mBen"},
		{Type: journal.EvNote, Panel: "latency", Text: "note \x1b[2J here"},
	} {
		if err := s.Post(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	check := func(what, out string) {
		t.Helper()
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\x9b", `\u001b`, `\u0007`, `\u009b`, "pwn", "31m"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s holds %q:\n%s", what, bad, out)
			}
		}
	}
	check("the session folder", s.Name())
	for _, args := range [][]string{
		{"validate", path}, {"sessions"}, {"sessions", "--format", "json"}, {"export"}, {"export", "--format", "json"},
		{"actions"}, {"actions", "--format", "json"},
	} {
		r := c.run(t, args...)
		wantCode(t, r, exitOK)
		check("nagame "+strings.Join(args, " "), r.out+r.err)
	}
	// A message that quotes the file: a bad value full of sequences.
	raw, err := os.ReadFile(hostileAgenda)
	if err != nil {
		t.Fatal(err)
	}
	bad := writeAgenda(t, "bad.yaml", strings.Replace(string(raw), "kind: latency", "kind: \"lat\\e]0;pwn\\aency\\u009b31m\"", 1))
	r := c.run(t, "validate", bad)
	wantCode(t, r, exitError)
	check("the message about a bad kind", r.err)
	var out strings.Builder
	report(&out, errors.New("from a backend: \x1b]0;pwn\x07boom\u009b31m"))
	check("report", out.String())
	if _, err := os.Stat(filepath.Join(root, s.Name())); err != nil {
		t.Fatal(err)
	}
}
