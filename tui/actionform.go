package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
)

// formResult is what a key did to the action form.
type formResult int

const (
	formTyping    formResult = iota
	formNext                 // enter: the field is done, on to the next
	formDone                 // the last enter: the item is complete
	formCancelled            // esc
)

// actionForm takes an action item in three lines: text, enter, owner,
// enter, and an optional due date, enter. esc cancels. The item has its id
// from the start, so it can be journaled while it is being written.
type actionForm struct {
	active bool
	id     string
	panel  string
	field  int
	inputs [3]textinput.Model
	err    string
	now    func() time.Time
}

func newActionForm(id, panel string, people []string, now func() time.Time) actionForm {
	f := actionForm{active: true, id: id, panel: panel, now: now}
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
	m.action = newActionForm(m.s.State().NextActionID(), panel, m.present(), m.now)
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

// event is the item as the form holds it now. A due date still being typed
// is left out until it reads as one.
func (f *actionForm) event() journal.Event {
	due, err := parseDue(f.inputs[2].Value(), f.now())
	if err != nil {
		due = ""
	}
	return journal.Event{
		Type: journal.EvAction, Action: f.id, Panel: f.panel,
		Text:  agenda.CleanLine(f.inputs[0].Value()),
		Owner: agenda.CleanLine(f.inputs[1].Value()),
		Due:   due,
	}
}

// Update handles a key or paste.
func (f actionForm) Update(msg tea.Msg) (actionForm, tea.Cmd, formResult) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			f.active = false
			return f, nil, formCancelled
		case "enter":
			return f.enter()
		}
	}
	var cmd tea.Cmd
	f.inputs[f.field], cmd = f.inputs[f.field].Update(msg)
	return f, cmd, formTyping
}

func (f actionForm) enter() (actionForm, tea.Cmd, formResult) {
	f.err = ""
	switch f.field {
	case 0:
		if agenda.CleanLine(f.inputs[0].Value()) == "" {
			f.err = "An action item needs a text (esc cancels)."
			return f, nil, formTyping
		}
	case 2:
		if _, err := parseDue(f.inputs[2].Value(), f.now()); err != nil {
			f.err = err.Error()
			return f, nil, formTyping
		}
		f.active = false
		return f, nil, formDone
	}
	f.inputs[f.field].Blur()
	f.field++
	return f, f.inputs[f.field].Focus(), formNext
}

// updateAction passes a key to the action form and journals the item as it
// is written; a cancelled form removes what was saved of it.
func (m *Model) updateAction(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	var res formResult
	m.action, cmd, res = m.action.Update(msg)
	e := m.action.event()
	switch res {
	case formTyping:
		if e.Text != "" {
			cmd = tea.Batch(cmd, m.saveDraft(e))
		}
	case formNext:
		m.commitDraft(e)
	case formDone:
		m.commitDraft(e)
		m.setFlash("Action item saved: "+e.Text, false)
	case formCancelled:
		m.dropDraft()
		if m.hasAction(e.Action) {
			m.post(journal.Event{Type: journal.EvAction, Action: e.Action, Status: journal.ActionDeleted})
			m.draftSaved = nil
		}
		m.setFlash("Action item cancelled.", false)
	}
	if !m.action.active {
		m.mode = modeNormal
		m.resize()
	}
	return cmd
}

func (m *Model) hasAction(id string) bool {
	for _, a := range m.s.State().Actions {
		if a.ID == id {
			return true
		}
	}
	return false
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
