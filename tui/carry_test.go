package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sessions/lock"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/demo"
)

// firstSession runs a short session of the demo agenda through the record
// API: two action items, then the end.
func firstSession(t *testing.T, root string) *sessions.Record {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	c := testclock.New(t0.Add(-30 * 24 * time.Hour))
	s, err := sessions.Start(root, a, sessions.StartOptions{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []journal.Event{
		{Type: journal.EvPhase, Phase: journal.PhasePanels},
		{Type: journal.EvPanel, Panel: "latency"},
		{Type: journal.EvAction, Action: "a1", Panel: "latency", Text: "Alert on pool saturation", Owner: "Ben"},
		{Type: journal.EvAction, Action: "a2", Panel: "errors", Text: "Write the incident review", Owner: "Chen", Due: "2026-11-01"},
		{Type: journal.EvEnd},
	} {
		c.Advance(time.Minute)
		if err := s.Post(e); err != nil {
			t.Fatal(err)
		}
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := sessions.OpenRecord(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func history(t *testing.T, root string) []*sessions.Record {
	t.Helper()
	recs, errs := sessions.ListRecords(root)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return sessions.History(recs, "checkout — metrics viewing party (demo)", "checkout", "")
}

// TestEarlierActionItemsComeBack runs a second and a third session of the
// same agenda with the real program: the second opens with the items the
// first left open, marks one done and one still open, and its minutes say
// so; the third shows only the one still open.
func TestEarlierActionItemsComeBack(t *testing.T) {
	root := t.TempDir()
	first := firstSession(t, root)

	m, _ := newApp(t, 120, 40, appOptions{root: root, history: history(t, root)})
	tm := startProgram(t, m)
	waitFor(t, tm, "Who is here?")
	tm.Send(press("enter"))
	waitFor(t, tm, "Action items from earlier sessions")
	tm.Send(press("d"))
	tm.Type("shipped in 4.2")
	tm.Send(press("enter"))
	tm.Send(press("o"))
	tm.Type("waiting on the search team")
	tm.Send(press("enter"))
	for range 9 {
		tm.Send(press("right"))
	}
	waitFor(t, tm, "Minutes:")
	tm.Send(press("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	md, err := os.ReadFile(filepath.Join(fm.s.Dir(), sessions.MinutesFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Action items from earlier sessions",
		"- [x] Alert on pool saturation — Ben (done, from " + first.Name,
		"- [ ] Write the incident review — Chen (open, from " + first.Name,
		"waiting on the search team",
		"## Since last time",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("second minutes lack %q", want)
		}
	}
	if err := fm.s.Close(); err != nil {
		t.Fatal(err)
	}

	third, _ := newApp(t, 120, 40, appOptions{root: root, history: history(t, root)})
	keys(third, "enter")
	out := screen(third)
	if !strings.Contains(out, "Write the incident review") || strings.Contains(out, "Alert on pool saturation") {
		t.Errorf("the third session reviews only what is still open:\n%s", out)
	}
	if !strings.Contains(out, "overdue since 2026-11-01") {
		t.Errorf("an overdue item says so:\n%s", out)
	}
}

// TestReviewSurvivesACrash marks an earlier item, then the process dies
// (no pause, the lock left behind, removed by hand as the message says):
// the resumed session shows the review and the same items.
func TestReviewSurvivesACrash(t *testing.T) {
	root := t.TempDir()
	firstSession(t, root)
	hist := history(t, root)
	m, c := newApp(t, 100, 30, appOptions{root: root, history: hist})
	keys(m, "enter", "x")
	typeText(m, "search moved teams")
	keys(m, "enter")
	if err := m.s.Flush(); err != nil {
		t.Fatal(err)
	}
	// The crash: nothing more is written; the lock stays.
	dir := m.s.Dir()
	if err := os.Remove(filepath.Join(dir, lock.FileName)); err != nil {
		t.Fatal(err)
	}
	c.Advance(5 * time.Minute)
	s, err := sessions.Resume(dir, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	src, err := demo.New(sources.Config{Type: "demo", Seed: 7}, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	r := New(Options{Session: s, Sources: sessions.Sources{Open: map[string]sources.Source{"demo": src}}, Now: c.Now, History: hist})
	defer r.Stop()
	r.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if r.at.Phase != journal.PhaseActions {
		t.Fatalf("resumed at %+v, want the review of earlier items", r.at)
	}
	out := screen(r)
	if !strings.Contains(out, "dropped") || !strings.Contains(out, "search moved teams") || !strings.Contains(out, "not reviewed") {
		t.Errorf("the resumed review lost its marks:\n%s", out)
	}
}
