//go:build unix

package lock

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this pid exists on this host:
// signal 0 checks without sending anything. EPERM means it exists but
// belongs to another user, which still holds the lock.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false // kill(0) or kill(-n) would address process groups
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
