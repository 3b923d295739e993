package sessions

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// LockFileName is the name of the lock file in a session folder. A crash
// in the middle of taking over a stale lock can leave files named
// "lock.tmp-*", "lock.takeover-*" or "lock.stale-*" next to it: they are
// harmless, and listings of the folder should ignore them.
const LockFileName = "lock"

// Lock is one process's hold on a session folder: while it is held no other
// nagame writes the session. Take it (AcquireLock) before creating or
// opening the journal, and release it when the session is closed.
type Lock struct {
	path  string
	owner lockOwner

	mu       sync.Mutex
	released bool
}

// lockOwner is the content of a lock file: one JSON object.
type lockOwner struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
	// Nonce is random per acquisition. It tells this lock apart from any
	// other, even one of a reused pid: takeover and Release compare it.
	Nonce string `json:"nonce"`
}

// maxLockAttempts bounds AcquireLock's retries while other processes
// change the lock under it; lockRetryPause is the pause between them.
const (
	maxLockAttempts = 100
	lockRetryPause  = 2 * time.Millisecond
)

// AcquireLock takes the lock of the session folder dir (which must exist):
// it creates dir/lock holding this process's pid, host name and start time.
//
// If the lock is held by a live process on this host (signal 0 reaches its
// pid), or by any process on another host (whose liveness cannot be
// checked), AcquireLock returns a *LockedError saying how to go on. If its
// owner is dead, or the file is junk, the lock is taken over. Every step is
// atomic (the lock is always created by hard-linking a complete temporary
// file, and a stale lock is moved away only by the one process that claimed
// it), so of several racing processes exactly one wins.
//
// now stamps the lock's "since" (the wall clock when nil); tests pin it.
func AcquireLock(dir string, now func() time.Time) (*Lock, error) {
	now = clockOr(now)
	host, err := os.Hostname()
	if err != nil {
		host = "" // every process here gets the same answer, so they still compare equal
	}
	me := lockOwner{PID: os.Getpid(), Host: host, Since: now().UTC().Truncate(time.Second), Nonce: rand.Text()}
	data, err := json.Marshal(me)
	if err != nil {
		return nil, fmt.Errorf("taking the lock of session %s: %w", filepath.Base(dir), err)
	}
	path := filepath.Join(dir, LockFileName)
	tmp := filepath.Join(dir, LockFileName+".tmp-"+me.Nonce)
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("taking the lock of session %s: %w", filepath.Base(dir), err)
	}
	defer func() { _ = os.Remove(tmp) }() // the lock, if we got it, is a second link to it

	var busy *LockedError
	for range maxLockAttempts {
		err := os.Link(tmp, path)
		if err == nil {
			return &Lock{path: path, owner: me}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("taking the lock of session %s: %w", filepath.Base(dir), err)
		}
		held, err := readLock(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released since: try again
		}
		if err != nil {
			return nil, fmt.Errorf("reading the lock of session %s: %w", filepath.Base(dir), err)
		}
		if locked := liveLockError(path, held, host); locked != nil {
			return nil, locked
		}
		err = takeOverLock(path, tmp, held, host)
		if errors.As(err, &busy) {
			time.Sleep(lockRetryPause) // another process is taking it over right now
			continue
		}
		if err != nil {
			return nil, err
		}
		// The stale lock is gone (moved away by us, or by someone else):
		// try to link ours again.
	}
	if busy != nil {
		return nil, busy
	}
	return nil, fmt.Errorf("could not take the lock of session %s: other processes kept changing %s; try again",
		filepath.Base(dir), path)
}

// Release removes the lock file if it is still ours. If it is not (someone
// removed it by hand, or another process took it over), Release leaves the
// file alone and says so. Releasing twice is harmless.
func (l *Lock) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.released {
		return nil
	}
	cur, err := readLock(l.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.released = true
		return fmt.Errorf("releasing lock %s: it was removed by someone else while this nagame held it", l.path)
	case err != nil:
		return fmt.Errorf("releasing lock %s: %w", l.path, err)
	case cur.id != l.owner.Nonce:
		l.released = true
		return fmt.Errorf("releasing lock %s: it is no longer ours (now %s), so it was left in place", l.path, cur.describe())
	}
	if err := os.Remove(l.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("releasing lock %s: %w", l.path, err)
	}
	l.released = true
	return nil
}

// heldLock is a lock file as read from disk.
type heldLock struct {
	owner lockOwner
	// valid is false for junk: content that is not a lock nagame wrote.
	valid bool
	// id names this very lock file: its nonce, or a hash of junk content.
	// Safe in a file name.
	id string
}

// readLock reads and parses the lock file at path.
func readLock(path string) (heldLock, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return heldLock{}, err
	}
	return parseLock(data), nil
}

// parseLock parses lock file content; anything but a complete lock nagame
// wrote is junk.
func parseLock(data []byte) heldLock {
	var o lockOwner
	if json.Unmarshal(data, &o) == nil && o.PID > 0 && o.PID <= math.MaxInt32 && validLockNonce(o.Nonce) {
		return heldLock{owner: o, valid: true, id: o.Nonce}
	}
	sum := sha256.Sum256(data)
	return heldLock{id: "junk-" + hex.EncodeToString(sum[:10])}
}

// validLockNonce reports whether s is what rand.Text returns: 26 characters
// of the base32 alphabet (so it is also safe in a file name).
func validLockNonce(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'A' || c > 'Z') && (c < '2' || c > '7') {
			return false
		}
	}
	return true
}

// describe names the owner of a lock for a message.
func (h heldLock) describe() string {
	if !h.valid {
		return "unreadable content"
	}
	return fmt.Sprintf("pid %d on host %s", h.owner.PID, h.owner.Host)
}

// liveLockError returns the *LockedError for a lock that must be respected
// (its owner runs here, or runs on another host), or nil if it is stale.
func liveLockError(path string, held heldLock, host string) *LockedError {
	if !held.valid {
		return nil
	}
	e := &LockedError{
		Session: filepath.Base(filepath.Dir(path)), Path: path,
		PID: held.owner.PID, Host: held.owner.Host, Since: held.owner.Since,
	}
	if held.owner.Host != host {
		e.OtherHost, e.ThisHost = true, host
		return e
	}
	if processAlive(held.owner.PID) {
		return e
	}
	return nil
}
