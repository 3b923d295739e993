package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sources"
)

// actionDone is an action item the form finished.
type actionDone struct {
	panel, text, owner, due string
}

// actionForm takes an action item in three lines: text, enter, owner,
// enter, and an optional due date, enter. esc cancels.
type actionForm struct {
	active bool
	panel  string
	field  int
	inputs [3]textinput.Model
	err    string
	now    func() time.Time
}

func newActionForm(panel string, people []string, now func() time.Time) actionForm {
	f := actionForm{active: true, panel: panel, now: now}
	prompts := []string{"Action: ", "Owner:  ", "Due:    "}
	holders := []string{"what needs doing", "who (tab completes a name)", "optional: 2026-12-15, +2w, or enter to skip"}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = prompts[i]
		in.Placeholder = holders[i]
		in.CharLimit = 200
		f.inputs[i] = in
	}
	f.inputs[1].ShowSuggestions = true
	f.inputs[1].SetSuggestions(people)
	return f
}

func (m *Model) startAction(panel string) tea.Cmd {
	m.action = newActionForm(panel, m.present(), m.now)
	m.action.setWidth(m.width - 8)
	m.mode = modeAction
	m.resize()
	return m.action.inputs[0].Focus()
}

func (f *actionForm) setWidth(w int) {
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(10, w-10))
	}
}

// Update handles a key or paste; it returns the finished item on the last
// enter.
func (f actionForm) Update(msg tea.Msg) (actionForm, tea.Cmd, *actionDone) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			f.active = false
			return f, nil, nil
		case "enter":
			return f.enter()
		}
	}
	var cmd tea.Cmd
	f.inputs[f.field], cmd = f.inputs[f.field].Update(msg)
	return f, cmd, nil
}

func (f actionForm) enter() (actionForm, tea.Cmd, *actionDone) {
	f.err = ""
	switch f.field {
	case 0:
		if sessions.CleanLine(f.inputs[0].Value()) == "" {
			f.err = "An action item needs a text (esc cancels)."
			return f, nil, nil
		}
	case 2:
		due, err := parseDue(f.inputs[2].Value(), f.now())
		if err != nil {
			f.err = err.Error()
			return f, nil, nil
		}
		f.active = false
		return f, nil, &actionDone{
			panel: f.panel,
			text:  sessions.CleanLine(f.inputs[0].Value()),
			owner: sessions.CleanLine(f.inputs[1].Value()),
			due:   due,
		}
	}
	f.inputs[f.field].Blur()
	f.field++
	return f, f.inputs[f.field].Focus(), nil
}

// parseDue reads a due date: empty, YYYY-MM-DD, or +N days/weeks (+3d, +2w).
func parseDue(s string, now time.Time) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if strings.HasPrefix(s, "+") {
		d, err := sources.ParseDuration(s[1:])
		if err != nil || d <= 0 {
			return "", fmt.Errorf("due %q: write a date (2026-12-15) or +3d / +2w", s)
		}
		return now.Add(d).Format(time.DateOnly), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return "", fmt.Errorf("due %q: write a date (2026-12-15) or +3d / +2w", s)
	}
	return t.Format(time.DateOnly), nil
}

func (m *Model) saveAction(d actionDone) {
	m.post(sessions.Event{
		Type: sessions.EvAction, Action: m.s.State().NextActionID(),
		Panel: d.panel, Text: d.text, Owner: d.owner, Due: d.due,
	})
	m.setFlash("Action item saved: "+d.text, false)
}

func (f actionForm) View(st Styles) string {
	var b strings.Builder
	where := "for this panel"
	if f.panel == "" {
		where = "for the meeting"
	}
	b.WriteString(st.Section.Render("New action item "+where) + st.Faint.Render("  enter: next · esc: cancel") + "\n")
	for i := 0; i <= f.field && i < len(f.inputs); i++ {
		b.WriteString(f.inputs[i].View() + "\n")
	}
	if f.err != "" {
		b.WriteString(st.Danger.Render(f.err) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
