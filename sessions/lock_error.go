package sessions

import (
	"fmt"
	"time"
)

// LockedError is AcquireLock's refusal: the session is open in another
// nagame. It says which process holds the lock and how to go on.
type LockedError struct {
	// Session is the name of the session folder.
	Session string
	// Path is the lock file: removing it by hand forces the session open.
	Path string
	// PID, Host and Since describe the owner.
	PID   int
	Host  string
	Since time.Time
	// OtherHost is set when the owner runs on another host than this one
	// (ThisHost): nagame cannot check whether it is still running.
	OtherHost bool
	ThisHost  string
}

// Error reads, for an owner on this host: "session 2026-11-22-checkout is
// open in another nagame (pid 4242 on host x, since 2026-11-22 10:02); close
// it there, or if it crashed, remove <path>".
func (e *LockedError) Error() string {
	since := e.Since.Local().Format("2006-01-02 15:04")
	if e.OtherHost {
		return fmt.Sprintf("session %s is open in another nagame on host %s (pid %d, since %s); "+
			"nagame cannot tell from host %s whether it is still running: close it there, "+
			"or if it is no longer running, remove %s", e.Session, e.Host, e.PID, since, e.ThisHost, e.Path)
	}
	return fmt.Sprintf("session %s is open in another nagame (pid %d on host %s, since %s); "+
		"close it there, or if it crashed, remove %s", e.Session, e.PID, e.Host, since, e.Path)
}
