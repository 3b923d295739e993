//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package lock

import (
	"errors"
	"os"
)

// createLockFile creates the file a lock is written to (it must not exist).
func createLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

// osLock is not available here: locks rely on the owner's pid alone.
func osLock(*os.File) error { return errors.ErrUnsupported }

// osLockHeld cannot tell here.
func osLockHeld(string) (held, ok bool) { return false, false }
