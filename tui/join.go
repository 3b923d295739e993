package tui

import (
	"context"
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/join"
	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// Answering from phones: the app runs a join server (package join) for
// the meeting's duration, opens on it the ballot that fits the stop on
// screen, and journals what people submit as the same events typed answers
// make, marked Device. Everything about it happens in Update or in
// commands: the server's Sink hands each answer to the event loop through
// a channel (deviceSink), a command reads it (listenDevices), Update
// journals it and replies; the model is never touched from the server's
// goroutines.

// JoinOptions say whether and how the app runs a join server.
type JoinOptions struct {
	// Start starts it with the app (nagame run --join). Without, it starts
	// on the Join key, or by itself when the session already has a join
	// token: a resumed meeting whose room holds the link.
	Start bool
	// Addr is the host:port to listen on (join.DefaultAddr() when empty).
	Addr string
	// CertFile and KeyFile serve HTTPS (both or neither).
	CertFile, KeyFile string
	// Lang is the pages' language ("en" when empty).
	Lang string
}

// joinState is the join server as the app knows it.
type joinState struct {
	opts JoinOptions
	srv  *join.Server
	// starting is set while a start command runs; err is why the last
	// start failed.
	starting bool
	err      error
	// qr is the QR code of the join link in light ink (join.QRInverted),
	// qrDark in dark ink (join.QR), both drawn once at start.
	qr, qrDark string
	// answers carries what the Sink receives to the event loop.
	answers chan deviceAnswer
	// ballot and people are what was last given to the server, to give it
	// only changes.
	ballot, people string
	// joined is how many devices opened the page (read on each tick).
	joined int
	// listening is set once a command waits for the Sink's answers: one
	// at a time, for every server the meeting starts.
	listening bool
}

// deviceAnswer is an answer from a device on its way to Update, and where
// to say whether it was journaled.
type deviceAnswer struct {
	a     join.Answer
	reply chan error
}

// deviceAnswerMsg is a deviceAnswer that reached the event loop.
type deviceAnswerMsg deviceAnswer

// deviceSink is the server's Sink: it waits for Update to journal each
// answer, or gives up when the request or the app ends.
type deviceSink struct {
	ch   chan<- deviceAnswer
	done <-chan struct{}
}

func (s deviceSink) Submit(ctx context.Context, a join.Answer) error {
	reply := make(chan error, 1)
	select {
	case s.ch <- deviceAnswer{a: a, reply: reply}:
	case <-ctx.Done():
		return ctx.Err()
	case <-s.done:
		return errors.New("the meeting is over")
	}
	select {
	case err := <-reply:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// joinStartedMsg says how starting the server went; srv is nil with
// neither err nor a server when there was nothing to resume.
type joinStartedMsg struct {
	srv        *join.Server
	qr, qrDark string
	err        error
}

// joinStoppedMsg says the server stopped.
type joinStoppedMsg struct{ err error }

// startJoin starts the join server in a command: the token comes from the
// session folder (made there when create is set; without, and without a
// token, nothing starts), the address from the options or the machine.
func (m *Model) startJoin(create bool) tea.Cmd {
	if m.join.srv != nil || m.join.starting {
		return nil
	}
	m.join.starting = true
	s, o, title := m.s, m.join.opts, m.agenda.Title
	sink := deviceSink{ch: m.join.answers, done: m.ctx.Done()}
	return func() tea.Msg {
		var newToken func() (string, error)
		if create {
			newToken = join.NewToken
		}
		token, kept, err := s.JoinToken(newToken)
		if err != nil || token == "" {
			return joinStartedMsg{err: err}
		}
		// The address asked for, else the one the room already has, else
		// the machine's own.
		addr := o.Addr
		if addr == "" {
			addr = kept
		}
		if addr == "" {
			if addr, err = join.DefaultAddr(); err != nil {
				return joinStartedMsg{err: err}
			}
		}
		srv, err := join.Start(join.Config{
			Addr: addr, Token: token, Lang: o.Lang, Meeting: title, Sink: sink,
			CertFile: o.CertFile, KeyFile: o.KeyFile,
		})
		if err != nil {
			return joinStartedMsg{err: err}
		}
		if u, perr := url.Parse(srv.URL()); perr == nil && u.Host != kept {
			if err := s.KeepJoinAddr(token, u.Host); err != nil {
				_ = srv.Shutdown(context.Background())
				return joinStartedMsg{err: err}
			}
		}
		qr, err := join.QRInverted(srv.URL())
		if err != nil {
			return joinStartedMsg{srv: srv, err: err}
		}
		qrDark, err := join.QR(srv.URL())
		return joinStartedMsg{srv: srv, qr: qr, qrDark: qrDark, err: err}
	}
}

// qrCode is the QR code to draw: in light ink on black (QRInverted, its
// quiet zone in █; a line ending in spaces on a white background loses
// them to the renderer), unless there are no colours and the terminal is
// light, where the ink is the terminal's own dark text.
func (m *Model) qrCode() string {
	if m.noColor && !m.styles.IsDark {
		return m.join.qrDark
	}
	return m.join.qr
}

// onJoinStarted keeps the server (or says why there is none) and starts
// listening to it.
func (m *Model) onJoinStarted(msg joinStartedMsg) tea.Cmd {
	m.join.starting = false
	if msg.srv == nil {
		if msg.err != nil {
			m.join.err = msg.err
			m.setStatus("join", "Phones: "+msg.err.Error(), true)
		}
		return nil
	}
	if m.at.Phase == journal.PhaseSummary || m.ctx.Err() != nil {
		return stopJoin(msg.srv, nil) // the meeting ended meanwhile
	}
	m.join.srv, m.join.qr, m.join.qrDark, m.join.err = msg.srv, msg.qr, msg.qrDark, nil
	m.join.ballot, m.join.people = "", ""
	m.syncJoin()
	m.replaceStatus("join", "Phones can join: "+msg.srv.ShortURL(), false)
	if m.join.listening {
		return nil
	}
	m.join.listening = true
	return m.listenDevices()
}

// listenDevices waits for the next answer from a device.
func (m *Model) listenDevices() tea.Cmd {
	ch, done := m.join.answers, m.ctx.Done()
	return func() tea.Msg {
		select {
		case a := <-ch:
			return deviceAnswerMsg(a)
		case <-done:
			return nil
		}
	}
}

// onDeviceAnswer journals an answer from a device as the event a typed
// answer makes, marked Device, and tells the device whether it was saved.
func (m *Model) onDeviceAnswer(msg deviceAnswerMsg) tea.Cmd {
	e, err := m.deviceEvent(msg.a)
	if err == nil {
		err = m.s.Post(e)
	}
	msg.reply <- err
	if err != nil {
		m.setStatus("join", "An answer from a phone was refused: "+err.Error(), true)
	}
	return m.listenDevices()
}

// deviceEvent is the journal event of a device's answer: answer, impression
// or survey, for a panel, question and person the meeting has.
func (m *Model) deviceEvent(a join.Answer) (journal.Event, error) {
	e := journal.Event{Person: a.Respondent, Question: a.Question, Value: a.Value, Device: true}
	if a.Respondent == "" || a.Respondent == journal.GroupRespondent {
		return e, errors.New("no respondent")
	}
	switch a.Stage {
	case join.StagePanel:
		p, ok := m.agenda.Panel(a.Panel)
		if !ok || !hasQuestion(p.Questions, a.Question) {
			return e, errors.New("no such question on the agenda")
		}
		e.Type, e.Panel = journal.EvAnswer, a.Panel
	case join.StageImpression:
		e.Type, e.Question, e.Value, e.Text = journal.EvImpression, "", "", a.Value
	case join.StageSurvey:
		if !hasQuestion(m.survey(), a.Question) {
			return e, errors.New("no such survey question")
		}
		e.Type = journal.EvSurvey
	default:
		return e, errors.New("unknown stage")
	}
	return e, nil
}

func hasQuestion(qs []agenda.Question, id string) bool {
	return slices.ContainsFunc(qs, func(q agenda.Question) bool { return q.ID == id })
}

// survey is the closing survey this meeting asks.
func (a *app) survey() []agenda.Question {
	return sessions.SurveyOf(a.agenda, a.state().Start.Solo)
}

// syncJoin gives the server the attendance and the ballot of the stop on
// screen when they changed; called after every Update (Open and SetPeople
// never block).
func (m *Model) syncJoin() {
	srv := m.join.srv
	if srv == nil {
		return
	}
	people := m.present()
	if sig := strings.Join(people, "\x00"); sig != m.join.people {
		m.join.people = sig
		srv.SetPeople(people)
	}
	b := m.ballotHere()
	if sig := ballotKey(b); sig != m.join.ballot {
		m.join.ballot = sig
		if err := srv.Open(b); err != nil {
			m.setStatus("join", "Phones: "+err.Error(), true)
		}
	}
}

// ballotHere is what phones can answer at this stop: the panel's questions
// for each person (not those the room answers as one), the impression, the
// survey; nothing elsewhere.
func (m *Model) ballotHere() join.Ballot {
	st := m.state()
	switch m.at.Phase {
	case journal.PhasePanels:
		p := m.agenda.Panels[m.at.Panel]
		qs := ballotQuestions(p.Questions, m.panel.grid.group)
		if len(qs) == 0 {
			return join.Ballot{}
		}
		return join.Ballot{Stage: join.StagePanel, Panel: p.ID, Title: p.Title, Questions: qs, Answers: copyAnswers(st.Answers[p.ID])}
	case journal.PhaseClosing:
		if m.at.Stage == stageImpressions {
			return join.Ballot{Stage: join.StageImpression, Answers: map[string]map[string]string{"": maps.Clone(st.Impressions)}}
		}
		qs := ballotQuestions(m.survey(), m.closing.survey.group)
		if len(qs) == 0 {
			return join.Ballot{}
		}
		return join.Ballot{Stage: join.StageSurvey, Questions: qs, Anonymous: m.anonymousSurvey(), Answers: copyAnswers(st.Survey)}
	}
	return join.Ballot{}
}

// anonymousSurvey reports whether the survey's answers are anonymous: as
// the agenda says, but never in a self-review.
func (a *app) anonymousSurvey() bool {
	return a.agenda.Closing.Anonymous && !a.state().Start.Solo
}

func ballotQuestions(qs []agenda.Question, group map[string]bool) []join.Question {
	var out []join.Question
	for _, q := range qs {
		if group[q.ID] {
			continue
		}
		out = append(out, join.Question{ID: q.ID, Ask: q.Ask, Kind: join.Kind(q.Kind), Options: q.Options()})
	}
	return out
}

func copyAnswers(a map[string]map[string]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for q, byPerson := range a {
		out[q] = maps.Clone(byPerson)
	}
	return out
}

// ballotKey names what a ballot asks, to open it again only when that
// changes (its answers are the journal's, kept by the server since).
func ballotKey(b join.Ballot) string {
	parts := []string{string(b.Stage), b.Panel}
	for _, q := range b.Questions {
		parts = append(parts, q.ID)
	}
	if b.Anonymous {
		parts = append(parts, "anonymous")
	}
	return strings.Join(parts, "\x00")
}

// endJoin stops the server: at the summary the meeting is over and its
// token goes (the link must not work again); on quit the token stays for
// the resume.
func (m *Model) endJoin(meetingOver bool) tea.Cmd {
	srv := m.join.srv
	m.join.srv = nil
	var s *sessions.Session
	if meetingOver {
		s = m.s
	}
	if srv == nil {
		if s == nil {
			return nil
		}
		return func() tea.Msg { return joinStoppedMsg{err: s.RemoveJoinToken()} }
	}
	return stopJoin(srv, s)
}

// stopJoin shuts srv down and, with s, removes the session's token, in a
// command.
func stopJoin(srv *join.Server, s *sessions.Session) tea.Cmd {
	return func() tea.Msg {
		return joinStoppedMsg{err: shutdownJoin(context.Background(), srv, s)}
	}
}

// joinShutdownTimeout bounds how long requests still running may take.
const joinShutdownTimeout = 3 * time.Second

func shutdownJoin(ctx context.Context, srv *join.Server, s *sessions.Session) error {
	ctx, cancel := context.WithTimeout(ctx, joinShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if s != nil {
		err = errors.Join(err, s.RemoveJoinToken())
	}
	return err
}

// StopJoin stops the join server when the program has ended (quit): the
// session keeps its token, so a resume serves the same link.
func (m *Model) StopJoin(ctx context.Context) error {
	srv := m.join.srv
	m.join.srv = nil
	if srv == nil {
		return nil
	}
	return shutdownJoin(ctx, srv, nil)
}
