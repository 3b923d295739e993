package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// noteFlushMsg asks to journal typed notes (debounced).
type noteFlushMsg struct{ gen int }

// Update routes a message. It never blocks: fetches, minutes and renders
// run in commands; the journal is written by the session's own writer.
// What View needs that is costly (the chart) is prepared here.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.update(msg)
	m.prepare()
	return model, cmd
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, m.summaryRender()
	case tea.BackgroundColorMsg:
		m.styles = NewStyles(msg.IsDark())
		m.applyStyles()
		return m, m.summaryRender()
	case tickMsg:
		return m, m.onTick()
	case fetchedMsg:
		m.onFetched(msg)
		return m, nil
	case noteFlushMsg:
		if msg.gen == m.noteGen {
			m.flushNotes()
		}
		return m, nil
	case draftFlushMsg:
		if msg.gen == m.draftGen {
			m.flushDraft()
		}
		return m, nil
	case minutesMsg:
		return m, m.onMinutes(msg)
	case renderedMsg:
		m.summary.onRendered(msg)
		return m, nil
	case journalErrMsg:
		if msg.err != nil {
			m.fatal = msg.err
		}
		return m, m.watchJournal() // the writer retries: it may fail again later
	case tea.PasteMsg:
		return m, m.onPaste(msg)
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	}
	return m, m.forward(msg)
}

// forward gives other messages (cursor blinks) to the focused input.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.mode {
	case modeNotes:
		m.notes, cmd = m.notes.Update(msg)
	case modeAction:
		m.action, cmd, _ = m.action.Update(msg)
	}
	return cmd
}

func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	if k.String() == "ctrl+c" {
		return m.quit()
	}
	if m.typing() {
		return m.onTypingKey(k)
	}
	if m.showHelp {
		if key.Matches(k, m.keys.Help, m.keys.Leave, m.keys.Quit) {
			m.showHelp = false
		}
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.quit()
	case key.Matches(k, m.keys.Help):
		m.showHelp = true
		return nil
	case key.Matches(k, m.keys.Export):
		return m.writeMinutes(false)
	case key.Matches(k, m.keys.AddLate) && m.canAddLate():
		// Someone walks in: add them from any screen, not only the roll call.
		m.attendance.adding = true
		m.attendance.input.SetValue("")
		return m.attendance.input.Focus()
	}
	switch m.at.Phase {
	case journal.PhaseOpening:
		return m.onOpeningKey(k)
	case journal.PhaseActions:
		return m.onReviewKey(k)
	case journal.PhasePanels:
		return m.onPanelKey(k)
	case journal.PhaseClosing:
		return m.onClosingKey(k)
	default:
		return m.onSummaryKey(k)
	}
}

// typing reports whether keys are text for an input, not commands.
func (m *Model) typing() bool {
	return m.mode == modeNotes || m.mode == modeAction || (m.mode == modeAnswer && m.grid.typing) ||
		m.attendance.adding || m.review.noting || m.closing.editing
}

func (m *Model) onTypingKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case m.mode == modeNotes:
		if key.Matches(k, m.keys.Leave) {
			m.leaveNotes()
			return nil
		}
		var cmd tea.Cmd
		m.notes, cmd = m.notes.Update(k)
		return tea.Batch(cmd, m.notesChanged())
	case m.mode == modeAction:
		return m.updateAction(k)
	case m.mode == modeAnswer:
		return m.updateGrid(k)
	case m.attendance.adding:
		name, cmd := m.attendance.updateAdding(k)
		if name != "" {
			m.addLate(name)
		}
		return cmd
	case m.review.noting:
		note, done, cmd := m.review.updateNoting(k)
		if done {
			m.saveReviewNote(note)
			return cmd
		}
		return tea.Batch(cmd, m.saveDraft(m.reviewEvent(m.review.input.Value())))
	case m.closing.editing:
		return m.onImpressionKey(k)
	}
	return nil
}

// onImpressionKey types an impression, journaling it as it grows.
func (m *Model) onImpressionKey(msg tea.Msg) tea.Cmd {
	text, person, res, cmd := m.closing.updateEditing(msg)
	e := journal.Event{Type: journal.EvImpression, Person: person, Text: text}
	if res == stillTyping {
		return tea.Batch(cmd, m.saveDraft(e))
	}
	if saved, ok := m.s.State().Impressions[person]; ok && saved == text || !ok && text == "" {
		m.dropDraft()
	} else {
		m.commitDraft(e)
	}
	if res == savedNext {
		return m.closing.next(m.present(), m.s.State())
	}
	return nil
}

