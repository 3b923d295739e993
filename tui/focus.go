package tui

import (
	"slices"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// focus is where keys go. One value, in the shared app; onKey is the one
// place that reads it to decide whether a key is text for an input or a
// command, and focusOn the one place that changes it.
type focus int

const (
	// focusNone: keys are the commands of the screen.
	focusNone focus = iota
	// focusAnswers: keys answer the grid's question, so letters that are
	// commands elsewhere (n, the digits) are answers; the arrows move on.
	focusAnswers
	// The inputs: every key is text but the input's own enter and esc (and
	// ctrl+c, which always quits).
	focusNotes
	focusAnswerText
	focusAction
	focusReviewNote
	focusImpression
	// The overlays open over any screen and give the keys back, when
	// closed, to the focus they opened over: a late joiner's name (an
	// input too), the full help, and how to answer from a phone.
	focusLateJoiner
	focusHelp
	focusJoin
)

// typing reports whether keys are text for an input.
func (f focus) typing() bool {
	switch f {
	case focusNotes, focusAnswerText, focusAction, focusReviewNote, focusImpression, focusLateJoiner:
		return true
	}
	return false
}

func (f focus) overlay() bool { return f == focusLateJoiner || f == focusHelp || f == focusJoin }

// screenFocus is the focus the screen lays itself out for: under an
// overlay, the one the overlay gives the keys back to.
func (a *app) screenFocus() focus {
	if a.focus.overlay() {
		return a.back
	}
	return a.focus
}

// ask is what a key asks of the shell beyond the screen's own state.
type ask struct {
	// focus is where keys go after this key.
	focus focus
	// move is +1 to go on to the next stop of the meeting, -1 to go back.
	move int
	// fetch asks to fetch the current panel again.
	fetch bool
	// panel, from 1, asks to go to that panel.
	panel int
}

// field is the focused input and what its owner does with each edit: the
// owner journals it and says where keys go next.
type field struct {
	in     input
	edited func(edit) (tea.Cmd, ask)
}

// fieldOf is the input that focus f types into; ok is false when keys are
// not text there.
func (m *Model) fieldOf(f focus) (field, bool) {
	switch f {
	case focusNotes:
		return field{&m.panel.notes, m.panel.onNotes}, true
	case focusAnswerText:
		g := m.grid()
		return field{&g.text, func(e edit) (tea.Cmd, ask) { return g.onText(m.app, e) }}, true
	case focusAction:
		f := m.actionForm()
		return field{f, f.onEdit}, true
	case focusReviewNote:
		return field{&m.review.note, m.review.onNote}, true
	case focusImpression:
		return field{&m.closing.impression, m.closing.onImpression}, true
	case focusLateJoiner:
		return field{&m.attendance.late, m.onLateJoiner}, true
	}
	return field{}, false
}

// grid is the answer grid of this stop: the panel's, or the survey.
func (m *Model) grid() *answerGrid {
	if m.at.Phase == journal.PhaseClosing {
		return &m.closing.survey
	}
	return &m.panel.grid
}

// actionForm is the action-item form of this stop.
func (m *Model) actionForm() *actionForm {
	if m.at.Phase == journal.PhaseClosing {
		return &m.closing.action
	}
	return &m.panel.action
}

// onKey routes a key press: text for the focused input (typed), or a
// command of the help overlay, of the app, or of the screen.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.keys.ForceQuit) {
		return m.quit()
	}
	if cmd, ok := m.typed(k); ok {
		return cmd
	}
	km := m.keys
	switch m.focus {
	case focusHelp:
		switch {
		case key.Matches(k, km.Quit):
			return m.quit()
		case key.Matches(k, km.Help, km.Leave):
			return m.focusOn(m.back)
		}
		return nil
	case focusJoin:
		switch {
		case key.Matches(k, km.Quit):
			return m.quit()
		case key.Matches(k, km.Join, km.Leave):
			return m.focusOn(m.back)
		case key.Matches(k, km.Refetch) && m.join.srv == nil && !m.join.starting:
			return m.startJoin(true) // r tries again after a failure
		}
		return nil
	}
	switch {
	case key.Matches(k, km.Quit):
		return m.quit()
	case key.Matches(k, km.Help):
		return m.focusOn(focusHelp)
	case key.Matches(k, km.Export):
		m.setStatus("minutes", "Writing the minutes…", false)
		return m.writeMinutes(false)
	case key.Matches(k, km.AddLate) && m.canAddLate():
		// Someone walks in: add them from any screen, not only the roll call.
		m.attendance.late.SetValue("")
		return m.focusOn(focusLateJoiner)
	case key.Matches(k, km.Join) && m.canJoin():
		return tea.Batch(m.focusOn(focusJoin), m.startJoin(true))
	}
	return m.apply(m.screenKey(k))
}

// screenKey gives a command key to the screen of this stop.
func (m *Model) screenKey(k tea.KeyPressMsg) (tea.Cmd, ask) {
	switch m.at.Phase {
	case journal.PhaseOpening:
		return m.attendance.Update(k)
	case journal.PhaseActions:
		return m.review.Update(k)
	case journal.PhasePanels:
		return m.panel.Update(k)
	case journal.PhaseClosing:
		return m.closing.Update(k)
	}
	return m.summary.Update(k)
}

