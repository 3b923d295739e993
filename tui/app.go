package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
)

// Options are what the app runs on.
type Options struct {
	// Session is the started or resumed session; the app journals into it
	// but does not close it (the caller does, after Run).
	Session *sessions.Session
	// Sources are the agenda's opened sources.
	Sources sessions.Sources
	// History is the earlier sessions this one follows up, oldest first:
	// their open action items are reviewed, and the minutes show trends.
	History []*sessions.Record
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Getenv reads the environment (NO_COLOR); os.Getenv when nil.
	Getenv func(string) string
	// Quit, when it is closed, quits the app as SIGTERM does (the caller
	// closes it on SIGHUP, which Bubble Tea does not handle); nil: never.
	Quit <-chan struct{}
}

// Limits of the screen.
const (
	minWidth  = 80
	minHeight = 24
	// fetchParallel bounds concurrent fetches, so a 12-panel agenda does not
	// hit a backend with 24 queries at once.
	fetchParallel = 4
	// heartbeat is how often the clock is journaled while nothing else
	// happens: a crash loses at most this much of the meeting clock.
	heartbeat = 10 * time.Second
	// noteDebounce is the longest a typed note waits before it is journaled.
	noteDebounce = 700 * time.Millisecond
)

// mode is what keys go to on the panel and closing screens.
type mode int

const (
	modeNormal mode = iota
	modeNotes
	modeAnswer
	modeAction
)

// Model is the root of the app.
type Model struct {
	s       *sessions.Session
	agenda  *agenda.Agenda
	srcs    sessions.Sources
	history []*sessions.Record
	carried []sessions.TrackedAction
	now     func() time.Time

	ctx    context.Context
	cancel context.CancelFunc
	sem    chan struct{}

	window  sources.Window
	compare sources.Window

	width, height int
	styles        Styles
	keys          KeyMap
	help          help.Model
	showHelp      bool
	presenter     bool

	route route
	at    step
	mode  mode

	panels []panelState
	parts  panelParts
	notes  textarea.Model
	// notesView is the text box as rendered after the last Update.
	notesView string
	// noteDirty is set while typed notes wait for the journal.
	noteDirty bool
	noteGen   int

	// draft is the newest text of another input waiting for the journal
	// (draft.go); draftSaved the last one journaled.
	draft      *journal.Event
	draftSaved *journal.Event
	draftDue   bool
	draftGen   int

	grid       answerGrid
	gridFor    string // the panel id, or "" for the survey
	action     actionForm
	attendance attendance
	review     review
	closing    closing
	summary    summary

	// bells remembers the panels whose timebox bell has rung.
	bells map[string]bool

	flash    string
	flashErr bool
	// save is the journal writer's state, polled every second; fatal the
	// last failure it reported, shown until the next poll.
	save  sessions.SaveState
	fatal error
}

// New builds the app on a session.
func New(o Options) *Model {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	s := o.Session
	st := s.State()
	a := s.Agenda()
	ctx, cancel := context.WithCancel(context.Background())
	m := &Model{
		s: s, agenda: a, srcs: o.Sources, history: o.History, now: now,
		ctx: ctx, cancel: cancel, sem: make(chan struct{}, fetchParallel),
		window:  sources.Window{From: st.Start.From, To: st.Start.To},
		compare: sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo},
		styles:  NewStyles(true),
		keys:    DefaultKeyMap(),
		help:    help.New(),
		bells:   map[string]bool{},
	}
	m.carried = sessions.OpenActions(o.History)
	m.route = route{
		panels:      len(a.Panels),
		solo:        st.Start.Solo,
		review:      len(m.carried) > 0,
		impressions: a.Closing.Impressions,
		survey:      len(a.Closing.Survey) > 0,
	}
	m.panels = make([]panelState, len(a.Panels))
	for i := range m.panels {
		m.panels[i].loadSaved(s.Dir(), a.Panels[i].ID)
	}
	m.notes = newNotesArea(m.styles)
	m.attendance = newAttendance()
	m.review = newReview(m.carried)
	m.closing = newClosing()
	m.enter(m.resumePoint(), false)
	m.applyStyles()
	return m
}

// resumePoint is where the journal says the meeting is.
func (m *Model) resumePoint() step {
	st := m.s.State()
	switch st.Phase {
	case "", journal.PhaseOpening:
		if st.Events <= 1 {
			return m.route.first()
		}
		return m.route.next(step{Phase: journal.PhaseOpening}) // a solo route skips it
	case journal.PhasePanels:
		for i, p := range m.agenda.Panels {
			if p.ID == st.Panel {
				return step{Phase: journal.PhasePanels, Panel: i}
			}
		}
		return step{Phase: journal.PhasePanels}
	case journal.PhaseClosing:
		s := step{Phase: journal.PhaseClosing, Stage: stageImpressions}
		if st.Stage == stageSurvey {
			s.Stage = stageSurvey
		}
		return m.route.steps()[m.route.index(s)]
	}
	return m.route.steps()[m.route.index(step{Phase: st.Phase})]
}

// Init starts the clock, asks for the background colour, listens for
// journal failures and prefetches every panel without data.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tick(), tea.RequestBackgroundColor, m.watchJournal()}
	for i := range m.panels {
		if m.panels[i].data == nil {
			cmds = append(cmds, m.fetch(i))
		}
	}
	if m.at.Phase == journal.PhaseSummary {
		cmds = append(cmds, m.writeMinutes(true))
	}
	return tea.Batch(cmds...)
}

// Stop cancels every fetch in flight.
func (m *Model) Stop() { m.cancel() }

// tickMsg is the one-second clock.
type tickMsg time.Time

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// journalErrMsg carries a journal write failure.
type journalErrMsg struct{ err error }

func (m *Model) watchJournal() tea.Cmd {
	ch := m.s.Err()
	return func() tea.Msg {
		return journalErrMsg{err: <-ch}
	}
}

// post journals an event; a refused event is shown, never lost silently.
func (m *Model) post(e journal.Event) {
	if err := m.s.Post(e); err != nil {
		m.setFlash(err.Error(), true)
	}
}

func (m *Model) setFlash(s string, isErr bool) {
	m.flash = agenda.CleanLine(s)
	m.flashErr = isErr
}

// panel returns the agenda panel at i.
func (m *Model) panel(i int) agenda.Panel { return m.agenda.Panels[i] }

// present lists who answers: the present participants, or the one
// respondent of a self-review.
func (m *Model) present() []string {
	return m.s.State().Present()
}
