// Package sessions knows the meeting and its record: the agenda (the script
// of a viewing party), the session folder with its append-only journal, the
// replay of that journal into state, the data the team saw, survey tallies,
// and the minutes rendered from all of it.
//
// Nothing here imports Bubble Tea: the record and the minutes can be made
// without a terminal (nagame export, nagame snapshot).
package sessions
