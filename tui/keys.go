package tui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is every key the app answers to. The help footer and the full help
// screen are generated from it, so they never disagree with what keys do.
type KeyMap struct {
	Next    key.Binding
	Prev    key.Binding
	Edit    key.Binding
	Leave   key.Binding
	Answer  key.Binding
	Action  key.Binding
	Present key.Binding
	Refetch key.Binding
	Export  key.Binding
	Quit    key.Binding
	Help    key.Binding

	Up       key.Binding
	Down     key.Binding
	Toggle   key.Binding
	AddLate  key.Binding
	Continue key.Binding

	Group        key.Binding
	Clear        key.Binding
	NextQuestion key.Binding
	PrevQuestion key.Binding

	Done     key.Binding
	KeepOpen key.Binding
	Drop     key.Binding

	Save   key.Binding
	Cancel key.Binding

	PageUp   key.Binding
	PageDown key.Binding
}

// DefaultKeyMap is the keymap of the issue that specified the app.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Next:    b([]string{"right", "l", "n"}, "→/l/n", "next"),
		Prev:    b([]string{"left", "h", "p"}, "←/h/p", "previous"),
		Edit:    b([]string{"tab", "enter"}, "tab/enter", "notes"),
		Leave:   b([]string{"esc"}, "esc", "stop editing"),
		Answer:  b([]string{"a"}, "a", "answer"),
		Action:  b([]string{"i"}, "i", "action item"),
		Present: b([]string{"f"}, "f", "presenter"),
		Refetch: b([]string{"r"}, "r", "refetch"),
		Export:  b([]string{"e"}, "e", "write minutes"),
		Quit:    b([]string{"q", "ctrl+c"}, "q", "quit"),
		Help:    b([]string{"?"}, "?", "help"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		Toggle:   b([]string{"space", "x"}, "space", "present/absent"),
		AddLate:  b([]string{"+", "A"}, "+", "add a late joiner"),
		Continue: b([]string{"enter", "right", "l", "n"}, "enter/→", "continue"),

		Group:        b([]string{"g"}, "g", "group answer"),
		Clear:        b([]string{"backspace", "delete"}, "⌫", "clear"),
		NextQuestion: b([]string{"tab"}, "tab", "next question"),
		PrevQuestion: b([]string{"shift+tab"}, "shift+tab", "previous question"),

		Done:     b([]string{"d"}, "d", "done"),
		KeepOpen: b([]string{"o"}, "o", "still open"),
		Drop:     b([]string{"x"}, "x", "dropped"),

		Save:   b([]string{"enter"}, "enter", "save"),
		Cancel: b([]string{"esc"}, "esc", "cancel"),

		PageUp:   b([]string{"pgup", "b"}, "pgup", "page up"),
		PageDown: b([]string{"pgdown", "space"}, "pgdn", "page down"),
	}
}

// help is a help.KeyMap for one screen or mode.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h keyHelp) ShortHelp() []key.Binding  { return h.short }
func (h keyHelp) FullHelp() [][]key.Binding { return h.full }

func (k KeyMap) panelHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Next, k.Prev, k.Edit, k.Answer, k.Action, k.Present, k.Refetch, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Next, k.Prev, k.Present, k.Refetch},
			{k.Edit, k.Leave, k.Answer, k.Action},
			{k.AddLate, k.Export, k.Help, k.Quit},
		},
	}
}

func (k KeyMap) editingHelp() keyHelp {
	ctrlc := key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit"))
	return keyHelp{short: []key.Binding{k.Leave, ctrlc}, full: [][]key.Binding{{k.Leave, ctrlc}}}
}

func (k KeyMap) answerHelp(kinds string) keyHelp {
	keys := key.NewBinding(key.WithKeys(kinds), key.WithHelp(kinds, "answer & next"))
	return keyHelp{
		short: []key.Binding{keys, k.Up, k.Down, k.Group, k.Clear, k.NextQuestion, k.Leave},
		full:  [][]key.Binding{{keys, k.Up, k.Down}, {k.Group, k.Clear}, {k.NextQuestion, k.PrevQuestion, k.Leave}},
	}
}

func (k KeyMap) formHelp() keyHelp {
	return keyHelp{short: []key.Binding{k.Save, k.Cancel}, full: [][]key.Binding{{k.Save, k.Cancel}}}
}

func (k KeyMap) openingHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.Toggle, k.AddLate, k.Continue, k.Help, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Toggle, k.AddLate}, {k.Continue, k.Export, k.Help, k.Quit}},
	}
}

func (k KeyMap) reviewHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.Done, k.KeepOpen, k.Drop, k.Next, k.Prev, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down}, {k.Done, k.KeepOpen, k.Drop}, {k.Next, k.Prev, k.Help, k.Quit}},
	}
}

func (k KeyMap) closingHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.Edit, k.Answer, k.Action, k.Next, k.Prev, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.Edit}, {k.Answer, k.Action, k.AddLate}, {k.Next, k.Prev, k.Export, k.Help, k.Quit}},
	}
}

func (k KeyMap) summaryHelp() keyHelp {
	return keyHelp{
		short: []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Export, k.Prev, k.Quit},
		full:  [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Export, k.Prev, k.Help, k.Quit}},
	}
}
