package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/join"
	"github.com/nagame-dev/nagame/sessions/journal"
)

// joinFullFrom is the terminal height from which the join overlay fits
// between the header and the footer; below it (80×24) the QR code of the
// join link (21 rows) takes the whole screen while it is shown.
const joinFullFrom = 26

// joinStatus is the status bar's word on phones: where to join and how
// many devices did ("" when no server runs). Plain ASCII: the bar's right
// edge lines up whatever the terminal's width of ambiguous characters.
func (m *Model) joinStatus() string {
	st := m.styles
	switch {
	case m.join.srv != nil:
		return st.Status.Render("phones: ") + st.Accent.Render(m.join.srv.ShortURL()) +
			st.Status.Render(fmt.Sprintf(", %d joined", m.join.joined))
	case m.join.starting:
		return st.Status.Render("phones: starting")
	}
	return ""
}

// joinView is the join overlay in w×h: the QR code of the join link
// beside the short address, the code, how many joined and answered, and
// what the minutes will show of the answers.
func (m *Model) joinView(w, h int) string {
	st := m.styles
	textW := w - 41 - 4
	var lines []string
	add := func(style lipgloss.Style, s string) {
		lines = append(lines, strings.Split(wrapped(style, s, textW), "\n")...)
	}
	srv := m.join.srv
	switch {
	case srv != nil:
		add(st.Section, "Answer from your phone")
		add(st.Subtle, "Scan the code, or open:")
		add(st.Accent.Bold(true), srv.ShortURL())
		add(st.Subtle, "(or type the code "+srv.Code()+" on the page at "+strings.TrimSuffix(srv.ShortURL(), "/"+srv.Code())+")")
		lines = append(lines, "")
		add(st.Bold, fmt.Sprintf("%d joined", m.join.joined))
		lines = append(lines, m.openBallotLines(textW)...)
		if !strings.HasPrefix(srv.URL(), "https:") {
			lines = append(lines, "")
			add(st.Warn, "Plain HTTP: anyone on this network can read the answers as they pass. On a network you do not trust, run with --join-cert and --join-key.")
		}
	case m.join.starting:
		add(st.Subtle, "Starting the join server…")
	case m.join.err != nil:
		add(st.Danger, "Phones cannot join: "+m.join.err.Error())
		lines = append(lines, "")
		add(st.Subtle, "r tries again; --join-addr host:port picks another address.")
	}
	lines = append(lines, "")
	add(st.Subtle, "w or esc closes · q quits")
	side := strings.Join(lines, "\n")
	if srv == nil || m.qrCode() == "" {
		return overlay(st, side, w, h)
	}
	qr := strings.Split(m.qrCode(), "\n")
	for i, l := range qr {
		qr[i] = st.QR.Render(l)
	}
	block := lipgloss.JoinHorizontal(lipgloss.Top, strings.Join(qr, "\n"), "  ", side)
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, block)
}

// openBallotLines say what phones can answer now and how many did; for an
// anonymous ballot, the rule of what the minutes show.
func (m *Model) openBallotLines(w int) []string {
	st := m.styles
	b := m.ballotHere()
	var lines []string
	add := func(style lipgloss.Style, s string) {
		lines = append(lines, strings.Split(wrapped(style, s, w), "\n")...)
	}
	people := len(m.present())
	switch b.Stage {
	case "":
		add(st.Subtle, "Nothing to answer at this point: the pages wait for the next question.")
		return lines
	case join.StageImpression:
		add(st.Label, "Open now: impressions")
		add(st.Subtle, fmt.Sprintf("%d of %d written", len(m.state().Impressions), people))
		return lines
	case join.StagePanel:
		add(st.Label, "Open now: "+b.Title)
	default:
		add(st.Label, "Open now: the survey")
	}
	for _, q := range b.Questions {
		n := respondentsOf(m.answersOf(b, q.ID))
		add(st.Subtle, fmt.Sprintf("%s: %d of %d answered", q.ID, n, people))
	}
	add(st.Subtle, ruleOf(b.Anonymous))
	return lines
}

// answersOf are the journal's answers to a question of ballot b.
func (m *Model) answersOf(b join.Ballot, question string) map[string]string {
	if b.Stage == join.StagePanel {
		return m.state().Answers[b.Panel][question]
	}
	return m.state().Survey[question]
}

// respondentsOf counts who answered, not the room's one answer.
func respondentsOf(byPerson map[string]string) int {
	n := 0
	for p := range byPerson {
		if p != journal.GroupRespondent {
			n++
		}
	}
	return n
}

// ruleOf is what the minutes show of a ballot's answers, said before
// anyone answers (the join pages say the same).
func ruleOf(anonymous bool) string {
	if anonymous {
		return fmt.Sprintf("Anonymous: the minutes show totals only, and only how many answered while fewer than %d did; comments are kept word for word, without names.", join.MinRespondents)
	}
	return "Named: the minutes show who answered what."
}
