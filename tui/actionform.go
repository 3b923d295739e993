package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/nagame-dev/nagame/sessions/journal"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/text"
)

// actionForm takes an action item in three lines: text, enter, owner,
// enter, and an optional due date, enter. esc cancels. The item has its id
// from the start, so it can be journaled while it is being written. It is
// an input like the others: Value and SetValue are the field being typed.
type actionForm struct {
	a      *app
	id     string
	panel  string
	field  int
	inputs [3]textinput.Model
	err    string
}

// newActionForm starts an item for a panel ("" for the meeting).
func newActionForm(a *app, panel string) actionForm {
	f := actionForm{a: a, id: a.state().NextActionID(), panel: panel}
	prompts := []string{"Action: ", "Owner:  ", "Due:    "}
	holders := []string{"what needs doing", "who (tab completes a name)", "optional: 2026-12-15, +2w, or enter to skip"}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = prompts[i]
		in.Placeholder = placeholder(holders[i])
		in.CharLimit = 200
		in.SetStyles(inputStyles(a.styles))
		f.inputs[i] = in
	}
	f.inputs[1].ShowSuggestions = true
	f.inputs[1].SetSuggestions(a.present())
	return f
}

func (f *actionForm) Focus() tea.Cmd    { return f.inputs[f.field].Focus() }
func (f *actionForm) Blur()             { f.inputs[f.field].Blur() }
func (f *actionForm) Value() string     { return f.inputs[f.field].Value() }
func (f *actionForm) SetValue(s string) { f.inputs[f.field].SetValue(s) }

func (f *actionForm) SetWidth(w int) {
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(10, w-10))
	}
}

// event is the item as the form holds it now. A due date still being typed
// is left out until it reads as one.
func (f *actionForm) event() journal.Event {
	due, err := parseDue(f.inputs[2].Value(), f.a.now())
	if err != nil {
		due = ""
	}
	return journal.Event{
		Type: journal.EvAction, Action: f.id, Panel: f.panel,
		Text:  text.Line(f.inputs[0].Value()),
		Owner: text.Line(f.inputs[1].Value()),
		Due:   due,
	}
}

// Update handles a key or paste.
func (f *actionForm) Update(msg tea.Msg) (tea.Cmd, edit) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, f.a.keys.Cancel):
			return nil, left
		case key.Matches(k, f.a.keys.Save):
			return f.enter()
		}
	}
	return updated(&f.inputs[f.field], msg)
}

func (f *actionForm) enter() (tea.Cmd, edit) {
	f.err = ""
	switch f.field {
	case 0:
		if text.Line(f.inputs[0].Value()) == "" {
			f.err = "An action item needs a text (esc cancels)."
			return nil, unchanged
		}
	case 2:
		if _, err := parseDue(f.inputs[2].Value(), f.a.now()); err != nil {
			f.err = err.Error()
			return nil, unchanged
		}
		return nil, submitted
	}
	f.inputs[f.field].Blur()
	f.field++
	return f.inputs[f.field].Focus(), advanced
}

// onEdit journals the item as it is written: a draft while a field is
// typed, at once when one is done; a cancelled form removes what was saved
// of it.
func (f *actionForm) onEdit(e edit) (tea.Cmd, ask) {
	a := f.a
	ev := f.event()
	switch e {
	case changed:
		if ev.Text != "" {
			return a.draft(ev), ask{focus: focusAction}
		}
	case advanced:
		a.save(ev)
	case submitted:
		a.save(ev)
		a.setFlash("Action item saved: "+ev.Text, false)
		return nil, ask{}
	case left:
		a.discard()
		if hasAction(a, ev.Action) {
			a.post(journal.Event{Type: journal.EvAction, Action: ev.Action, Status: journal.ActionDeleted})
		}
		a.setFlash("Action item cancelled.", false)
		return nil, ask{}
	}
	return nil, ask{focus: focusAction}
}

func hasAction(a *app, id string) bool {
	for _, x := range a.state().Actions {
		if x.ID == id {
			return true
		}
	}
	return false
}

func (f *actionForm) ShortHelp() []key.Binding {
	return []key.Binding{f.a.keys.Save, f.a.keys.Cancel}
}

func (f *actionForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

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

func (f *actionForm) View() string {
	st := f.a.styles
	var b strings.Builder
	where := "for this panel"
	if f.panel == "" {
		where = "for the meeting"
	}
	b.WriteString(st.Section.Render("New action item "+where) + st.Subtle.Render("  enter: next · esc: cancel") + "\n")
	for i := 0; i <= f.field && i < len(f.inputs); i++ {
		b.WriteString(f.inputs[i].View() + "\n")
	}
	if f.err != "" {
		b.WriteString(st.Danger.Render(f.err) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
