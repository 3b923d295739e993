package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key the app answers to, and the only place a key is
// named: screens and inputs match keys through these bindings, and the help
// footer and the full help screen are built from the bindings each screen
// or input says are live, so they never disagree with what keys do.
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
	Publish key.Binding
	// Budget switches a panel between its chart and its error budget's
	// burn-down; Join shows how to answer from a phone (and starts the
	// join server).
	Budget    key.Binding
	Join      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding

	Up   key.Binding
	Down key.Binding
	// First and Last go to the top and the bottom of a list or the minutes.
	First    key.Binding
	Last     key.Binding
	Toggle   key.Binding
	AddLate  key.Binding
	Continue key.Binding

	Group        key.Binding
	Clear        key.Binding
	NextQuestion key.Binding
	PrevQuestion key.Binding
	// ArrowNext and ArrowPrev move along the meeting while answering, where
	// letters are answers (n is "no").
	ArrowNext key.Binding
	ArrowPrev key.Binding
	Yes       key.Binding
	No        key.Binding
	// Digit[d] is the digit d, which picks an option of a question.
	Digit [10]key.Binding

	Done     key.Binding
	KeepOpen key.Binding
	Drop     key.Binding

	Save   key.Binding
	Cancel key.Binding

	PageUp       key.Binding
	PageDown     key.Binding
	HalfPageUp   key.Binding
	HalfPageDown key.Binding
}

// DefaultKeyMap is the keymap of the issue that specified the app.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	km := KeyMap{
		Next:      b([]string{"right", "l", "n"}, "→/l/n", "next"),
		Prev:      b([]string{"left", "h", "p"}, "←/h/p", "previous"),
		Edit:      b([]string{"tab", "enter"}, "tab/enter", "notes"),
		Leave:     b([]string{"esc"}, "esc", "stop editing"),
		Answer:    b([]string{"a"}, "a", "answer"),
		Action:    b([]string{"i"}, "i", "action item"),
		Present:   b([]string{"f"}, "f", "presenter"),
		Refetch:   b([]string{"r"}, "r", "refetch"),
		Export:    b([]string{"e"}, "e", "write minutes"),
		Publish:   b([]string{"P"}, "P", "publish"),
		Budget:    b([]string{"b"}, "b", "chart/budget"),
		Join:      b([]string{"w"}, "w", "join by phone"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Help:      b([]string{"?"}, "?", "help"),

		Up:       b([]string{"up", "k"}, "↑/k", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "down"),
		First:    b([]string{"home", "g"}, "g/home", "first"),
		Last:     b([]string{"end", "G"}, "G/end", "last"),
		Toggle:   b([]string{"space", "x"}, "space", "present/absent"),
		AddLate:  b([]string{"+", "A"}, "+", "add a late joiner"),
		Continue: b([]string{"enter", "right", "l", "n"}, "enter/→", "continue"),

		Group:        b([]string{"g"}, "g", "group answer"),
		Clear:        b([]string{"backspace", "delete"}, "⌫", "clear"),
		NextQuestion: b([]string{"tab"}, "tab", "next question"),
		PrevQuestion: b([]string{"shift+tab"}, "shift+tab", "previous question"),
		ArrowNext:    b([]string{"right"}, "→", "next"),
		ArrowPrev:    b([]string{"left"}, "←", "previous"),
		Yes:          b([]string{"y"}, "y", "yes"),
		No:           b([]string{"n"}, "n", "no"),

		Done:     b([]string{"d"}, "d", "done"),
		KeepOpen: b([]string{"o"}, "o", "still open"),
		Drop:     b([]string{"x"}, "x", "dropped"),

		Save:   b([]string{"enter"}, "enter", "save"),
		Cancel: b([]string{"esc"}, "esc", "cancel"),

		PageUp:       b([]string{"pgup", "b"}, "pgup", "page up"),
		PageDown:     b([]string{"pgdown", "space", "f"}, "pgdn", "page down"),
		HalfPageUp:   b([]string{"u", "ctrl+u"}, "u", "½ page up"),
		HalfPageDown: b([]string{"d", "ctrl+d"}, "d", "½ page down"),
	}
	for d := range km.Digit {
		s := strconv.Itoa(d)
		km.Digit[d] = b([]string{s}, s, "option "+s)
	}
	return km
}

// relabel is b with another description: the same keys, saying what they
// do in one place (enter "adds" a late joiner, "saves & moves on" in the
// impression round).
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}

// either is one help entry for two bindings that do the same here.
func either(a, b key.Binding, desc string) key.Binding {
	keys := append(append([]string{}, a.Keys()...), b.Keys()...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(a.Help().Key+"/"+b.Help().Key, desc))
}

// digits is one help entry for the digits from..to: "1–6 go to panel".
func (km KeyMap) digits(from, to int, desc string) key.Binding {
	var keys []string
	for d := from; d <= to; d++ {
		keys = append(keys, km.Digit[d%10].Keys()...)
	}
	hint := strconv.Itoa(from) + "–" + strconv.Itoa(to%10)
	if from == to {
		hint = strconv.Itoa(from)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(hint, desc))
}

// pinned reports whether a footer entry stays however narrow the screen:
// the keys of the help and of quitting.
func (km KeyMap) pinned(b key.Binding) bool {
	h := b.Help().Key
	return h == km.Help.Help().Key || h == km.Quit.Help().Key || h == km.ForceQuit.Help().Key
}

// keyHelp is a help.KeyMap made of lists: what a screen or an input shows.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h keyHelp) ShortHelp() []key.Binding  { return h.short }
func (h keyHelp) FullHelp() [][]key.Binding { return h.full }

// oneLineHelp is the help of an input whose keys fit one line.
func oneLineHelp(keys ...key.Binding) keyHelp {
	return keyHelp{short: keys, full: [][]key.Binding{keys}}
}

// when is b, or nothing: a key that does nothing here (adding a late joiner
// in a self-review) is not in the help.
func when(on bool, b ...key.Binding) []key.Binding {
	if !on {
		return nil
	}
	return b
}
