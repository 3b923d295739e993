package agenda

import "github.com/nagame-dev/nagame/text"

// CleanText makes text from a person or a backend safe to show.
//
// Deprecated: use text.Clean, which this calls; it stays until the last
// callers outside sessions move.
func CleanText(s string) string { return text.Clean(s) }

// CleanLine is CleanText on one line.
//
// Deprecated: use text.Line, which this calls; it stays until the last
// callers outside sessions move.
func CleanLine(s string) string { return text.Line(s) }
