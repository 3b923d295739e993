package journal

import (
	"fmt"
	"path/filepath"
)

// Error reports a complete line of journal.jsonl that replay cannot
// accept: it is not a JSON object, has an unknown type, breaks the sequence
// of seq numbers, or is empty. Replay stops there rather than guess, because
// the state of the meeting is everything the lines say, in order.
//
// A torn last line (a crash mid-write) is not an error: see TornTail.
type Error struct {
	// Path of the journal file, as it was given to Read/Open.
	Path string
	// Line is the 1-based number of the offending line.
	Line int
	// Problem says what is wrong with the line.
	Problem string
	// Hint says what the user can do about it.
	Hint string
	// Err is the underlying decoding error, if any.
	Err error
	// Changed is set when the line reads but is not what nagame wrote: its
	// checksum does not match, or it lacks one where the lines before it
	// have one. Repair can keep such a line when asked to.
	Changed bool
	// unknownType: the line is an event of a type this nagame does not know.
	unknownType bool
}

// Error reads "journal.jsonl:42: <problem>; the session record is damaged: <hint>".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %s; the session record is damaged: %s", e.Path, e.Line, e.Problem, e.Hint)
}

// Unwrap returns the decoding error, so errors.As finds e.g. a
// *json.SyntaxError.
func (e *Error) Unwrap() error { return e.Err }

// damagedLineHint is what to do about a line that was once written whole
// but no longer makes sense (edited by hand, disk damage).
func damagedLineHint(path string, line int) string {
	return fmt.Sprintf("the %d line(s) before it are intact; run nagame repair %s: it keeps every event that still reads "+
		"in a fresh journal, and the damaged journal beside it", line-1, filepath.Base(filepath.Dir(path)))
}

// unknownTypeHint is what to do about an event type this nagame does not
// know: most likely a newer nagame wrote it.
func unknownTypeHint(path string) string {
	return fmt.Sprintf("it was probably written by a newer nagame: open %s with that version "+
		"(this one does not guess at events it does not know)", path)
}
