// Package sessions knows the meeting and its record: the live session a
// team runs (Start, Resume, Post), the session folder it writes (the agenda
// as it was run, the journal, the data each panel showed), the lock that
// keeps a second nagame out of it, the State the journal replays into, the
// fetching of panels from their sources, the listing of the sessions under
// a folder and the action items followed across them.
//
// It is the one place that chooses which session nagame resume continues
// (ToResume) and which earlier sessions a new session follows up
// (FollowUps, PreviousOf): their open action items come first in the next
// meeting, and their figures make its trends.
//
// The agenda (sessions/agenda) and the journal's events (sessions/journal)
// are packages of their own, below this one; the minutes
// (sessions/minutes) are rendered from a Record, above it, and written back
// with Session.WriteFile. Nothing here imports Bubble Tea: the record can be
// made and read without a terminal (nagame export, nagame snapshot).
package sessions
