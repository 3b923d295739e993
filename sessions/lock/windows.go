//go:build windows

package lock

import (
	"errors"
	"os"
	"strconv"

	"golang.org/x/sys/windows"
)

// A Windows lock file is opened with FILE_SHARE_DELETE, so that its other
// names can be removed while it is held (the temporary name at once, the
// lock at Release), and locked with LockFileEx on one byte far past its
// end: readers of its content are not blocked by the lock (Windows locks
// are mandatory), and the system releases it when the process ends.

// lockedByte is the offset (as the high 32 bits) of the byte that is locked.
const lockedByteHigh = 0x40000000

// createLockFile creates the file a lock is written to (it must not exist).
func createLockFile(path string) (*os.File, error) {
	return openShared(path, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.CREATE_NEW)
}

func openShared(path string, access, disposition uint32) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, access,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, disposition, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

// osLock locks the file's far byte without waiting.
func osLock(f *os.File) error {
	return lockByte(windows.Handle(f.Fd()))
}

func lockByte(h windows.Handle) error {
	ol := windows.Overlapped{OffsetHigh: lockedByteHigh}
	return windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

// osLockHeld reports whether a process holds the lock of the file at path
// (ok is false when that cannot be told).
func osLockHeld(path string) (held, ok bool) {
	f, err := openShared(path, windows.GENERIC_READ, windows.OPEN_EXISTING)
	if err != nil {
		return false, false
	}
	defer func() { _ = f.Close() }()
	h := windows.Handle(f.Fd())
	switch err := lockByte(h); {
	case err == nil:
		ol := windows.Overlapped{OffsetHigh: lockedByteHigh}
		_ = windows.UnlockFileEx(h, 0, 1, 0, &ol)
		return false, true
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION):
		return true, true
	}
	return false, false
}

// processAlive reports whether a process with this pid runs on this host:
// one that can be opened (or is refused: it exists, under another user)
// and has not exited.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return true
	}
	if err != nil {
		return false
	}
	defer func() { _ = windows.CloseHandle(h) }()
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil {
		return true // it exists; the safe side
	}
	const stillActive = 259
	return code == stillActive
}

// processStart is the creation time of the process, in 100 ns units.
func processStart(pid int) (string, error) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return "", err
	}
	defer func() { _ = windows.CloseHandle(h) }()
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(h, &created, &exited, &kernel, &user); err != nil {
		return "", err
	}
	return strconv.FormatInt(int64(created.HighDateTime)<<32|int64(created.LowDateTime), 10), nil
}
