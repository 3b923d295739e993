package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// app is what every screen shares, by pointer, as soft-serve's screens
// share common.Common: the session (its state to read, its journal to
// write), the agenda, the clock, the styles and keys, where keys go, and
// the status line. The shell (Model) builds it and keeps styles and focus
// current; the screens read it and journal through it.
type app struct {
	s      *sessions.Session
	agenda *agenda.Agenda
	now    func() time.Time
	styles Styles
	keys   KeyMap

	// focus is where keys go (focus.go); back is the focus an overlay
	// gives the keys back to.
	focus, back focus

	// status is the status line's message (status.go).
	status status

	drafts drafts
}

func (a *app) state() *sessions.State { return a.s.State() }

// present lists who answers: the present participants, or the one
// respondent of a self-review.
func (a *app) present() []string { return a.s.State().Present() }

// post journals an event; a refused event is shown, never lost silently.
func (a *app) post(e journal.Event) {
	if err := a.s.Post(e); err != nil {
		a.setFlash(err.Error(), true)
	}
}

// Drafts keep the promise that nothing typed is lost, the same way for
// every input: whatever it holds (notes, an impression, a text answer, a
// review note, an action item being written) is journaled at most
// saveDebounce after the keystroke, as the event that saves it, and at once
// when the field is left, the panel switched or the app quit. Only one
// input has the keys at a time, so one draft is enough.

// saveDebounce is the longest typed text waits before it is journaled: with
// the session's fsync, a kill -9 loses at most about a second of typing.
const saveDebounce = 700 * time.Millisecond

// drafts is the newest unsaved text of the focused input, and the last
// event journaled through here (to journal nothing twice).
type drafts struct {
	pending *journal.Event
	saved   *journal.Event
	due     bool
	gen     int
}

// draftFlushMsg asks to journal the newest draft.
type draftFlushMsg struct{ gen int }

// draft keeps e as the newest unsaved text of the focused input and
// schedules its journaling.
func (a *app) draft(e journal.Event) tea.Cmd {
	d := &a.drafts
	if d.saved != nil && *d.saved == e {
		d.pending = nil
		return nil
	}
	d.pending = &e
	if d.due {
		return nil // a flush is already on its way: at most saveDebounce old
	}
	d.due = true
	d.gen++
	gen := d.gen
	return tea.Tick(saveDebounce, func(time.Time) tea.Msg { return draftFlushMsg{gen: gen} })
}

// onFlush answers a draftFlushMsg: a flush scheduled before the draft was
// saved or dropped is stale.
func (a *app) onFlush(msg draftFlushMsg) {
	if msg.gen == a.drafts.gen {
		a.flush()
	}
}

// flush journals the newest draft, if any.
func (a *app) flush() {
	d := &a.drafts
	d.due = false
	if d.pending == nil {
		return
	}
	e := *d.pending
	d.pending = nil
	a.postDraft(e)
}

// save journals the finished text of an input at once; its draft still
// waiting is dropped.
func (a *app) save(e journal.Event) {
	a.drop()
	a.postDraft(e)
}

// drop forgets a draft not journaled yet (the text went back to what is
// saved, or its input was left without saving).
func (a *app) drop() {
	d := &a.drafts
	d.pending = nil
	d.due = false
	d.gen++
}

// discard drops the draft and forgets what was journaled of it: the owner
// undoes that (a cancelled action item is deleted), so the same text typed
// again must be journaled again.
func (a *app) discard() {
	a.drop()
	a.drafts.saved = nil
}

// saving reports whether typed text waits for the journal.
func (a *app) saving() bool { return a.drafts.pending != nil }

func (a *app) postDraft(e journal.Event) {
	if a.drafts.saved != nil && *a.drafts.saved == e {
		return
	}
	a.post(e)
	a.drafts.saved = &e
}
