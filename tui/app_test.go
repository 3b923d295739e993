package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
)

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
	m.Update(m.writeMinutes(false)())
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
	// The minutes are longer than the screen: the note is below the first
	// page, scrolling down brings it into view and the top out of it, and
	// scrolling up brings the top back.
	const note, top = "pool fix helped", "Date:"
	if !strings.Contains(ansi.Strip(m.summary.rendered), note) {
		t.Fatal("the rendered minutes lack the note")
	}
	if strings.Contains(out, note) || !strings.Contains(out, top) {
		t.Fatalf("the first page shows the note or lacks the top:\n%s", out)
	}
	for i := 0; i < 10 && !strings.Contains(screen(m), note); i++ {
		keys(m, "pgdown")
	}
	if out := screen(m); !strings.Contains(out, note) || strings.Contains(out, top) {
		t.Errorf("scrolled down, the screen lacks the note or still shows the top:\n%s", out)
	}
	for range 10 {
		keys(m, "pgup")
	}
	if out := screen(m); !strings.Contains(out, top) {
		t.Errorf("scrolled back up, the top of the minutes is not shown:\n%s", out)
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
	// The latency figures carry the spike's value; the chart keeps the
	// trend readable (its scale does not stretch to the spike) but marks the
	// spike's column on its top row and names the peak and its time.
	if !strings.Contains(out, "max 2 s") {
		t.Errorf("the max figure misses the spike:\n%s", out)
	}
	if !strings.Contains(out, "▴") || !strings.Contains(out, "range clipped · max 2 s") {
		t.Errorf("the chart does not show where the spike is and how high:\n%s", out)
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
	msg := findMsg(cmd, func(msg tea.Msg) bool { _, ok := msg.(draftFlushMsg); return ok })
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
