// Package tui is the viewing party on screen: a Bubble Tea app that walks an
// agenda stop by stop (attendance, earlier action items, each panel, the
// impression round and the survey, the summary), shows each panel's chart
// and numbers, and journals every note, answer, impression and action item
// as it is made.
//
// The root Model is a shell (app.go): it moves along the meeting's route
// (nav.go), keeps the clock and draws the frame around the screen, header,
// help and status bar (view.go, helpview.go), dispatches fetches
// (fetch.go), and routes keys (focus.go). Each stop is a screen of its own,
// a concrete type with its own state, Update, View, SetSize and help:
// attendanceScreen, reviewScreen, panelScreen (panel.go, panelview.go,
// panelparts.go), closingScreen and summaryScreen. Screens share one app
// value (save.go): the session, the agenda, clock, Styles and KeyMap, the
// focus and the status line (status.go: messages that expire, or are
// replaced when the state they tell of changes).
//
// The screen is shared with a room. Nothing the room reads is cut: the
// prompt wraps and the chart gives up rows first; lists say how many rows
// they hide (list.go); answers are tallied as they come (tally.go, counted
// by the minutes' own TallyAnswers). Every style with text has a contrast
// of at least 4.5:1 on dark and light backgrounds (contrast_test.go);
// faint is for decoration. The frame's own words use no East Asian
// Ambiguous character, and the footer is laid out as if → took two cells.
//
// Phones (join.go, joinview.go). With --join or the w key the app runs a
// join server (package join): it opens the ballot of the stop on screen,
// and its Sink hands each answer to Update through a channel, where it is
// journaled as the event a typed answer makes, marked Device. The token
// lives in the session folder; the server stops at the summary or on quit.
//
// Keys. One focus value says where keys go: to the screen's commands, to
// the answer grid (answers.go), to one of the text inputs, which all keep
// one contract (input.go: the notes, the action-item form, the late
// joiner's name, the review note, the impression, a text answer), or to an
// overlay (the help, the join link). Every key is matched through the
// KeyMap (keys.go); the footer and the full help are built in one place
// (helpFor) from the bindings the focused input, the grid or the screen
// says are live, and the shell's own; keywalk_test.go presses every key
// on every screen to check that what is listed acts and nothing else does.
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
