package lock

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeOwner writes a lock file with the given owner, as some nagame would.
func writeOwner(t *testing.T, dir string, o lockOwner) {
	t.Helper()
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// The lock names its owner beyond the pid (its start time, where the
// system tells it) and says it holds an OS lock.
func TestLockRecordsTheOwnersStartAndOSLock(t *testing.T) {
	dir := sessionDir(t)
	l, err := Acquire(dir, lockClock)
	if err != nil {
		t.Fatal(err)
	}
	defer releaseLock(t, l)
	h, _ := lockFileOwner(t, dir)
	start, serr := processStart(os.Getpid())
	if serr == nil && (start == "" || h.owner.Start != start) {
		t.Errorf("lock start %q, want this process's %q", h.owner.Start, start)
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		if serr != nil || !h.owner.OSLock {
			t.Errorf("on %s the lock should hold an OS lock and a start time: %+v, %v", runtime.GOOS, h.owner, serr)
		}
		if held, ok := osLockHeld(filepath.Join(dir, FileName)); !ok || !held {
			t.Errorf("the OS lock is not held (held %v, ok %v)", held, ok)
		}
	}
}

// A lock whose pid is alive but is another process now (the system reused
// the pid: it started at another time) is stale, and taken over; before,
// it was refused for as long as that process ran.
func TestALockOfAReusedPIDIsTakenOver(t *testing.T) {
	if _, err := processStart(os.Getpid()); err != nil {
		t.Skipf("no process start times on %s", runtime.GOOS)
	}
	dir := sessionDir(t)
	// This live process's pid, with a start time it never had, and no OS
	// lock (as an older nagame, or a file system without them, writes).
	writeOwner(t, dir, lockOwner{PID: os.Getpid(), Host: hostname(t), Since: lockSince, Nonce: rand.Text(), Start: "1"})
	l, err := Acquire(dir, lockClock)
	if err != nil {
		t.Fatalf("a lock of a reused pid was refused: %v", err)
	}
	releaseLock(t, l)
	// The same pid with its real start time is the owner: refused.
	start, _ := processStart(os.Getpid())
	writeOwner(t, dir, lockOwner{PID: os.Getpid(), Host: hostname(t), Since: lockSince, Nonce: rand.Text(), Start: start})
	var le *HeldError
	if _, err := Acquire(dir, lockClock); !errors.As(err, &le) {
		t.Errorf("the live owner's lock: %v, want a HeldError", err)
	}
}

// A lock that says its owner held an OS lock is stale once nobody holds
// it, whatever its pid: the system released it when the owner ended.
func TestALockWithoutItsOSLockIsTakenOver(t *testing.T) {
	if _, ok := osLockHeld(os.Args[0]); !ok {
		t.Skipf("no OS locks on %s", runtime.GOOS)
	}
	dir := sessionDir(t)
	start, _ := processStart(os.Getpid())
	// This live process, its true start time: only the missing OS lock
	// tells the owner is gone (a pid reused within the same clock tick).
	writeOwner(t, dir, lockOwner{PID: os.Getpid(), Host: hostname(t), Since: lockSince, Nonce: rand.Text(), Start: start, OSLock: true})
	l, err := Acquire(dir, lockClock)
	if err != nil {
		t.Fatalf("a lock whose OS lock is free was refused: %v", err)
	}
	releaseLock(t, l)
}
