// Package minutes turns a session's record into its minutes: a Markdown
// document that stands alone (charts as text, figures, notes, answers,
// action items) and the same content as versioned JSON (docs/minutes.md).
//
// It owns building the minutes from a sessions.Record (and the records of
// earlier sessions of the same agenda, for carried-over action items and
// trends), the tallies of answers and surveys with the anonymity rule, the
// trends across sessions, escaping people's text so Markdown reads it back
// as written, and the panel chart, which the TUI and snapshot draw with the
// same function so every view of a panel agrees.
//
// It reads only the record, never a live session or a backend, so minutes
// regenerate offline and byte for byte. It writes no file: callers write the
// bytes, into a session folder with sessions.Session.WriteFile.
package minutes
