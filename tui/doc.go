// Package tui is the viewing party on screen: a Bubble Tea app that walks an
// agenda stop by stop (attendance, earlier action items, each panel, the
// impression round and the survey, the summary), shows each panel's chart
// and numbers, and journals every note, answer, impression and action item
// as it is made.
//
// The root Model is a shell (app.go): it moves along the meeting's route
// (nav.go), keeps the clock and draws the frame around the screen, header,
// help and status bar (view.go), dispatches fetches (fetch.go), and routes
// keys (focus.go). Each stop is a screen of its own, a concrete type with
// its own state, Update, View, SetSize and help: attendanceScreen,
// reviewScreen, panelScreen (panel.go, panelparts.go), closingScreen and
// summaryScreen. Screens share one app value (save.go): the session, the
// agenda, clock, Styles and KeyMap, the focus and the status line.
//
// Keys. One focus value says where keys go: to the screen's commands, to
// the answer grid (answers.go), or to one of the text inputs, which all
// keep one contract (input.go: the notes, the action-item form, the late
// joiner's name, the review note, the impression, a text answer). Every key
// is matched through the KeyMap (keys.go); the help footer and the full
// help are built from the bindings the focused input, the grid or the
// screen says are live.
//
// Saving. Typed text is journaled as a draft at most saveDebounce after
// the keystroke, and at once when its field is left, the stop changes or
// the app quits (save.go): one path for every input. The minutes are
// written through the session (sessions.Session.WriteFile); tui does no
// file I/O of its own.
//
// Rendering. View changes nothing: sizes are set on resize, and what is
// costly (a panel's chart, the notes box, the minutes drawn by renderMarkdown) is
// rendered when its data, size or focus change, after Update (prepare) or
// in a command.
package tui
