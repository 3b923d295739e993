package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
)

// closing is the end of the meeting: the impression round (one line per
// present participant, in order) and the survey (the answer grid).
type closing struct {
	stage string
	row   int
	// editing is an impression being typed for person.
	editing bool
	person  string
	input   textinput.Model
}

func newClosing() closing {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "one line: what stood out today?"
	in.CharLimit = 300
	return closing{input: in}
}

// enter starts a stage; the impression round starts at the first person
// without an impression, typing.
func (c *closing) enter(stage string, people []string, st *sessions.State) {
	c.stage = stage
	c.editing = false
	c.row = 0
	if stage != stageImpressions {
		return
	}
	for i, p := range people {
		if _, ok := st.Impressions[p]; !ok {
			c.row = i
			break
		}
	}
}

// edit starts typing the impression of people[c.row].
func (c *closing) edit(people []string, st *sessions.State) tea.Cmd {
	if c.row >= len(people) {
		return nil
	}
	c.editing = true
	c.person = people[c.row]
	c.input.SetValue(st.Impressions[people[c.row]])
	c.input.CursorEnd()
	return c.input.Focus()
}

// next moves on after an impression was saved, and keeps the round going:
// the next person without an impression starts typing at once.
func (c *closing) next(people []string, st *sessions.State) tea.Cmd {
	if c.row+1 >= len(people) {
		return nil
	}
	c.row++
	if _, ok := st.Impressions[people[c.row]]; ok {
		return nil
	}
	return c.edit(people, st)
}

// editResult is what a key did to an impression being typed.
type editResult int

const (
	stillTyping editResult = iota
	savedNext              // enter: saved, on to the next person
	savedStay              // esc: saved, stop typing
)

// updateEditing types into the impression; the text is returned after every
// key, so it can be journaled as it grows.
func (c *closing) updateEditing(msg tea.Msg) (text, person string, res editResult, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			c.editing = false
			c.input.Blur()
			return agenda.CleanLine(c.input.Value()), c.person, savedStay, nil
		case "enter":
			c.editing = false
			c.input.Blur()
			return agenda.CleanLine(c.input.Value()), c.person, savedNext, nil
		}
	}
	c.input, cmd = c.input.Update(msg)
	return agenda.CleanLine(c.input.Value()), c.person, stillTyping, cmd
}

func (m *Model) onClosingKey(k tea.KeyPressMsg) tea.Cmd {
	c := &m.closing
	people := m.present()
	if c.stage == stageSurvey {
		if cmd, ok := m.arrowNav(k); ok {
			return cmd
		}
		m.grid.people = people
		m.mode = modeAnswer
		cmd := m.updateGrid(k)
		m.mode = modeAnswer
		return cmd
	}
	switch {
	case key.Matches(k, m.keys.Next):
		return m.goTo(m.route.next(m.at))
	case key.Matches(k, m.keys.Prev):
		return m.goTo(m.route.prev(m.at))
	case key.Matches(k, m.keys.Action):
		return m.startAction("")
	case key.Matches(k, m.keys.Up):
		c.row = max(0, c.row-1)
	case key.Matches(k, m.keys.Down):
		c.row = min(len(people)-1, c.row+1)
	case key.Matches(k, m.keys.Edit):
		return c.edit(people, m.s.State())
	}
	return nil
}

func (m *Model) closingView(w, h int) string {
	if m.closing.stage == stageSurvey {
		return m.surveyView(w, h)
	}
	st := m.styles
	people := m.present()
	imps := m.s.State().Impressions
	var b strings.Builder
	b.WriteString(st.Section.Render("Impressions") + "\n")
	b.WriteString(st.Subtle.Render("One line from each person, in turn. enter: write/save · ↑/↓: choose · →: on to the survey") + "\n\n")
	if len(people) == 0 {
		b.WriteString(st.Faint.Render("Nobody is marked present.") + "\n")
	}
	nameW := 8
	for _, p := range people {
		nameW = max(nameW, lipgloss.Width(p))
	}
	first, last := visibleRange(len(people), m.closing.row, max(3, h-5))
	for i := first; i < last; i++ {
		p := people[i]
		name := lipgloss.NewStyle().Width(nameW).Render(agenda.CleanLine(p))
		val := st.Faint.Render("–")
		if t, ok := imps[p]; ok {
			val = truncate(agenda.CleanLine(t), w-nameW-6)
		}
		cursor := "  "
		if i == m.closing.row {
			cursor = st.Cursor.Render("▸ ")
			name = st.Bold.Render(name)
			if m.closing.editing {
				m.closing.input.SetWidth(max(10, w-nameW-6))
				val = m.closing.input.View()
			}
		}
		fmt.Fprintf(&b, "%s%s  %s\n", cursor, name, val)
	}
	done := 0
	for _, p := range people {
		if _, ok := imps[p]; ok {
			done++
		}
	}
	fmt.Fprintf(&b, "\n%s", st.Subtle.Render(fmt.Sprintf("%d of %d impressions", done, len(people))))
	return b.String()
}

func (m *Model) surveyView(w, h int) string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Section.Render("Survey") + "\n")
	anon := "anonymous in the minutes: only totals"
	if !m.agenda.Closing.Anonymous {
		anon = "answers are named in the minutes"
	}
	b.WriteString(st.Subtle.Render("One key per person; tab: next question · → when done · "+anon) + "\n\n")
	survey := m.s.State().Survey
	get := func(q, p string) string { return survey[q][p] }
	b.WriteString(m.grid.View(st, get, h-4))
	return b.String()
}
