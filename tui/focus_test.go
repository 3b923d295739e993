package tui

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// toClosing is the keys from the roll call to the impression round of the
// demo (six panels).
var toClosing = []string{"enter", "l", "l", "l", "l", "l", "l"}

// openInput is how each input of the app is reached from the start, and
// the focus it gives back with esc.
var openInput = []struct {
	name   string
	review bool // the meeting follows up an earlier one
	keys   []string
	want   focus
	back   focus
}{
	{name: "notes", keys: []string{"enter", "tab"}, want: focusNotes, back: focusNone},
	{name: "panel answer text", keys: []string{"enter", "a", "tab", "enter"}, want: focusAnswerText, back: focusAnswers},
	{name: "panel action item", keys: []string{"enter", "i"}, want: focusAction, back: focusNone},
	{name: "meeting action item", keys: append(toClosing, "i"), want: focusAction, back: focusNone},
	{name: "late joiner at the roll call", keys: []string{"+"}, want: focusLateJoiner, back: focusNone},
	{name: "late joiner while answering", keys: []string{"enter", "a", "+"}, want: focusLateJoiner, back: focusAnswers},
	{name: "review note", review: true, keys: []string{"enter", "d"}, want: focusReviewNote, back: focusNone},
	{name: "impression", keys: append(toClosing, "enter"), want: focusImpression, back: focusNone},
	{name: "survey text", keys: append(toClosing, "right", "tab", "tab", "enter"), want: focusAnswerText, back: focusAnswers},
}

func appFor(t *testing.T, review bool) *Model {
	t.Helper()
	if !review {
		m, _ := newApp(t, 100, 30, appOptions{})
		return m
	}
	root := t.TempDir()
	firstSession(t, root)
	m, _ := newApp(t, 100, 30, appOptions{root: root, history: history(t, root)})
	return m
}

func TestEveryInputIsLeftWithEsc(t *testing.T) {
	for _, c := range openInput {
		t.Run(c.name, func(t *testing.T) {
			m := appFor(t, c.review)
			keys(m, c.keys...)
			if m.focus != c.want {
				t.Fatalf("keys %v give the focus %v, want %v", c.keys, m.focus, c.want)
			}
			at := m.at
			keys(m, "esc")
			if m.focus != c.back || m.at != at {
				t.Errorf("after esc: focus %v at %+v, want %v at %+v", m.focus, m.at, c.back, at)
			}
		})
	}
}

// commandKeys is every key that is a command somewhere: typed into an
// input, none of them may act as one.
const commandKeys = "q?e+Anlhpfraixdogyjkbu1234567890 "

func TestKeysTypedIntoAnInputAreText(t *testing.T) {
	for _, c := range openInput {
		t.Run(c.name, func(t *testing.T) {
			m := appFor(t, c.review)
			keys(m, c.keys...)
			at := m.at
			f, _ := m.fieldOf(m.focus)
			f.in.SetValue("")
			keys(m, "right", "left", "up", "down", "pgdown", "pgup")
			typeText(m, commandKeys)
			if m.focus != c.want || m.at != at {
				t.Fatalf("typing moved the focus to %v at %+v, want %v at %+v", m.focus, m.at, c.want, at)
			}
			if m.ctx.Err() != nil {
				t.Fatal("typing q or ctrl-less keys quit the app")
			}
			if got := f.in.Value(); got != commandKeys {
				t.Errorf("the input holds %q, want every key typed: %q", got, commandKeys)
			}
		})
	}
}

func TestWhileAnsweringLettersAreAnswersAndArrowsMoveOn(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "a")
	at := m.at
	keys(m, "l", "p", "h", "n", "f", "r", "i")
	if m.focus != focusAnswers || m.at != at || m.panel.presenter {
		t.Fatalf("letters acted as commands while answering: focus %v at %+v", m.focus, m.at)
	}
	keys(m, "right")
	if m.at.Panel != at.Panel+1 || m.focus != focusNone {
		t.Errorf("→ moves on to the next panel with the keys back to its commands, at %+v focus %v", m.at, m.focus)
	}
}

func TestTheHelpOverlayTakesNoCommands(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "a", "?")
	at := m.at
	keys(m, "l", "i", "tab", "1")
	if m.focus != focusHelp || m.at != at {
		t.Fatalf("keys acted behind the help: focus %v at %+v", m.focus, m.at)
	}
	if got := m.state().Answer("latency", "trend", "Aiko"); got != "" {
		t.Errorf("a key behind the help answered: %q", got)
	}
	keys(m, "esc")
	if m.focus != focusAnswers || m.ctx.Err() != nil {
		t.Errorf("esc closes the help (back to answering), focus %v", m.focus)
	}
	keys(m, "?", "q")
	if m.ctx.Err() == nil {
		t.Error("q quits from the help, as its footer says")
	}
}

func TestEveryTypingFocusHasAnInputAndHelp(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter")
	for f := focusNone; f <= focusJoin; f++ {
		fl, ok := m.fieldOf(f)
		if ok != f.typing() {
			t.Errorf("focus %v: an input %v, typing %v", f, ok, f.typing())
		}
		if ok && len(fl.in.ShortHelp()) == 0 {
			t.Errorf("focus %v: its input shows no keys", f)
		}
		if h := m.helpFor(f); len(h.ShortHelp()) == 0 {
			t.Errorf("focus %v shows no keys", f)
		}
	}
}

// TestHelpNamesWhatTheScreenDoes checks footers that used to offer keys
// doing nothing there, or to say the wrong thing of them.
func TestHelpNamesWhatTheScreenDoes(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, toClosing...)
	if foot := footer(m); strings.Contains(foot, "answer") {
		t.Errorf("the impression round offers answering, which it does not do: %q", foot)
	}
	keys(m, "right")
	if foot := footer(m); strings.Contains(foot, "esc") {
		t.Errorf("the survey offers esc, which does nothing there: %q", foot)
	}
	keys(m, "tab", "tab", "enter")
	if foot := footer(m); !strings.Contains(foot, "enter save & next") || !strings.Contains(foot, "esc save") {
		t.Errorf("a text answer's help: %q", foot)
	}
}

// footer is the help line of the screen.
func footer(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-2]
}

func TestLeavingAFieldJournalsItsDraft(t *testing.T) {
	m, _ := newApp(t, 100, 30, appOptions{})
	keys(m, "enter", "tab")
	typeText(m, "half a note")
	if !m.saving() {
		t.Fatal("typed notes wait for the journal")
	}
	keys(m, "esc")
	if m.saving() {
		t.Error("leaving the notes left a draft waiting")
	}
	if got := journaled(t, m).Notes["latency"]; got != "half a note" {
		t.Errorf("note on disk = %q", got)
	}
	if m.at.Phase != journal.PhasePanels {
		t.Errorf("at %+v", m.at)
	}
}
