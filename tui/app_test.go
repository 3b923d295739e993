package tui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// t0 is when the test meetings start: a fixed clock makes every screen,
// chart and minutes reproducible.
var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type appOptions struct {
	solo    bool
	sources *sessions.Sources
	history []*sessions.Record
	root    string
	// journal options of the session (a disk that fails)
	journal []journal.Option
}

// newApp starts a demo session in a temporary folder and builds the app on
// it, sized w×h, every panel fetched.
func newApp(t testing.TB, w, h int, o appOptions) (*Model, *clock) {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: t0}
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
	m := New(Options{Session: s, Sources: srcs, Now: c.Now, History: o.history})
	t.Cleanup(m.Stop)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for i := range m.panels {
		m.Update(m.fetch(i)())
	}
	return m, c
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

func TestScreens(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		keys []string
		text string
	}{
		{name: "opening", w: 100, h: 30},
		{name: "panel_wide", w: 140, h: 42, keys: []string{"enter"}},
		{name: "panel_80x24", w: 80, h: 24, keys: []string{"enter"}},
		{name: "panel_errors", w: 100, h: 32, keys: []string{"enter", "l", "l"}},
		{name: "panel_slo", w: 100, h: 32, keys: []string{"enter", "l", "l", "l", "l"}},
		{name: "notes", w: 100, h: 32, keys: []string{"enter", "tab"}, text: "p95 up after the 14:10 deploy\npool fix helped"},
		{name: "answering", w: 100, h: 32, keys: []string{"enter", "a", "1", "1", "2"}},
		{name: "action_form", w: 100, h: 32, keys: []string{"enter", "i"}, text: "Alert on pool saturation"},
		{name: "presenter", w: 100, h: 32, keys: []string{"enter", "f"}},
		{name: "help", w: 100, h: 32, keys: []string{"enter", "?"}},
		{name: "too_small", w: 70, h: 20},
		{name: "impressions", w: 100, h: 30, keys: []string{"enter", "l", "l", "l", "l", "l", "l", "enter"}, text: "Clear story"},
		{name: "survey", w: 100, h: 30, keys: []string{"enter", "l", "l", "l", "l", "l", "l", "right", "4", "5"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := newApp(t, c.w, c.h, appOptions{})
			keys(m, c.keys...)
			for i, line := range strings.Split(c.text, "\n") {
				if i > 0 {
					m.Update(press("enter"))
				}
				typeText(m, line)
			}
			requireScreen(t, m)
		})
	}
}

func TestSummaryScreenShowsTheMinutes(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "tab")
	typeText(m, "pool fix helped")
	keys(m, "esc")
	for range 8 {
		keys(m, "right")
	}
	if m.at.Phase != journal.PhaseSummary {
		t.Fatalf("phase = %s, want summary", m.at.Phase)
	}
	msg := m.writeMinutes(false)()
	_, cmd := m.Update(msg)
	if cmd == nil {
		t.Fatal("no render after the minutes were written")
	}
	m.Update(cmd())
	out := screen(m)
	for _, want := range []string{"Minutes:", "checkout — metrics viewing party (demo)", "Summary"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary screen lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasSuffix(strings.TrimSpace(l), "…") && !strings.Contains(l, "Minutes:") {
			t.Errorf("a line of the minutes was cut: %q", l)
		}
	}
	// Scrolling down reaches the notes.
	for range 10 {
		keys(m, "pgdown")
	}
	if !strings.Contains(screen(m), "pool fix helped") && !strings.Contains(ansi.Strip(m.summary.rendered), "pool fix helped") {
		t.Error("the rendered minutes lack the note")
	}
}

// broken is a backend that is down.
type broken struct{}

func (broken) Fetch(context.Context, sources.Query, sources.Window) ([]sources.Series, error) {
	return nil, &sources.Error{Backend: "datadog", Msg: "403 Forbidden \x1b[31m(red)", Hint: "check DD_API_KEY / DD_APP_KEY and site"}
}

