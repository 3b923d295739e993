package sources

import (
	"errors"
	"strings"
)

// Error is a failure of a backend, worded for the panel that shows it and the
// facilitator who must fix it: what the backend said, about which query, and
// what to do next.
type Error struct {
	// Backend is the source type ("datadog", "prometheus", "file", "demo").
	Backend string
	// Query that failed, when there is one.
	Query string
	// Msg is what went wrong, in the backend's words where it gave any.
	Msg string
	// Hint says what to do about it ("check DD_API_KEY / DD_APP_KEY and site").
	Hint string
	// Temporary marks failures worth retrying as they are (timeouts, 429, 5xx).
	Temporary bool
	// Err is the underlying cause, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Backend)
	b.WriteString(": ")
	msg := e.Msg
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	b.WriteString(msg)
	if e.Query != "" {
		b.WriteString(" (query ")
		b.WriteString(Clip(e.Query, 80))
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// HintOf returns the hint of the first *Error in err's chain, or "".
func HintOf(err error) string {
	var se *Error
	if errors.As(err, &se) {
		return se.Hint
	}
	return ""
}

// IsTemporary reports whether err is a backend failure worth retrying as is.
func IsTemporary(err error) bool {
	var se *Error
	return errors.As(err, &se) && se.Temporary
}

// Clip shortens s to at most n runes, marking the cut with an ellipsis.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return s
	}
	return string(r[:n-1]) + "…"
}
