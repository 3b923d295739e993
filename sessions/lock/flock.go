//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package lock

import (
	"errors"
	"os"
	"syscall"
)

// createLockFile creates the file a lock is written to (it must not exist).
func createLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

// osLock takes an exclusive flock on f without waiting. The system drops it
// when f is closed or the process ends, however it ends (kill -9, a crash,
// a power loss), and it belongs to the file, so every link to the file
// shares it.
func osLock(f *os.File) error {
	return flock(f, syscall.LOCK_EX|syscall.LOCK_NB)
}

// osLockHeld reports whether a process holds the flock of the file at path
// (ok is false when that cannot be told: no such file, or a file system
// without flock). It takes the lock for an instant to find out.
func osLockHeld(path string) (held, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return false, false
	}
	defer func() { _ = f.Close() }() // drops the probe's lock, if it got it
	switch err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); {
	case err == nil:
		return false, true
	case errors.Is(err, syscall.EWOULDBLOCK):
		return true, true
	}
	return false, false
}

func flock(f *os.File, how int) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		for {
			ferr = syscall.Flock(int(fd), how)
			if !errors.Is(ferr, syscall.EINTR) {
				return
			}
		}
	}); err != nil {
		return err
	}
	return ferr
}