func TestAFailingPanelShowsWhyAndTheMeetingGoesOn(t *testing.T) {
	srcs := sessions.Sources{Open: map[string]sources.Source{"demo": broken{}}}
	m, _ := newApp(t, 100, 30, appOptions{sources: &srcs})
	keys(m, "enter")
	requireScreen(t, m)
	out := screen(m)
	if strings.Contains(m.View().Content, "\x1b[31m(red)") {
		t.Error("an escape sequence from a backend reached the terminal")
	}
	if !strings.Contains(out, "6 failed") || !strings.Contains(out, "r retries") {
		t.Errorf("status or retry hint missing:\n%s", out)
	}
	keys(m, "l")
	if m.at.Panel != 1 {
		t.Error("a failed panel must not stop the meeting")
	}
}

func TestAChartWithOneSpikeShowsTheSpike(t *testing.T) {
	spike := spikeSource{}
	srcs := sessions.Sources{Open: map[string]sources.Source{"demo": spike}}
	m, _ := newApp(t, 120, 40, appOptions{sources: &srcs})
	keys(m, "enter")
	out := screen(m)
	// The latency figures carry the spike's value, and so do the chart's
	// y labels (its top label is at or above 2 s).
	if !strings.Contains(out, "max 2 s") {
		t.Errorf("the max figure misses the spike:\n%s", out)
	}
	if !strings.Contains(out, " 2 s┤") {
		t.Errorf("the chart's axis does not reach the spike:\n%s", out)
	}
}

// spikeSource answers every query with 10,000 points at 100 ms and one
// point at 2 s in the middle.
type spikeSource struct{}

func (spikeSource) Fetch(_ context.Context, q sources.Query, w sources.Window) ([]sources.Series, error) {
	const n = 10000
	step := w.Duration() / n
	s := sources.Series{Name: "p95", Unit: "s", Step: step, Points: make([]sources.Point, n)}
	for i := range s.Points {
		v := 0.1
		if i == n/2+7 {
			v = 2
		}
		s.Points[i] = sources.Point{T: w.From.Add(time.Duration(i) * step), V: v}
	}
	return []sources.Series{s}, nil
}

func TestQuitSavesTypedNotes(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "tab")
	typeText(m, "typed just before quitting")
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if cmd == nil {
		t.Fatal("ctrl+c must quit even while typing")
	}
	if err := m.s.Flush(); err != nil {
		t.Fatal(err)
	}
	rec, err := sessions.OpenRecord(m.s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.State.Notes["latency"]; got != "typed just before quitting" {
		t.Errorf("journaled note = %q", got)
	}
}

func TestNotesAreJournaledWithinASecondWhileTyping(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "tab")
	_, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if cmd == nil {
		t.Fatal("typing must schedule a flush")
	}
	start := time.Now()
	msg := findMsg(cmd, func(msg tea.Msg) bool { _, ok := msg.(noteFlushMsg); return ok })
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("the flush came after %v, want ≤ 1s", waited)
	}
	m.Update(msg)
	if err := m.s.Flush(); err != nil {
		t.Fatal(err)
	}
	rec, err := sessions.OpenRecord(m.s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if rec.State.Notes["latency"] != "x" {
		t.Errorf("note not journaled after the debounce: %q", rec.State.Notes["latency"])
	}
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

func TestSoloReviewSkipsTheRollCall(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{solo: true})
	if m.at.Phase != journal.PhasePanels {
		t.Fatalf("a solo review starts on the panels, at %+v", m.at)
	}
	keys(m, "a", "1")
	if got := m.s.State().Answer("latency", "trend", "aiko"); got != "better" {
		t.Errorf("solo answer = %q, want better", got)
	}
}

func TestResizeAndBackKeepsEverything(t *testing.T) {
	m, _ := newApp(t, 140, 42, appOptions{})
	keys(m, "enter")
	before := screen(m)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	small := screen(m)
	if lines := strings.Split(small, "\n"); len(lines) != 24 {
		t.Errorf("80×24 screen has %d lines", len(lines))
	}
	for _, l := range strings.Split(small, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line wider than 80: %d %q", w, l)
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 42})
	if after := screen(m); after != before {
		t.Error("resizing back changed the screen")
	}
}

func TestJournalFailureIsShown(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	m.Update(journalErrMsg{err: errors.New("disk full")})
	if !strings.Contains(screen(m), "NOT SAVED: disk full") {
		t.Error("a journal failure must be on screen")
	}
}
