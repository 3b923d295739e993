package tui

// The test helpers every tui test shares: one fake clock, one way to build
// the app on a demo session, one way to send keys, one golden helper for
// screens, one way to run the real program.

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// t0 is when the test meetings start: a fixed clock makes every screen,
// chart and minutes reproducible.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

type appOptions struct {
	solo    bool
	sources *sessions.Sources
	history []*sessions.Record
	root    string
	// journal options of the session (a disk that fails)
	journal []journal.Option
	// agenda replaces the demo agenda.
	agenda *agenda.Agenda
	join   JoinOptions
	// getenv is the app's environment (none when nil).
	getenv func(string) string
	// publish is the summary's publish (none when nil).
	publish PublishFunc
}

// newApp starts a demo session in a temporary folder and builds the app on
// it, sized w×h, every panel fetched.
func newApp(t testing.TB, w, h int, o appOptions) (*Model, *testclock.Clock) {
	t.Helper()
	c := testclock.New(t0)
	m := startApp(t, c, w, h, o)
	for i := range m.panels {
		m.Update(m.fetch(i)())
	}
	return m, c
}

// startApp starts a demo session on clock c and builds the app on it,
// sized w×h, nothing fetched yet.
func startApp(t testing.TB, c *testclock.Clock, w, h int, o appOptions) *Model {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if o.agenda != nil {
		a = o.agenda
	}
	root := o.root
	if root == "" {
		root = t.TempDir()
	}
	s, err := sessions.Start(root, a, sessions.StartOptions{Now: c.Now, Solo: o.solo, As: "aiko", Journal: o.journal})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	srcs := sessions.Sources{}
	if o.sources != nil {
		srcs = *o.sources
	} else {
		src, err := demo.New(sources.Config{Type: "demo", Seed: 7}, c.Now)
		if err != nil {
			t.Fatal(err)
		}
		srcs.Open = map[string]sources.Source{"demo": src}
	}
	getenv := o.getenv
	if getenv == nil {
		getenv = func(string) string { return "" } // the tests' own environment stays out
	}
	m := New(Options{Session: s, Sources: srcs, Now: c.Now, History: o.history, Join: o.join, Getenv: getenv, Publish: o.publish})
	t.Cleanup(m.Stop)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keys sends key presses straight to Update, in order.
func keys(m *Model, ks ...string) {
	for _, k := range ks {
		m.Update(press(k))
	}
}

// typeText sends text as key presses.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is what the terminal shows, without colour.
func screen(m *Model) string {
	return ansi.Strip(m.View().Content)
}

func requireScreen(t *testing.T, m *Model) {
	t.Helper()
	out := screen(m)
	out = strings.ReplaceAll(out, m.s.Dir(), "<session>")
	golden.RequireEqual(t, []byte(out))
}

// findMsg runs cmd (and the commands of a batch) until one yields a message
// that matches.
func findMsg(cmd tea.Cmd, match func(tea.Msg) bool) tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if match(msg) {
		return msg
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if got := findMsg(c, match); got != nil {
				return got
			}
		}
	}
	return nil
}

// press is the key press a key name stands for, as the terminal sends it.
func press(s string) tea.KeyPressMsg {
	if s == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if code, ok := namedKeys[s]; ok {
		return tea.KeyPressMsg{Code: code}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// namedKeys are the keys press knows by name; any other string is a
// printable key.
var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
	"up": tea.KeyUp, "down": tea.KeyDown, "right": tea.KeyRight, "left": tea.KeyLeft,
	"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// typeAndFlush types text, then delivers the draft flush the typing
// scheduled, as the debounce timer would.
func typeAndFlush(t *testing.T, m *Model, text string) {
	t.Helper()
	var flush tea.Msg
	for _, r := range text {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		if flush == nil && cmd != nil {
			flush = findMsg(cmd, func(msg tea.Msg) bool { _, ok := msg.(draftFlushMsg); return ok })
		}
	}
	if flush == nil {
		t.Fatal("typing scheduled no draft flush")
	}
	m.Update(flush)
}

// journaled reads the session back from disk, as a resume after a crash
// would.
func journaled(t *testing.T, m *Model) sessions.State {
	t.Helper()
	if err := m.s.Flush(); err != nil {
		t.Fatal(err)
	}
	rec, err := sessions.OpenRecord(m.s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return rec.State
}

// startProgram runs the real program on m (teatest), with the colour
// profile and environment pinned.
func startProgram(t *testing.T, m *Model) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(m.width, m.height),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ANSI256),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		))
}
