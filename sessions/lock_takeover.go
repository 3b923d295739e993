package sessions

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

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
// again, or a *LockedError naming the live process that is taking the lock
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
			case !holder.valid || (holder.owner.Host == host && !processAlive(holder.owner.PID)):
				continue // abandoned: try the next generation
			}
			busy := liveLockError(path, holder, host)
			if busy == nil { // cannot happen: a valid holder is live or remote
				continue
			}
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
