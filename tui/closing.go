package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/text"
)

// closingScreen is the end of the meeting: the impression round (one line
// per present participant, in order) and the survey (an answer grid that
// always has the keys). An action item for the meeting can be added here.
type closingScreen struct {
	a     *app
	stage string
	row   int
	// person is whose impression is being typed.
	person     string
	impression lineInput
	survey     answerGrid
	action     actionForm
	w, h       int
}

func newClosing(a *app) closingScreen {
	km := a.keys
	in := newLineInput(a.styles, "", "one line: what stood out today?", 300, km.Save, km.Leave,
		relabel(km.Save, "save & next"), relabel(km.Leave, "save"))
	return closingScreen{a: a, impression: in, action: actionForm{a: a}}
}

// enter starts a stage and says where keys go: the impression round starts
// at the first person without an impression, the survey on its grid.
func (c *closingScreen) enter(stage string) focus {
	c.stage = stage
	c.row = 0
	people := c.a.present()
	if stage == stageSurvey {
		c.survey = c.a.newGrid(c.a.survey(), people)
		c.survey.width = c.w
		return focusAnswers
	}
	imps := c.a.state().Impressions
	for i, p := range people {
		if _, ok := imps[p]; !ok {
			c.row = i
			break
		}
	}
	return focusNone
}

func (c *closingScreen) SetSize(w, h int) {
	c.w, c.h = w, h
	c.survey.width = w
	c.action.SetWidth(w)
	c.impression.SetWidth(max(10, w-c.nameWidth()-6))
}

// nameWidth is the width of the names column of the impression round.
func (c *closingScreen) nameWidth() int {
	w := 8
	for _, p := range c.a.present() {
		w = max(w, lipgloss.Width(p))
	}
	return w
}

// Update handles a key of the stage.
func (c *closingScreen) Update(k tea.KeyPressMsg) (tea.Cmd, ask) {
	if c.stage == stageSurvey {
		return c.survey.onKey(c.a, k)
	}
	km := c.a.keys
	if row, ok := c.a.moveRow(k, c.row, len(c.a.present())); ok {
		c.row = row
		return nil, ask{}
	}
	switch {
	case key.Matches(k, km.Next):
		return nil, ask{move: 1}
	case key.Matches(k, km.Prev):
		return nil, ask{move: -1}
	case key.Matches(k, km.Action):
		c.action = newActionForm(c.a, "")
		c.action.SetWidth(c.w)
		return nil, ask{focus: focusAction}
	case key.Matches(k, km.Edit):
		return nil, ask{focus: c.edit()}
	}
	return nil, ask{}
}

// edit starts typing the impression of the highlighted person.
func (c *closingScreen) edit() focus {
	people := c.a.present()
	if c.row >= len(people) {
		return focusNone
	}
	c.person = people[c.row]
	c.impression.SetValue(c.a.state().Impressions[c.person])
	c.impression.SetWidth(max(10, c.w-c.nameWidth()-6))
	return focusImpression
}

// onImpression journals an impression as it grows; enter saves it and
// keeps the round going (the next person without an impression is typing
// at once), esc saves it and stops.
func (c *closingScreen) onImpression(e edit) (tea.Cmd, ask) {
	typed := text.Line(c.impression.Value())
	ev := journal.Event{Type: journal.EvImpression, Person: c.person, Text: typed}
	if e == changed {
		return c.a.draft(ev), ask{focus: focusImpression}
	}
	if saved, ok := c.a.state().Impressions[c.person]; ok && saved == typed || !ok && typed == "" {
		c.a.drop()
	} else {
		c.a.save(ev)
	}
	if e != submitted {
		return nil, ask{}
	}
	return nil, ask{focus: c.next()}
}

// next moves on after an impression was saved.
func (c *closingScreen) next() focus {
	people := c.a.present()
	if c.row+1 >= len(people) {
		return focusNone
	}
	c.row++
	if _, ok := c.a.state().Impressions[people[c.row]]; ok {
		return focusNone
	}
	return c.edit()
}

func (c *closingScreen) View() string {
	body := c.stageView()
	if c.a.focus == focusAction {
		body = fit(body, c.w, c.h-5) + "\n" + c.action.View()
	}
	return body
}

func (c *closingScreen) stageView() string {
	if c.stage == stageSurvey {
		return c.surveyView()
	}
	st := c.a.styles
	people := c.a.present()
	imps := c.a.state().Impressions
	solo := c.a.state().Start.Solo
	var b strings.Builder
	if solo {
		b.WriteString(screenTitle(st, c.w, "Impression", "One line: what stood out? enter: write/save · →: on to the survey"))
	} else {
		b.WriteString(screenTitle(st, c.w, "Impressions", "One line from each person, in turn. enter: write/save · ↑/↓: choose · →: on to the survey"))
	}
	if len(people) == 0 {
		b.WriteString(st.Subtle.Render("Nobody is marked present.") + "\n")
	}
	nameW := c.nameWidth()
	rows := make([]string, len(people))
	for i, p := range people {
		name := lipgloss.NewStyle().Width(nameW).Render(text.Line(p))
		val := st.Faint.Render("–")
		if t, ok := imps[p]; ok {
			val = truncate(text.Line(t), c.w-nameW-6)
		}
		cursor := "  "
		if i == c.row {
			cursor = st.Cursor.Render("▸ ")
			name = st.Bold.Render(name)
			if c.a.focus == focusImpression {
				val = c.impression.View()
			}
		}
		rows[i] = cursor + name + "  " + val
	}
	b.WriteString(listLines(st, rows, c.row, 1, max(3, c.h-strings.Count(b.String(), "\n")-2)) + "\n")
	done := 0
	for _, p := range people {
		if _, ok := imps[p]; ok {
			done++
		}
	}
	fmt.Fprintf(&b, "\n%s", st.Subtle.Render(fmt.Sprintf("%d of %d impressions", done, len(people))))
	return b.String()
}

func (c *closingScreen) surveyView() string {
	st := c.a.styles
	solo := c.a.state().Start.Solo
	var b strings.Builder
	about := "One key per person; tab: next question · → when done"
	rule := ruleOf(c.a.anonymousSurvey())
	if solo {
		about = "One key answers and moves to the next question · → when done"
		rule = "Only you answer: the minutes show your answers."
	}
	b.WriteString(st.Section.Render("Survey") + "\n" + wrapped(st.Subtle, about, c.w) + "\n" + wrapped(st.Subtle, rule, c.w) + "\n\n")
	head := strings.Count(b.String(), "\n")
	dist := !c.a.anonymousSurvey()
	b.WriteString(c.survey.View(st, c.a.state().Survey, c.h-head, c.a.focus == focusAnswerText, dist))
	return b.String()
}

// ShortHelp is the impression round's; the survey's is its grid's.
func (c *closingScreen) ShortHelp() []key.Binding {
	k := c.a.keys
	return []key.Binding{relabel(k.Edit, "impression"), k.Next, k.Prev, k.Up, k.Down, k.Action, k.AddLate, k.Join}
}

func (c *closingScreen) FullHelp() [][]key.Binding {
	k := c.a.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.First, k.Last, relabel(k.Edit, "impression")},
		{k.Action, k.Next, k.Prev},
	}
}