func (m *Model) onPaste(p tea.PasteMsg) tea.Cmd {
	if !m.typing() {
		return nil
	}
	switch {
	case m.mode == modeNotes:
		var cmd tea.Cmd
		m.notes, cmd = m.notes.Update(p)
		return tea.Batch(cmd, m.notesChanged())
	case m.mode == modeAction:
		return m.updateAction(p)
	case m.mode == modeAnswer:
		return m.updateGrid(p)
	case m.closing.editing:
		return m.onImpressionKey(p)
	}
	return nil
}

// onTick keeps the clocks: heartbeat to the journal, timebox bell. The
// session's own clock decides (tests set it), not the tick's time.
func (m *Model) onTick() tea.Cmd {
	cmds := []tea.Cmd{tick()}
	m.save, m.fatal = m.s.SaveState(), nil
	now := m.now()
	st := m.s.State()
	if !st.Ended && now.Sub(st.Last) >= heartbeat {
		m.post(journal.Event{Type: journal.EvClock})
	}
	if m.at.Phase == journal.PhasePanels {
		p := m.panel(m.at.Panel)
		if p.Timebox > 0 && !m.bells[p.ID] && st.SpentAt(p.ID, now) >= p.Timebox {
			m.bells[p.ID] = true
			cmds = append(cmds, tea.Raw("\a"))
		}
	}
	return tea.Batch(cmds...)
}

// go moves to another stop of the meeting.
func (m *Model) goTo(s step) tea.Cmd {
	if s == m.at {
		return nil
	}
	m.enter(s, true)
	var cmds []tea.Cmd
	if s.Phase == journal.PhaseSummary {
		cmds = append(cmds, m.writeMinutes(true))
	}
	return tea.Batch(cmds...)
}

// enter shows stop s; with record, the move is journaled.
func (m *Model) enter(s step, record bool) {
	m.flushNotes()
	m.flushDraft()
	m.mode = modeNormal
	m.presenter = m.presenter && s.Phase == journal.PhasePanels
	prev := m.at
	m.at = s
	st := m.s.State()
	if record {
		if st.Phase != s.Phase || st.Stage != s.Stage {
			m.post(journal.Event{Type: journal.EvPhase, Phase: s.Phase, Value: s.Stage})
		}
		if s.Phase == journal.PhasePanels && st.Panel != m.panel(s.Panel).ID {
			m.post(journal.Event{Type: journal.EvPanel, Panel: m.panel(s.Panel).ID})
		}
		if s.Phase == journal.PhaseSummary && !st.Ended {
			m.post(journal.Event{Type: journal.EvEnd})
		}
	}
	switch s.Phase {
	case journal.PhasePanels:
		p := m.panel(s.Panel)
		m.notes.SetValue(m.s.State().Notes[p.ID])
		m.notes.MoveToEnd()
		m.notes.Blur()
		if prev.Phase != s.Phase || prev.Panel != s.Panel || m.gridFor != p.ID {
			m.grid = newAnswerGrid(p.Questions, m.present())
			m.gridFor = p.ID
		}
	case journal.PhaseClosing:
		m.closing.enter(s.Stage, m.present(), m.s.State())
		if s.Stage == stageSurvey {
			m.grid = newAnswerGrid(m.agenda.Closing.Survey, m.present())
			m.gridFor = ""
		}
	}
	m.resize()
}

// quit journals what is typed and ends the program; the caller closes the
// session (which journals the pause) and says how to resume.
func (m *Model) quit() tea.Cmd {
	m.flushNotes()
	m.flushDraft()
	m.cancel()
	return tea.Quit
}

func (m *Model) onPanelKey(k tea.KeyPressMsg) tea.Cmd {
	i := m.at.Panel
	if m.mode == modeAnswer {
		if cmd, ok := m.arrowNav(k); ok {
			return cmd
		}
		return m.updateGrid(k)
	}
	switch {
	case key.Matches(k, m.keys.Next):
		return m.goTo(m.route.next(m.at))
	case key.Matches(k, m.keys.Prev):
		return m.goTo(m.route.prev(m.at))
	case key.Matches(k, m.keys.Edit):
		m.presenter = false
		m.mode = modeNotes
		m.resize()
		return m.notes.Focus()
	case key.Matches(k, m.keys.Answer):
		if len(m.panel(i).Questions) == 0 {
			m.setFlash("This panel has no questions (add questions: to it in the agenda).", false)
			return nil
		}
		m.presenter = false
		m.grid.people = m.present()
		m.mode = modeAnswer
		m.resize()
	case key.Matches(k, m.keys.Action):
		m.presenter = false
		return m.startAction(m.panel(i).ID)
	case key.Matches(k, m.keys.Present):
		m.presenter = !m.presenter
		m.resize()
	case key.Matches(k, m.keys.Refetch):
		m.setFlash("Fetching "+m.panel(i).Title+"…", false)
		return m.fetch(i)
	}
	return nil
}

