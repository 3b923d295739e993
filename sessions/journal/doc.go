// Package journal is a session's append-only record: journal.jsonl, one
// JSON object a line, each line an Event (a note typed, an answer given, a
// panel shown) with a sequence number and a time.
//
// It owns the events and their fields (the vocabulary of journal version
// 1: event types, meeting phases, action item statuses), appending with
// fsync so an acknowledged event survives kill -9 and a power loss, and
// replay: reading the lines back in order, ignoring and reporting a last
// line torn by a crash, and refusing, with the line number and what to do,
// anything else that is damaged.
//
// It does not know what the events mean: replaying them into the state of
// a meeting, the session folder and the lock that keeps a second process
// from writing the same journal belong to package sessions.
package journal
