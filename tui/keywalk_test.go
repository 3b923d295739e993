package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/internal/testclock"
	"github.com/nagame-dev/nagame/sessions"
)

// Keys keep their word: on every screen, every key the footer or the full
// help lists does something, and every key not listed does nothing. Each
// listed key is pressed on a fresh app at that screen; the unlisted ones
// one after another on another, which must not change at all.

// stop is a screen (or an overlay, or the grid) to walk, reached by keys.
type stop struct {
	name   string
	review bool // the meeting follows up an earlier one
	solo   bool
	keys   []string
	// minutes delivers the written minutes after the keys (the summary).
	minutes bool
	// before are keys pressed before a listed key that would do nothing
	// where the stop leaves the cursor (↑ on the first row).
	before map[string][]string
	// typing stops are inputs: every unlisted key is text there.
	typing bool
	// publish: the agenda names a publish target and the app can publish.
	publish bool
}

var walkStops = []stop{
	{name: "attendance", keys: []string{"down", "down"}},
	{name: "review", review: true, keys: []string{"enter"}, before: map[string][]string{"up": {"down"}, "k": {"down"}, "home": {"down"}, "g": {"down"}}},
	{name: "panel", keys: []string{"enter"}},
	{name: "panel without questions or budget", keys: []string{"enter", "l", "l", "l"}},
	{name: "presenter", keys: []string{"enter", "f"}},
	{name: "answering", keys: []string{"enter", "a", "down"}},
	{name: "answering the room's question", keys: []string{"enter", "a", "tab"}},
	{name: "impressions", keys: append(slices.Clone(toClosing), "down", "down")},
	{name: "survey", keys: append(slices.Clone(toClosing), "right", "down")},
	{name: "summary", keys: append(slices.Clone(toClosing), "right", "right"), minutes: true},
	{name: "summary with a publish target", keys: append(slices.Clone(toClosing), "right", "right"), minutes: true, publish: true},
	{name: "help", keys: []string{"enter", "?"}},
	{name: "join overlay", keys: []string{"enter", "w"}},
	{name: "solo panel", solo: true},
	{name: "solo answering", solo: true, keys: []string{"a"}},
	{name: "solo survey", solo: true, keys: []string{"l", "l", "l", "l", "l", "l", "right"}},
	{name: "notes", keys: []string{"enter", "tab"}, typing: true},
	{name: "late joiner", keys: []string{"enter", "+"}, typing: true},
}

// candidateKeys are the keys the walk presses that a screen does not list.
func candidateKeys() []string {
	ks := []string{"enter", "esc", "tab", "shift+tab", "backspace", "delete", "up", "down", "left", "right",
		"home", "end", "pgup", "pgdown", "space", "ctrl+u", "ctrl+d", "ctrl+a", "ctrl+e"}
	for c := '!'; c <= '~'; c++ {
		ks = append(ks, string(c))
	}
	return ks
}

// walkPress is the key press a key name stands for, as the terminal sends it.
func walkPress(s string) tea.KeyPressMsg {
	switch {
	case s == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case s == "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case s == "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case s == "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case strings.HasPrefix(s, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	return press(s)
}

func TestEveryListedKeyActsAndNoOtherDoes(t *testing.T) {
	for _, s := range walkStops {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			m := s.open(t)
			listed := listedKeys(m)
			if len(listed) == 0 {
				t.Fatal("the stop lists no keys")
			}
			t.Logf("%s (focus %v) lists %q", s.name, m.focus, listed)
			for _, k := range listed {
				if walkPress(k).String() != k {
					t.Errorf("the walk cannot press %q (it sends %q)", k, walkPress(k).String())
				}
			}
			// Every listed key acts, pressed on a fresh app.
			for _, k := range listed {
				m := s.open(t)
				keys(m, s.before[k]...)
				before := fingerprint(m)
				m.Update(walkPress(k))
				if fingerprint(m) == before {
					t.Errorf("%s lists %q, which does nothing there", s.name, k)
				}
			}
			if s.typing {
				return // every other key is text
			}
			// No unlisted key acts.
			m = s.open(t)
			before := fingerprint(m)
			for _, k := range candidateKeys() {
				if slices.Contains(listed, k) {
					continue
				}
				m.Update(walkPress(k))
				if after := fingerprint(m); after != before {
					t.Fatalf("%s: %q is not listed but acts:\n%s", s.name, k, diffLines(before, after))
				}
			}
		})
	}
}

// listedKeys are every key of every binding the footer and the full help
// show for the focus.
func listedKeys(m *Model) []string {
	h := m.helpFor(m.focus)
	var out []string
	add := func(b []string) {
		for _, k := range b {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	for _, b := range h.ShortHelp() {
		if b.Enabled() {
			add(b.Keys())
		}
	}
	for _, g := range h.FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				add(b.Keys())
			}
		}
	}
	return out
}

// fingerprint is what a key can change: the screen, the focus, the stop,
// the journal, the status line, whether the app quit.
func fingerprint(m *Model) string {
	return fmt.Sprintf("%s\n%v %v %+v events=%d quit=%v status=%q", screen(m), m.focus, m.back, m.at,
		m.state().Events, m.ctx.Err() != nil, m.status.text)
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}

// open builds a fresh app at the stop.
func (s stop) open(t *testing.T) *Model {
	t.Helper()
	o := appOptions{solo: s.solo}
	if s.publish {
		o.agenda = publishingAgenda(t)
		o.publish = func(context.Context, string) ([]string, error) { return []string{"datadog: notebook created"}, nil }
	}
	if s.review {
		o.root = t.TempDir()
		firstSession(t, o.root)
		o.history = history(t, o.root)
	}
	m := quickApp(t, 100, 30, o)
	keys(m, s.keys...)
	if s.minutes {
		m.Update(m.writeMinutes(true)())
		keys(m, "pgdown", "pgdown")
	}
	return m
}

// walkData caches the demo panels' data: the walk builds hundreds of apps,
// and fetching is most of the cost of one.
var walkData struct {
	once  sync.Once
	panel []*sessions.PanelData
}

// quickApp is newApp with the panels' data fetched once for all.
func quickApp(t *testing.T, w, h int, o appOptions) *Model {
	t.Helper()
	walkData.once.Do(func() {
		m, _ := newApp(t, w, h, appOptions{})
		for _, p := range m.panels {
			walkData.panel = append(walkData.panel, p.data)
		}
	})
	c := testclock.New(t0)
	m := startApp(t, c, w, h, o)
	for i, d := range walkData.panel {
		m.panels[i].gen++
		m.Update(fetchedMsg{index: i, gen: m.panels[i].gen, data: d})
	}
	return m
}
