package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// edit is what a key did to an input: the shell journals by it.
type edit int

const (
	// unchanged: the text is as it was (a cursor move, a blink).
	unchanged edit = iota
	// changed: the text changed; it is journaled as a draft (debounced).
	changed
	// advanced: enter finished one field of a form that has more.
	advanced
	// submitted: enter finished the input.
	submitted
	// left: esc left the input.
	left
)

// input is the contract every text field keeps with the shell (the notes,
// the action-item form, the late joiner's name, the review note, the
// impression and a text answer): the shell focuses it, gives it every key
// while it has the focus, and journals it by what Update says the key did,
// the same way for all of them. Its help is the keys it answers to.
type input interface {
	help.KeyMap
	Focus() tea.Cmd
	Blur()
	Value() string
	SetValue(s string)
	SetWidth(w int)
	Update(msg tea.Msg) (tea.Cmd, edit)
	View() string
}

// lineInput is a one-line input: submit (enter) finishes it, leave (esc)
// leaves it; its help says what the two do where it is used.
type lineInput struct {
	ti            textinput.Model
	submit, leave key.Binding
	keys          keyHelp
}

// newLineInput makes a one-line input; its hint (faint, after a space, so
// no letter of it looks typed) says what to write.
func newLineInput(st Styles, prompt, hint string, limit int, submit, leave key.Binding, shown ...key.Binding) lineInput {
	ti := textinput.New()
	ti.Prompt = prompt
	ti.Placeholder = placeholder(hint)
	ti.CharLimit = limit
	ti.SetStyles(inputStyles(st))
	if len(shown) == 0 {
		shown = []key.Binding{submit, leave}
	}
	return lineInput{ti: ti, submit: submit, leave: leave, keys: oneLineHelp(shown...)}
}

func (l *lineInput) Focus() tea.Cmd { return l.ti.Focus() }

// SetStyles follows the terminal's background.
func (l *lineInput) SetStyles(st Styles) { l.ti.SetStyles(inputStyles(st)) }
func (l *lineInput) Blur()               { l.ti.Blur() }
func (l *lineInput) Value() string       { return l.ti.Value() }
func (l *lineInput) SetWidth(w int)      { l.ti.SetWidth(w) }
func (l *lineInput) View() string        { return l.ti.View() }

// SetValue replaces the text and puts the cursor after it.
func (l *lineInput) SetValue(s string) {
	l.ti.SetValue(s)
	l.ti.CursorEnd()
}

func (l *lineInput) Update(msg tea.Msg) (tea.Cmd, edit) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, l.submit):
			return nil, submitted
		case key.Matches(k, l.leave):
			return nil, left
		}
	}
	return updated(&l.ti, msg)
}

func (l *lineInput) ShortHelp() []key.Binding  { return l.keys.ShortHelp() }
func (l *lineInput) FullHelp() [][]key.Binding { return l.keys.FullHelp() }

// updated passes msg to a text input and says whether its text changed.
func updated(ti *textinput.Model, msg tea.Msg) (tea.Cmd, edit) {
	before := ti.Value()
	var cmd tea.Cmd
	*ti, cmd = ti.Update(msg)
	if ti.Value() != before {
		return cmd, changed
	}
	return cmd, unchanged
}

// notesInput is the panel's notes: several lines (enter is a newline),
// left with esc. The box is rendered when its text, size or focus change,
// never in View: re-wrapping a long note is the costliest thing on screen.
type notesInput struct {
	ta    textarea.Model
	leave key.Binding
	keys  keyHelp
	view  string
}

func newNotesInput(st Styles, km KeyMap) notesInput {
	ta := textarea.New()
	ta.Placeholder = placeholder("what the team sees, decides, wonders…")
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.SetStyles(notesStyles(st))
	return notesInput{ta: ta, leave: km.Leave, keys: oneLineHelp(km.Leave, km.ForceQuit)}
}

func (n *notesInput) Focus() tea.Cmd {
	cmd := n.ta.Focus()
	n.render()
	return cmd
}

func (n *notesInput) Blur() {
	n.ta.Blur()
	n.view = ""
}

func (n *notesInput) Value() string { return n.ta.Value() }
func (n *notesInput) View() string  { return n.view }

// SetValue replaces the text and puts the cursor at its end.
func (n *notesInput) SetValue(s string) {
	n.ta.SetValue(s)
	n.ta.MoveToEnd()
	n.render()
}

func (n *notesInput) SetWidth(w int) {
	n.ta.SetWidth(w)
	n.render()
}

func (n *notesInput) SetHeight(h int) {
	n.ta.SetHeight(h)
	n.render()
}

// SetStyles follows the terminal's background.
func (n *notesInput) SetStyles(st Styles) {
	n.ta.SetStyles(notesStyles(st))
	n.render()
}

func (n *notesInput) Update(msg tea.Msg) (tea.Cmd, edit) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, n.leave) {
		return nil, left
	}
	before := n.ta.Value()
	var cmd tea.Cmd
	n.ta, cmd = n.ta.Update(msg)
	n.render()
	if n.ta.Value() != before {
		return cmd, changed
	}
	return cmd, unchanged
}

// render keeps the box as shown; a box without the focus is not shown.
func (n *notesInput) render() {
	if n.ta.Focused() {
		n.view = n.ta.View()
	}
}

func (n *notesInput) ShortHelp() []key.Binding  { return n.keys.ShortHelp() }
func (n *notesInput) FullHelp() [][]key.Binding { return n.keys.FullHelp() }
