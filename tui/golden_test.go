package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// The sizes a shared screen has: the smallest supported terminal, a
// laptop's full screen, a projector's.
var shareSizes = [][2]int{{80, 24}, {120, 40}, {200, 60}}

// TestScreensAtEverySize: each screen at each size, as the room sees it
// (goldens under testdata/TestScreensAtEverySize, ANSI stripped). Every
// line fits, also when the terminal counts East Asian Ambiguous characters
// as two cells, and the header and the status bar end at the right edge.
func TestScreensAtEverySize(t *testing.T) {
	toSurvey := append(append([]string{}, toClosing...), "right")
	screens := []struct {
		name    string
		keys    []string
		minutes bool
	}{
		{name: "opening"},
		{name: "panel", keys: []string{"enter"}},
		{name: "errors", keys: []string{"enter", "l", "l"}},
		{name: "tally", keys: []string{"enter", "a", "1", "1", "3", "2", "1", "esc"}},
		{name: "answering", keys: []string{"enter", "a", "1", "1", "3"}},
		{name: "budget", keys: []string{"enter", "b"}},
		{name: "presenter", keys: []string{"enter", "f"}},
		{name: "help", keys: []string{"enter", "?"}},
		{name: "impressions", keys: toClosing},
		{name: "survey", keys: append(toSurvey, "4", "5", "3")},
		{name: "summary", keys: append(toSurvey, "right"), minutes: true},
	}
	for _, size := range shareSizes {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				m, _ := newApp(t, size[0], size[1], appOptions{})
				keys(m, sc.keys...)
				if sc.minutes {
					m.Update(m.writeMinutes(true)())
					m.summary.path = "<session>/minutes.md" // the same length in every run
					m.resize()
				}
				checkFrame(t, m)
				if sc.name == "errors" && !strings.Contains(screen(m), "caught it sooner?") {
					t.Error("the errors panel's prompt does not end on screen")
				}
				requireScreen(t, m)
			})
		}
	}
}

// TestEightRatingsShowTheirTally: after a and eight digits the panel shows
// how the room answered, option by option, at every size.
func TestEightRatingsShowTheirTally(t *testing.T) {
	for _, size := range shareSizes {
		m, _ := newApp(t, size[0], size[1], appOptions{})
		addPeople(3)(m)
		keys(m, "enter", "a", "1", "1", "3", "2", "1", "1", "2", "1", "esc")
		out := screen(m)
		narrow := strings.Contains(out, "trend 8/8") && strings.Contains(out, "better ████████ 5") &&
			strings.Contains(out, "same ███ 2") && strings.Contains(out, "worse ██ 1")
		wide := strings.Contains(out, "8 of 8 answered") && strings.Contains(out, "█ 5") && strings.Contains(out, "█ 2") && strings.Contains(out, "█ 1")
		if !narrow && !wide {
			t.Errorf("%dx%d: the panel does not show the tally of eight answers:\n%s", size[0], size[1], out)
		}
	}
}

// TestScreensOfTheSmallestTerminal are the cases measured at 80×24: a
// long Japanese prompt, fifteen people, a late joiner while answering, a
// long note, a self-review, the earlier action items.
func TestScreensOfTheSmallestTerminal(t *testing.T) {
	long := strings.Repeat("p95 went up after the deploy; the pool fix helped. ", 40)[:2000]
	cases := []struct {
		name   string
		o      appOptions
		review bool
		setup  func(m *Model)
		keys   []string
	}{
		{name: "japanese_prompt", o: appOptions{agenda: demoWithPrompt(t,
			"今月は p95 が二回動いた。段差と重なるデプロイはどれか。最初のデプロイの前と比べて良くなったのか、悪くなったのか。誰がいつまでに確認するか。")}, keys: []string{"enter"}},
		{name: "fifteen_people", setup: addPeople(10)},
		{name: "fifteen_people_answering", setup: addPeople(10), keys: []string{"enter", "a", "1", "2"}},
		{name: "late_joiner_answering", keys: []string{"enter", "a", "1", "+"}},
		{name: "long_note", setup: func(m *Model) { m.post(journal.Event{Type: journal.EvNote, Panel: "latency", Text: long}) }, keys: []string{"enter"}},
		{name: "solo_panel", o: appOptions{solo: true}},
		{name: "solo_survey", o: appOptions{solo: true}, keys: []string{"l", "l", "l", "l", "l", "l", "right", "4"}},
		{name: "solo_answered", o: appOptions{solo: true}, keys: []string{"a", "2"}},
		{name: "review", review: true, keys: []string{"enter", "d"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.review {
				c.o.root = t.TempDir()
				firstSession(t, c.o.root)
				c.o.history = history(t, c.o.root)
			}
			m, _ := newApp(t, 80, 24, c.o)
			if c.setup != nil {
				c.setup(m)
			}
			keys(m, c.keys...)
			checkFrame(t, m)
			requireScreen(t, m)
		})
	}
}

// checkFrame checks what a screen-shared terminal needs: no line wider
// than the screen under either count of ambiguous characters, and the
// frame's own words (the header and status bar, whose right parts end at
// the edge) free of them, so they line up either way.
func checkFrame(t *testing.T, m *Model) {
	t.Helper()
	lines := strings.Split(screen(m), "\n")
	if len(lines) != m.height {
		t.Errorf("%d lines, want %d", len(lines), m.height)
	}
	title := text.Line(m.agenda.Title)
	for i, l := range lines {
		if n := text.Width(l); n > m.width {
			t.Errorf("line %d is %d cells wide: %q", i+1, n, l)
		}
		frame := i < 2 || i == len(lines)-1
		if !frame {
			continue
		}
		own := withoutText(l, title)
		if m.at.Phase == journal.PhasePanels {
			own = withoutText(own, m.agenda.Panels[m.at.Panel].Title)
		}
		if text.HasAmbiguous(own) {
			t.Errorf("frame line %d has an East Asian Ambiguous character of ours: %q", i+1, l)
		}
		if n := text.Width(l); i < 2 && n != m.width {
			t.Errorf("header line %d is %d cells, want %d", i+1, n, m.width)
		}
	}
	if n := wide.Width(lines[len(lines)-2]); n > m.width {
		t.Errorf("the footer's keys are %d cells wide where → is two cells, more than %d", n, m.width)
	}
}

// withoutText is line without s (people's text, not the frame's), or
// without the start of s that was clipped with an ellipsis.
func withoutText(line, s string) string {
	r := []rune(s)
	for n := len(r); n > 0; n-- {
		p := string(r[:n])
		if n < len(r) {
			p += text.Ellipsis
		}
		if strings.Contains(line, p) {
			return strings.Replace(line, p, "", 1)
		}
	}
	return line
}

// demoWithPrompt is the demo agenda with another prompt on its first panel.
func demoWithPrompt(t *testing.T, prompt string) *agenda.Agenda {
	t.Helper()
	a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".")
	if err != nil {
		t.Fatal(err)
	}
	a.Panels[0].Prompt = prompt
	return a
}

// addPeople adds n late joiners at the roll call.
func addPeople(n int) func(m *Model) {
	return func(m *Model) {
		yes := true
		for i := range n {
			m.post(journal.Event{Type: journal.EvAttendance, Person: fmt.Sprintf("Person %02d", i+1), Present: &yes})
		}
	}
}