// typed is the one place that decides whether a message is text: while
// the focus is on an input, every key (but ctrl+c), paste and cursor blink
// goes to it, and its owner journals what it did; ok is false when keys are
// commands here.
func (m *Model) typed(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	if !m.focus.typing() {
		return nil, false
	}
	f, _ := m.fieldOf(m.focus)
	cmd, e := f.in.Update(msg)
	if e == unchanged {
		return cmd, true
	}
	return tea.Batch(cmd, m.apply(f.edited(e))), true
}

// apply does what a key asked: focus first, then a move (which gives the
// new stop its own focus).
func (m *Model) apply(cmd tea.Cmd, a ask) tea.Cmd {
	cmds := []tea.Cmd{cmd, m.focusOn(a.focus)}
	if a.fetch {
		cmds = append(cmds, m.fetch(m.at.Panel))
	}
	switch {
	case a.move > 0:
		cmds = append(cmds, m.goTo(m.route.next(m.at)))
	case a.move < 0:
		cmds = append(cmds, m.goTo(m.route.prev(m.at)))
	case a.panel > 0 && a.panel <= len(m.agenda.Panels):
		cmds = append(cmds, m.goTo(step{Phase: journal.PhasePanels, Panel: a.panel - 1}))
	}
	return tea.Batch(cmds...)
}

// focusOn gives the keys to f. Leaving an input blurs it and journals its
// draft; opening an overlay remembers the focus to give the keys back to.
func (m *Model) focusOn(f focus) tea.Cmd {
	if f == m.focus {
		return nil
	}
	if old, ok := m.fieldOf(m.focus); ok {
		old.in.Blur()
		m.flush()
	}
	switch {
	case f.overlay():
		m.back = m.focus
	case m.focus.overlay():
		m.back = focusNone
	}
	m.focus = f
	if in, ok := m.fieldOf(f); ok {
		return in.in.Focus()
	}
	return nil
}

// onLateJoiner adds the late joiner when the name is entered; either way
// the keys go back to where they were.
func (m *Model) onLateJoiner(e edit) (tea.Cmd, ask) {
	switch e {
	case submitted:
		m.attendance.addLate()
		m.panel.grid.people = m.present()
	case left:
	default:
		return nil, ask{focus: focusLateJoiner}
	}
	return nil, ask{focus: m.back}
}

// canAddLate reports whether "+" adds a late joiner here: not in a
// self-review, the survey (where keys answer) or the summary.
func (m *Model) canAddLate() bool {
	switch {
	case m.state().Start.Solo, m.at.Phase == journal.PhaseSummary:
		return false
	case m.at.Phase == journal.PhaseClosing && m.at.Stage == stageSurvey:
		return false
	}
	return true
}

// canJoin reports whether w shows how to answer from a phone: anywhere
// but the summary, where the meeting is over.
func (m *Model) canJoin() bool { return m.at.Phase != journal.PhaseSummary }

// helpFor is what the help shows for focus f: the input's keys (and
// ctrl+c), an overlay's, or the grid's or the screen's with the keys the
// shell answers to everywhere. Keys that do nothing here are left out.
func (m *Model) helpFor(f focus) help.KeyMap {
	km := m.keys
	if fl, ok := m.fieldOf(f); ok {
		short := fl.in.ShortHelp()
		if !slices.ContainsFunc(short, func(b key.Binding) bool { return b.Help().Key == km.ForceQuit.Help().Key }) {
			short = append(short, km.ForceQuit)
		}
		return keyHelp{short: short, full: [][]key.Binding{short}}
	}
	switch f {
	case focusHelp:
		return oneLineHelp(either(km.Help, km.Leave, "close the help"), km.Quit)
	case focusJoin:
		keys := []key.Binding{either(km.Join, km.Leave, "close"), km.Quit}
		if m.join.srv == nil && !m.join.starting {
			keys = append(keys, relabel(km.Refetch, "try again"))
		}
		return oneLineHelp(keys...)
	}
	h := m.screenHelp(f)
	live := func(bs []key.Binding) []key.Binding {
		return slices.DeleteFunc(slices.Clone(bs), func(b key.Binding) bool { return !m.keyLive(b) })
	}
	full := make([][]key.Binding, 0, 4)
	for _, g := range h.FullHelp() {
		full = append(full, live(g))
	}
	shell := append(when(m.canAddLate(), km.AddLate), when(m.canJoin(), km.Join)...)
	shell = append(shell, km.Export, km.Help, km.Quit)
	return keyHelp{
		short: append(live(h.ShortHelp()), km.Help, km.Quit),
		full:  append(full, shell),
	}
}

// keyLive reports whether a screen's help entry acts here: the shell's
// late joiner and phone keys do not everywhere, and there is no going back
// from the first stop.
func (m *Model) keyLive(b key.Binding) bool {
	switch b.Help().Key {
	case m.keys.AddLate.Help().Key:
		return m.canAddLate()
	case m.keys.Join.Help().Key:
		return m.canJoin()
	case m.keys.Prev.Help().Key, m.keys.ArrowPrev.Help().Key:
		return m.route.prev(m.at) != m.at
	}
	return true
}

// screenHelp is the help of the grid or of the screen of this stop.
func (m *Model) screenHelp(f focus) help.KeyMap {
	if f == focusAnswers {
		return m.grid()
	}
	switch m.at.Phase {
	case journal.PhaseOpening:
		return &m.attendance
	case journal.PhaseActions:
		return &m.review
	case journal.PhasePanels:
		return &m.panel
	case journal.PhaseClosing:
		return &m.closing
	}
	return &m.summary
}
