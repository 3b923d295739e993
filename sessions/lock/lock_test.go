package lock

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lockSince is the clock of lock tests, in local time so the message's
// "since" (rendered in local time) reads 2026-11-22 10:02 in any zone.
var lockSince = time.Date(2026, 11, 22, 10, 2, 0, 0, time.Local)

func lockClock() time.Time { return lockSince }

// sessionDir makes an empty session folder named like a real one.
func sessionDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "2026-11-22-checkout")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}

func hostname(t *testing.T) string {
	t.Helper()
	h, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// deadPID returns the pid of a process that has exited and been reaped.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$") // runs no test, exits at once
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// writeLockFile writes a lock file owned by pid on host, as nagame would.
func writeLockFile(t *testing.T, dir string, pid int, host string) lockOwner {
	t.Helper()
	o := lockOwner{PID: pid, Host: host, Since: lockSince.UTC(), Nonce: rand.Text()}
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return o
}

// lockFileOwner reads the lock file of dir; ok is false if there is none.
func lockFileOwner(t *testing.T, dir string) (heldLock, bool) {
	t.Helper()
	h, err := readLock(filepath.Join(dir, FileName))
	if errors.Is(err, os.ErrNotExist) {
		return heldLock{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return h, true
}

// dirFiles lists the names in dir, to catch leftovers.
func dirFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func releaseLock(t *testing.T, l *Lock) {
	t.Helper()
	if err := l.Release(); err != nil {
		t.Error(err)
	}
}

func TestAcquireLockWritesOwnerAndReleaseRemovesIt(t *testing.T) {
	dir := sessionDir(t)
	l, err := Acquire(dir, lockClock)
	if err != nil {
		t.Fatal(err)
	}
	h, ok := lockFileOwner(t, dir)
	if !ok || !h.valid || h.owner.PID != os.Getpid() || h.owner.Host != hostname(t) || !h.owner.Since.Equal(lockSince) {
		t.Errorf("lock file holds %+v, want pid %d host %s since %v", h, os.Getpid(), hostname(t), lockSince)
	}
	if got := dirFiles(t, dir); !slices.Equal(got, []string{FileName}) {
		t.Errorf("folder holds %q, want only the lock", got)
	}
	if st, err := os.Stat(filepath.Join(dir, FileName)); err == nil && runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("lock mode = %v, want -rw-------", st.Mode().Perm())
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if got := dirFiles(t, dir); len(got) != 0 {
		t.Errorf("after Release the folder holds %q, want nothing", got)
	}
	if err := l.Release(); err != nil {
		t.Errorf("second Release: %v, want nil", err)
	}
}

func TestAcquireLockRefusesALiveOwner(t *testing.T) {
	dir := sessionDir(t)
	l, err := Acquire(dir, lockClock) // held by this (live) test process
	if err != nil {
		t.Fatal(err)
	}
	defer releaseLock(t, l)
	before, _ := lockFileOwner(t, dir)

	_, err = Acquire(dir, nil)
	var le *HeldError
	if !errors.As(err, &le) {
		t.Fatalf("second Acquire: error = %v, want a *HeldError", err)
	}
	path := filepath.Join(dir, FileName)
	want := "session 2026-11-22-checkout is open in another nagame (pid " + strconv.Itoa(os.Getpid()) + " on host " + hostname(t) +
		", since 2026-11-22 10:02); close it there, or if it crashed, remove " + path
	if err.Error() != want {
		t.Errorf("error =\n%s\nwant\n%s", err, want)
	}
	if after, _ := lockFileOwner(t, dir); after.id != before.id {
		t.Error("a refused Acquire changed the lock file")
	}
	if got := dirFiles(t, dir); !slices.Equal(got, []string{FileName}) {
		t.Errorf("folder holds %q after the refusal, want only the lock", got)
	}
}

func TestAcquireLockRefusesAnOwnerOnAnotherHost(t *testing.T) {
	dir := sessionDir(t)
	// pid 1 exists everywhere, but on another host it proves nothing.
	writeLockFile(t, dir, 1, "build-07.example")
	_, err := Acquire(dir, nil)
	var le *HeldError
	if !errors.As(err, &le) || !le.OtherHost {
		t.Fatalf("error = %v, want a *HeldError about another host", err)
	}
	want := "session 2026-11-22-checkout is open in another nagame on host build-07.example (pid 1, since 2026-11-22 10:02); " +
		"nagame cannot tell from host " + hostname(t) + " whether it is still running: close it there, " +
		"or if it is no longer running, remove " + filepath.Join(dir, FileName)
	if err.Error() != want {
		t.Errorf("error =\n%s\nwant\n%s", err, want)
	}
}

func TestAcquireLockTakesOverAStaleLock(t *testing.T) {
	tests := []struct {
		name    string
		content func(t *testing.T) []byte
	}{
		{"owner process is dead", func(t *testing.T) []byte {
			return mustJSON(t, lockOwner{PID: deadPID(t), Host: hostname(t), Since: lockSince, Nonce: rand.Text()})
		}},
		{"empty file (power loss after create)", func(*testing.T) []byte { return nil }},
		{"not JSON", func(*testing.T) []byte { return []byte("locked by Ben, do not touch\n") }},
		{"pid 0", func(t *testing.T) []byte {
			return mustJSON(t, lockOwner{PID: 0, Host: hostname(t), Nonce: rand.Text()})
		}},
		{"negative pid", func(t *testing.T) []byte {
			return mustJSON(t, lockOwner{PID: -1, Host: hostname(t), Nonce: rand.Text()})
		}},
		{"pid beyond pid_t", func(t *testing.T) []byte {
			return mustJSON(t, lockOwner{PID: 1 << 32, Host: hostname(t), Nonce: rand.Text()})
		}},
		{"no nonce", func(t *testing.T) []byte { return mustJSON(t, lockOwner{PID: os.Getpid(), Host: hostname(t)}) }},
		{"nonce not from rand.Text", func(t *testing.T) []byte {
			return mustJSON(t, lockOwner{PID: os.Getpid(), Host: hostname(t), Nonce: "../../etc/passwd-0000000000"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sessionDir(t)
			if err := os.WriteFile(filepath.Join(dir, FileName), tt.content(t), 0o600); err != nil {
				t.Fatal(err)
			}
			l, err := Acquire(dir, nil)
			if err != nil {
				t.Fatalf("Acquire over a stale lock: %v", err)
			}
			h, _ := lockFileOwner(t, dir)
			if h.id != l.owner.Nonce || h.owner.PID != os.Getpid() {
				t.Errorf("lock file holds %+v after the takeover, want ours", h)
			}
			if got := dirFiles(t, dir); !slices.Equal(got, []string{FileName}) {
				t.Errorf("folder holds %q after the takeover, want only the lock", got)
			}
			releaseLock(t, l)
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReleaseRemovesOnlyOurLock(t *testing.T) {
	t.Run("taken over by another process", func(t *testing.T) {
		dir := sessionDir(t)
		l, err := Acquire(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		other := writeLockFile(t, dir, 4242, "build-07.example") // replaces ours
		err = l.Release()
		if err == nil || !strings.Contains(err.Error(), "it is no longer ours (now pid 4242 on host build-07.example), so it was left in place") {
			t.Errorf("Release: error = %v", err)
		}
		if h, ok := lockFileOwner(t, dir); !ok || h.id != other.Nonce {
			t.Errorf("Release touched another owner's lock: %+v", h)
		}
	})
	t.Run("removed by hand", func(t *testing.T) {
		dir := sessionDir(t)
		l, err := Acquire(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, FileName)); err != nil {
			t.Fatal(err)
		}
		if err := l.Release(); err == nil || !strings.Contains(err.Error(), "removed by someone else") {
			t.Errorf("Release: error = %v", err)
		}
	})
}

func TestAcquireLockNeedsTheFolder(t *testing.T) {
	_, err := Acquire(filepath.Join(t.TempDir(), "missing"), nil)
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "taking the lock of session missing") {
		t.Errorf("error = %v, want a not-exist error naming the session", err)
	}
}
