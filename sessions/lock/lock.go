// Package lock keeps a session folder to one process: a lock file holding
// its owner (pid, host, the process's start time, a nonce), taken
// atomically, backed by an OS lock where the system has one, and taken
// over only from an owner that is provably gone.
package lock

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

// FileName is the name of the lock file in a session folder. A crash
// in the middle of taking over a stale lock can leave files named
// "lock.tmp-*", "lock.takeover-*" or "lock.stale-*" next to it: they are
// harmless, and listings of the folder should ignore them.
const FileName = "lock"

// Lock is one process's hold on a session folder: while it is held no other
// nagame writes the session. Take it (Acquire) before creating or
// opening the journal, and release it when the session is closed.
type Lock struct {
	path  string
	owner lockOwner
	// f holds the OS lock on the file (see osLock); nil where there is none.
	f *os.File

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
	// Start identifies the owner process beyond its pid, which the system
	// reuses: its start time as the system keeps it (Linux: field 22 of
	// /proc/<pid>/stat; macOS: the kernel's process start time; Windows:
	// its creation time). "" where nagame cannot read it.
	Start string `json:"start,omitempty"`
	// OSLock: the owner holds an OS lock on the file (flock, LockFileEx),
	// which the system releases when the process ends however it ends. A
	// lock that says so is live exactly while that OS lock is held.
	OSLock bool `json:"oslock,omitempty"`
}

// maxLockAttempts bounds Acquire's retries while other processes
// change the lock under it; lockRetryPause is the pause between them.
const (
	maxLockAttempts = 100
	lockRetryPause  = 2 * time.Millisecond
)

