// Package agenda is the script of a viewing party: the YAML file a team
// prepares (version 1), read into a validated Agenda of panels, questions,
// sources and a closing round.
//
// It owns loading and parsing (strict: unknown keys, wrong types, secrets
// written into the file and impossible objectives are errors), the errors
// themselves, positioned at file:line:col with a hint and a "did you mean"
// where a key is close to a known one, the limits that refuse files far
// outside an agenda's shape before they are parsed, and the small vocabulary
// an agenda is written in (durations like 30d or 2w, windows, comparisons,
// question kinds and their answers).
//
// It does not run anything: it opens no source, writes no file and keeps no
// state. The session that runs an agenda, its journal and its minutes live
// in the packages beside it (sessions, sessions/journal, sessions/minutes).
package agenda
