package agenda

import "github.com/nagame-dev/nagame/text"

// CleanText makes text from a person or a backend safe to show: it is
// text.Clean, kept under this name only until its last callers outside
// sessions move to text.Clean (then it goes; new code calls text.Clean).
// It is not marked Deprecated: so that lint stays clean meanwhile.
func CleanText(s string) string { return text.Clean(s) }

// CleanLine is CleanText on one line: it is text.Line, kept under this
// name only until its last callers move (see CleanText).
func CleanLine(s string) string { return text.Line(s) }