// Acquire takes the lock of the session folder dir (which must exist):
// it creates dir/lock holding this process's pid, host name and start time.
//
// If the lock is held by a live process on this host, or by any process on
// another host (whose liveness cannot be checked), Acquire returns a
// *HeldError saying how to go on. If its owner is dead, or the file is
// junk, the lock is taken over. The owner holds an OS lock on the file
// (flock; LockFileEx on Windows), released by the system when the process
// ends: while it is held the lock is live, once it is not the lock is stale,
// whatever happened to the pid. For a lock without one (written by an older
// nagame, or on a file system without OS locks) the owner is live when its
// pid exists (signal 0 reaches it) and, where the lock recorded it, the
// process with that pid started when the owner did: a pid the system gave
// to another process since does not keep the lock. Every step is
// atomic (the lock is always created by hard-linking a complete temporary
// file, and a stale lock is moved away only by the one process that claimed
// it), so of several racing processes exactly one wins.
//
// now stamps the lock's "since" (the wall clock when nil); tests pin it.
func Acquire(dir string, now func() time.Time) (*Lock, error) {
	if now == nil {
		now = time.Now
	}
	host, err := os.Hostname()
	if err != nil {
		host = "" // every process here gets the same answer, so they still compare equal
	}
	me := lockOwner{PID: os.Getpid(), Host: host, Since: now().UTC().Truncate(time.Second), Nonce: rand.Text()}
	me.Start, _ = processStart(me.PID)
	path := filepath.Join(dir, FileName)
	tmp := filepath.Join(dir, FileName+".tmp-"+me.Nonce)
	// The OS lock is taken on the file before it is linked as the lock, so
	// the lock is never seen without it.
	f, err := createLockFile(tmp)
	if err != nil {
		return nil, fmt.Errorf("taking the lock of session %s: %w", filepath.Base(dir), err)
	}
	me.OSLock = osLock(f) == nil
	won := false
	defer func() {
		_ = os.Remove(tmp) // the lock, if we got it, is a second link to it
		if !won {
			_ = f.Close()
		}
	}()
	data, err := json.Marshal(me)
	if err == nil {
		_, err = f.Write(append(data, '\n'))
	}
	if err != nil {
		return nil, fmt.Errorf("taking the lock of session %s: %w", filepath.Base(dir), err)
	}

	var busy *HeldError
	for range maxLockAttempts {
		err := os.Link(tmp, path)
		if err == nil {
			won = true
			return &Lock{path: path, owner: me, f: f}, nil
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
	if l.f != nil {
		// After the file is removed (or found not ours): the OS lock keeps
		// a prober from judging it stale before then.
		defer func() { _ = l.f.Close() }()
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

// liveLockError returns the *HeldError for a lock that must be respected
// (its owner runs here, or runs on another host), or nil if it is stale.
func liveLockError(path string, held heldLock, host string) *HeldError {
	if !held.valid {
		return nil
	}
	e := lockedError(path, held, host)
	if e.OtherHost {
		return e
	}
	if ownerAlive(path, held.owner) {
		return e
	}
	return nil
}

// lockedError is the refusal naming the owner of a valid lock at path.
func lockedError(path string, held heldLock, host string) *HeldError {
	e := &HeldError{
		Session: filepath.Base(filepath.Dir(path)), Path: path,
		PID: held.owner.PID, Host: held.owner.Host, Since: held.owner.Since,
	}
	if held.owner.Host != host {
		e.OtherHost, e.ThisHost = true, host
	}
	return e
}

// ownerAlive reports whether the owner o of the lock (or claim) file at
// path, on this host, still runs (see Acquire).
func ownerAlive(path string, o lockOwner) bool {
	if o.OSLock {
		if held, ok := osLockHeldSteady(path); ok {
			return held
		}
	}
	if !processAlive(o.PID) {
		return false
	}
	if o.Start != "" {
		if now, err := processStart(o.PID); err == nil && now != o.Start {
			return false // the pid belongs to another process now
		}
	}
	return true
}

// osLockHeldSteady is osLockHeld, asked again when it says held: another
// nagame probing the same file holds its lock for an instant.
func osLockHeldSteady(path string) (held, ok bool) {
	for range 3 {
		held, ok = osLockHeld(path)
		if !ok || !held {
			return held, ok
		}
		time.Sleep(time.Millisecond)
	}
	return held, ok
}

// HeldError is Acquire's refusal: the session is open in another
// nagame. It says which process holds the lock and how to go on.
type HeldError struct {
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
func (e *HeldError) Error() string {
	since := e.Since.Local().Format("2006-01-02 15:04")
	if e.OtherHost {
		return fmt.Sprintf("session %s is open in another nagame on host %s (pid %d, since %s); "+
			"nagame cannot tell from host %s whether it is still running: close it there, "+
			"or if it is no longer running, remove %s", e.Session, e.Host, e.PID, since, e.ThisHost, e.Path)
	}
	return fmt.Sprintf("session %s is open in another nagame (pid %d on host %s, since %s); "+
		"close it there, or if it crashed, remove %s", e.Session, e.PID, e.Host, since, e.Path)
}

// Taking over a stale lock safely.
//
// The naive way (remove the stale file, then create ours) lets two racers
// both win: A removes, A creates, B (who judged the same stale file) removes
// A's fresh lock and creates its own. Nothing in POSIX removes a file "only
// if it is still this one", so the removal is serialized instead:
//
//  1. Every racer that judged the lock stale tries to create a claim file
//     whose name is derived from that stale lock's identity (its nonce):
//     "lock.takeover-<id>-1", by hard link, which fails if it exists. Only
//     one live process at a time holds the claim for one stale lock.
//  2. The claim holder re-reads the lock: if it is not the stale one any
//     more, someone finished a takeover first, and it backs off. Otherwise
//     it renames the lock away (only a claim holder ever renames the lock,
//     so it is still the stale one), removes it, and releases the claim.
//  3. Everyone then goes back to creating the lock by hard link, which
//     exactly one of them wins; the others find a live owner and refuse.
//
// A racer that comes late — after the takeover — gets the claim only once
// the holder released it, which is after the stale lock was moved away, so
// its re-read in step 2 never finds the stale lock again.
//
// A claim whose holder died (a crash inside these few system calls) is
// abandoned: the next racer uses the next generation, "…-2", and so on.
// The dead holder can do no harm, and a live one is waited for.

// maxClaimGenerations bounds the abandoned claims tried on one stale lock.
const maxClaimGenerations = 16

// takeOverLock removes the stale lock stale from path, or finds that it is
// already gone. It returns nil when the caller should try to link its lock
// again, or a *HeldError naming the live process that is taking the lock
// over right now (the caller waits and retries).
func takeOverLock(path, tmp string, stale heldLock, host string) error {
	for gen := 1; gen <= maxClaimGenerations; gen++ {
		claim := fmt.Sprintf("%s.takeover-%s-%d", path, stale.id, gen)
		err := os.Link(tmp, claim)
		if errors.Is(err, fs.ErrExist) {
			holder, rerr := readLock(claim)
			switch {
			case errors.Is(rerr, fs.ErrNotExist):
				return nil // its holder just finished: look at the lock again
			case rerr != nil:
				return fmt.Errorf("reading %s: %w", claim, rerr)
			case !holder.valid || (holder.owner.Host == host && !ownerAlive(claim, holder.owner)):
				continue // abandoned: try the next generation
			}
			busy := lockedError(path, holder, host)
			return busy
		}
		if err != nil {
			return fmt.Errorf("claiming the stale lock %s: %w", path, err)
		}
		err = removeStaleLock(path, stale, filepath.Base(tmp))
		if rerr := os.Remove(claim); rerr != nil && err == nil {
			err = fmt.Errorf("releasing the claim %s: %w", claim, rerr)
		}
		return err
	}
	return fmt.Errorf("the stale lock %s has %d abandoned takeovers (%s.takeover-%s-*): remove them and the lock, then try again",
		path, maxClaimGenerations, path, stale.id)
}

// removeStaleLock moves the lock at path away if it is still stale; the
// caller holds the claim on stale. tag makes the moved file's name unique.
func removeStaleLock(path string, stale heldLock, tag string) error {
	cur, err := readLock(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("reading the lock %s: %w", path, err)
	case cur.id != stale.id:
		return nil // taken over already: the caller judges the new lock
	}
	aside := fmt.Sprintf("%s.stale-%s-%s", path, stale.id, tag)
	if err := os.Rename(path, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("moving the stale lock %s away: %w", path, err)
	}
	moved, err := readLock(aside)
	if err == nil && moved.id != stale.id {
		// Only a change by hand between the re-read and the rename gets
		// here: someone else's lock was moved. Put it back.
		if lerr := os.Link(aside, path); lerr != nil {
			return fmt.Errorf("the lock %s changed while it was being taken over, and could not be put back (%w): rename %s to %s",
				path, lerr, aside, path)
		}
	}
	if err := os.Remove(aside); err != nil {
		return fmt.Errorf("removing the stale lock %s: %w", aside, err)
	}
	return nil
}
