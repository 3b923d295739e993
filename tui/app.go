package tui

import (
	"context"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
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
	// Getenv reads the environment (NO_COLOR, COLORFGBG); os.Getenv when
	// nil.
	Getenv func(string) string
	// Join says whether and how participants answer from their phones.
	Join JoinOptions
	// Publish publishes the session to the agenda's publish: targets; the
	// summary offers it when the agenda names one (nil: never offered).
	Publish PublishFunc
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
	fetchParallel = sessions.FetchParallel
	// heartbeat is how often the clock is journaled while nothing else
	// happens: a crash loses at most this much of the meeting clock.
	heartbeat = 10 * time.Second
)

// Model is the shell of the app: it routes keys (focus.go) and moves along
// the meeting's route, keeps the clock, draws the frame around the screen
// of the stop (view.go), dispatches fetches (fetch.go) and journals
// through the shared app (save.go). Each stop is a screen of its own.
type Model struct {
	*app
	srcs    sessions.Sources
	history []*sessions.Record

	ctx    context.Context
	cancel context.CancelFunc
	sem    chan struct{}

	window  sources.Window
	compare sources.Window

	width, height int

	route route
	at    step

	// panels is every panel's data, fetched or loaded; the panel screen
	// shows one of them.
	panels []panelState

	attendance attendanceScreen
	review     reviewScreen
	panel      panelScreen
	closing    closingScreen
	summary    summaryScreen

	// join is the join server for participants' phones (join.go).
	join joinState
	// noColor is set under NO_COLOR; darkKnown when the environment said
	// what the background is (COLORFGBG), so the terminal is not asked.
	noColor, darkKnown bool

	// bells remembers the panels whose timebox bell has rung.
	bells map[string]bool
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
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	isDark, known := darkFromEnv(getenv)
	if !known {
		isDark = true // until the terminal answers
	}
	s := o.Session
	st := s.State()
	a := &app{s: s, agenda: s.Agenda(), now: now, styles: NewStyles(isDark), keys: DefaultKeyMap()}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Model{
		app: a, srcs: o.Sources, history: o.History,
		ctx: ctx, cancel: cancel, sem: make(chan struct{}, fetchParallel),
		window:  sources.Window{From: st.Start.From, To: st.Start.To},
		compare: sources.Window{From: st.Start.CompareFrom, To: st.Start.CompareTo},
		bells:   map[string]bool{},
		join:    joinState{opts: o.Join, answers: make(chan deviceAnswer)},
		noColor: noColor(getenv), darkKnown: known,
	}
	carried := sessions.OpenActions(o.History)
	m.route = route{
		panels:      len(a.agenda.Panels),
		solo:        st.Start.Solo,
		review:      len(carried) > 0,
		impressions: a.agenda.Closing.Impressions,
		survey:      len(a.agenda.Closing.Survey) > 0,
	}
	m.panels = make([]panelState, len(a.agenda.Panels))
	for i := range m.panels {
		m.panels[i].loadSaved(s.Dir(), a.agenda.Panels[i].ID)
	}
	m.attendance = newAttendance(a)
	m.review = newReview(a, carried)
	m.panel = newPanelScreen(a)
	m.closing = newClosing(a)
	m.summary = newSummary(a)
	m.summary.publish = publishing{fn: o.Publish, ctx: ctx, targets: a.agenda.Publish}
	// Journaled when it differs from the record: a meeting that begins on
	// its first panel (a self-review) counts that panel's time from now.
	m.enter(m.resumePoint(), true)
	m.applyStyles()
	return m
}

// resumePoint is where the journal says the meeting is.
func (m *Model) resumePoint() step {
	st := m.state()
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

// Init starts the clock, asks for the background colour (unless the
// environment said), listens for journal failures, prefetches every panel
// without data, and starts the join server when asked, or when the session
// has its token (a resumed meeting whose room holds the link).
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tick(), m.watchJournal()}
	if !m.darkKnown {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for i := range m.panels {
		if m.panels[i].data == nil {
			cmds = append(cmds, m.fetch(i))
		}
	}
	if m.at.Phase == journal.PhaseSummary {
		cmds = append(cmds, m.writeMinutes(true), m.endJoin(true))
	} else {
		cmds = append(cmds, m.startJoin(m.join.opts.Start))
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

func (m *Model) writeMinutes(auto bool) tea.Cmd { return writeMinutes(m.s, m.history, auto) }

// Update routes a message. It never blocks: fetches, minutes and renders
// run in commands; the journal is written by the session's own writer.
// It ends by preparing what View shows and is costly (prepare), so View
// only joins strings.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	was, wasBack := m.focus, m.back
	cmd := m.update(msg)
	if m.focus != was || m.back != wasBack {
		m.resize() // the panel's layout follows the focus
	} else {
		m.prepare()
	}
	m.syncJoin()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return nil
	case tea.BackgroundColorMsg:
		if m.darkKnown {
			return nil
		}
		m.styles = NewStyles(msg.IsDark())
		m.applyStyles()
		return nil
	case tickMsg:
		return m.onTick()
	case fetchedMsg:
		m.onFetched(msg)
		return nil
	case draftFlushMsg:
		m.onFlush(msg)
		return nil
	case minutesMsg:
		m.summary.onMinutes(msg)
	case publishedMsg:
		m.summary.publish.done(m.app, msg)
		m.summary.SetSize(m.summary.w, m.summary.h)
		return nil
	case joinStartedMsg:
		return m.onJoinStarted(msg)
	case deviceAnswerMsg:
		return m.onDeviceAnswer(msg)
	case joinStoppedMsg:
		if msg.err != nil {
			m.setStatus("join", "Phones: "+msg.err.Error(), true)
		}
		return nil
	case journalErrMsg:
		if msg.err != nil {
			m.fatal = msg.err
		}
		return m.watchJournal() // the writer retries: it may fail again later
	case tea.KeyPressMsg:
		return m.onKey(msg)
	}
	// A paste, a cursor blink: the focused input's, if any.
	cmd, _ := m.typed(msg)
	return cmd
}

