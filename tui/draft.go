package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/journal"
)

// Drafts keep the promise that nothing typed is lost: whatever an input
// holds (an impression, a text answer, a review note, an action item being
// written) is journaled at most noteDebounce after the keystroke, as the
// event that saves it, and again when it is finished. Notes have their own
// flush; every other input goes through here.

// draftFlushMsg asks to journal the newest draft.
type draftFlushMsg struct{ gen int }

// saveDraft keeps e as the newest unsaved text of an input and schedules
// its journaling.
func (m *Model) saveDraft(e journal.Event) tea.Cmd {
	if m.draftSaved != nil && *m.draftSaved == e {
		m.draft = nil
		return nil
	}
	m.draft = &e
	if m.draftDue {
		return nil // a flush is already on its way: at most noteDebounce old
	}
	m.draftDue = true
	m.draftGen++
	gen := m.draftGen
	return tea.Tick(noteDebounce, func(time.Time) tea.Msg { return draftFlushMsg{gen: gen} })
}

// flushDraft journals the newest draft, if any.
func (m *Model) flushDraft() {
	m.draftDue = false
	if m.draft == nil {
		return
	}
	e := *m.draft
	m.draft = nil
	m.postDraft(e)
}

// commitDraft journals the finished text of an input at once; a draft of it
// still waiting is dropped.
func (m *Model) commitDraft(e journal.Event) {
	m.draft = nil
	m.draftDue = false
	m.draftGen++
	m.postDraft(e)
}

// dropDraft forgets a draft that was not journaled (a cancelled input).
func (m *Model) dropDraft() {
	m.draft = nil
	m.draftDue = false
	m.draftGen++
}

func (m *Model) postDraft(e journal.Event) {
	if m.draftSaved != nil && *m.draftSaved == e {
		return
	}
	m.post(e)
	m.draftSaved = &e
}