// updateGrid passes a key to the answer grid and journals what it takes.
func (m *Model) updateGrid(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !m.grid.typing && key.Matches(k, m.keys.Leave) {
		m.mode = modeNormal
		m.resize()
		return nil
	}
	var cmd tea.Cmd
	var a *answer
	wasTyping := m.grid.typing
	m.grid, cmd, a = m.grid.Update(msg, m.keys)
	switch {
	case a != nil:
		m.commitDraft(m.answerEvent(*a))
	case m.grid.typing && !wasTyping:
		// Writing starts from the person's answer so far, to edit it.
		q, person := m.grid.target()
		m.grid.input.SetValue(m.currentAnswer(q, person))
		m.grid.input.CursorEnd()
	case m.grid.typing:
		q, person := m.grid.target()
		cmd = tea.Batch(cmd, m.saveDraft(m.answerEvent(answer{question: q, person: person, value: agenda.CleanLine(m.grid.input.Value())})))
	}
	return cmd
}

// notesChanged marks notes as typed and schedules their journaling.
func (m *Model) notesChanged() tea.Cmd {
	if m.notes.Value() == m.savedNotes() {
		return nil
	}
	if m.noteDirty {
		return nil // a flush is already scheduled: at most noteDebounce old
	}
	m.noteDirty = true
	m.noteGen++
	gen := m.noteGen
	return tea.Tick(noteDebounce, func(time.Time) tea.Msg { return noteFlushMsg{gen: gen} })
}

func (m *Model) savedNotes() string {
	if m.at.Phase != journal.PhasePanels {
		return ""
	}
	return m.s.State().Notes[m.panel(m.at.Panel).ID]
}

// flushNotes journals the notes of the current panel if they were typed
// into and differ from what is saved. Only typing makes notes dirty: an
// empty box at start-up must never overwrite saved notes.
func (m *Model) flushNotes() {
	if !m.noteDirty || m.at.Phase != journal.PhasePanels {
		m.noteDirty = false
		return
	}
	id := m.panel(m.at.Panel).ID
	text := m.notes.Value()
	m.noteDirty = false
	if text != m.s.State().Notes[id] {
		m.post(journal.Event{Type: journal.EvNote, Panel: id, Text: text})
	}
}

func (m *Model) leaveNotes() {
	m.flushNotes()
	m.notes.Blur()
	m.mode = modeNormal
	m.resize()
}

// canAddLate reports whether "+" adds a late joiner here: not in a
// self-review, the survey (where keys answer) or the summary.
func (m *Model) canAddLate() bool {
	switch {
	case m.s.State().Start.Solo, m.at.Phase == journal.PhaseSummary:
		return false
	case m.at.Phase == journal.PhaseClosing && m.at.Stage == stageSurvey:
		return false
	}
	return true
}

// arrowNav moves on with the arrow keys while answering: letters answer
// questions there (n is "no"), so only the arrows navigate.
func (m *Model) arrowNav(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch k.String() {
	case "right":
		return m.goTo(m.route.next(m.at)), true
	case "left":
		return m.goTo(m.route.prev(m.at)), true
	}
	return nil, false
}

// answerEvent is the event that journals an answer of the grid: a panel's
// question, or in the closing a survey question.
func (m *Model) answerEvent(a answer) journal.Event {
	if m.at.Phase == journal.PhaseClosing {
		return journal.Event{Type: journal.EvSurvey, Question: a.question, Person: a.person, Value: a.value}
	}
	return journal.Event{Type: journal.EvAnswer, Panel: m.gridFor, Question: a.question, Person: a.person, Value: a.value}
}

// currentAnswer is what a person answered to a question of the grid so far.
func (m *Model) currentAnswer(question, person string) string {
	if m.at.Phase == journal.PhaseClosing {
		return m.s.State().Survey[question][person]
	}
	return m.s.State().Answer(m.gridFor, question, person)
}