// onTick keeps the clocks: heartbeat to the journal, timebox bell. The
// session's own clock decides (tests set it), not the tick's time.
func (m *Model) onTick() tea.Cmd {
	cmds := []tea.Cmd{tick()}
	m.save, m.fatal = m.s.SaveState(), nil
	now := m.now()
	m.expireStatus(now)
	if m.join.srv != nil {
		m.join.joined = m.join.srv.Joined()
	}
	st := m.state()
	if !st.Ended && now.Sub(st.Last) >= heartbeat {
		m.post(journal.Event{Type: journal.EvClock})
	}
	if m.at.Phase == journal.PhasePanels {
		p := m.agenda.Panels[m.at.Panel]
		if p.Timebox > 0 && !m.bells[p.ID] && st.SpentAt(p.ID, now) >= p.Timebox {
			m.bells[p.ID] = true
			cmds = append(cmds, tea.Raw("\a"))
		}
	}
	return tea.Batch(cmds...)
}

// goTo moves to another stop of the meeting.
func (m *Model) goTo(s step) tea.Cmd {
	if s == m.at {
		return nil
	}
	m.enter(s, true)
	if s.Phase == journal.PhaseSummary {
		// The meeting is over: the minutes, and no more answers.
		return tea.Batch(m.writeMinutes(true), m.endJoin(true))
	}
	return nil
}

// enter shows stop s; with record, the move is journaled. What was typed
// is journaled first, and the keys go to the new stop.
func (m *Model) enter(s step, record bool) {
	m.focusOn(focusNone)
	m.flush()
	if s != m.at {
		m.clearStatus() // its news was about the stop being left
	}
	m.at = s
	st := m.state()
	if record {
		if st.Phase != s.Phase || st.Stage != s.Stage {
			m.post(journal.Event{Type: journal.EvPhase, Phase: s.Phase, Value: s.Stage})
		}
		if s.Phase == journal.PhasePanels && st.Panel != m.agenda.Panels[s.Panel].ID {
			m.post(journal.Event{Type: journal.EvPanel, Panel: m.agenda.Panels[s.Panel].ID})
		}
		if s.Phase == journal.PhaseSummary && !st.Ended {
			m.post(journal.Event{Type: journal.EvEnd})
		}
	}
	switch s.Phase {
	case journal.PhasePanels:
		m.panel.show(s.Panel, &m.panels[s.Panel])
	case journal.PhaseClosing:
		m.focusOn(m.closing.enter(s.Stage))
	}
	if s.Phase != journal.PhasePanels {
		m.panel.hide()
	}
	m.resize()
}

// quit journals what is typed and ends the program; the caller closes the
// session (which journals the pause) and says how to resume.
func (m *Model) quit() tea.Cmd {
	m.flush()
	m.cancel()
	return tea.Quit
}

func (m *Model) bodyHeight() int { return m.height - 4 }

// resize gives every screen the body's size (one cell of margin each side)
// then prepare.
func (m *Model) resize() {
	w, h := m.width-2, m.bodyHeight()
	if m.lateLineShown() {
		h -= 2 // the late joiner's line and the blank above it
	}
	m.attendance.SetSize(w, h)
	m.review.SetSize(w, h)
	m.panel.SetSize(w, h)
	m.closing.SetSize(w, h)
	m.summary.SetSize(w, h)
	m.prepare()
}

// prepare renders the panel screen's costly parts (its chart) when the
// panel is shown: View never renders them.
func (m *Model) prepare() {
	if m.at.Phase != journal.PhasePanels || m.width < minWidth || m.height < minHeight {
		return
	}
	m.panel.prepare()
}

// applyStyles gives components the current styles.
func (m *Model) applyStyles() {
	m.panel.notes.SetStyles(m.styles)
	m.attendance.late.SetStyles(m.styles)
	m.review.note.SetStyles(m.styles)
	m.closing.impression.SetStyles(m.styles)
	for i := range m.panels {
		m.panels[i].chart = ""
	}
	m.summary.render()
	m.prepare()
}
