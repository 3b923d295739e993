package tui

import (
	"time"

	"github.com/nagame-dev/nagame/text"
)

// The status line says what is happening now. A message is replaced when
// the state it tells of changes (a fetch that ends replaces its "Fetching
// …"), cleared when the meeting moves to another stop, and otherwise
// expires: a message that stays reads as the present when it is history.

// How long a status message stays, at most.
const (
	statusFor    = 5 * time.Second
	statusErrFor = 12 * time.Second
)

// status is the status line's message.
type status struct {
	text  string
	isErr bool
	// tag names the state the message tells of ("fetch:latency"), so the
	// news that ends that state replaces it.
	tag   string
	until time.Time
}

// setFlash shows a message for statusFor (an error for statusErrFor).
func (a *app) setFlash(s string, isErr bool) { a.setStatus("", s, isErr) }

// setStatus shows a message about the state tag.
func (a *app) setStatus(tag, s string, isErr bool) {
	d := statusFor
	if isErr {
		d = statusErrFor
	}
	a.status = status{text: text.Line(s), isErr: isErr, tag: tag, until: a.now().Add(d)}
}

// replaceStatus shows a message about tag's new state when the status
// line still tells of its old one; it reports whether it did.
func (a *app) replaceStatus(tag, s string, isErr bool) bool {
	if a.status.text == "" || a.status.tag != tag {
		return false
	}
	a.setStatus(tag, s, isErr)
	return true
}

// clearStatus empties the status line.
func (a *app) clearStatus() { a.status = status{} }

// expireStatus clears a message whose time is up.
func (a *app) expireStatus(now time.Time) {
	if a.status.text != "" && !now.Before(a.status.until) {
		a.clearStatus()
	}
}
