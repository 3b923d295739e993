package lock

import (
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// racers run Acquire on dir from n goroutines released at once, and
// return the locks won and the errors of the others.
func racers(t *testing.T, dir string, n int) ([]*Lock, []error) {
	t.Helper()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		won   []*Lock
		errs  []error
		start = make(chan struct{})
	)
	for range n {
		wg.Go(func() {
			<-start
			l, err := Acquire(dir, nil)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			won = append(won, l)
		})
	}
	close(start)
	wg.Wait()
	return won, errs
}

// All racers are this one process, so each loser finds a live owner.
func TestAcquireLockRaceHasOneWinner(t *testing.T) {
	const rounds, n = 30, 8
	dead := deadPID(t)
	for _, stale := range []bool{false, true} {
		for round := range rounds {
			dir := sessionDir(t)
			if stale {
				writeLockFile(t, dir, dead, hostname(t))
			}
			won, errs := racers(t, dir, n)
			if len(won) != 1 {
				t.Fatalf("stale=%v round %d: %d winners (errors %v), want exactly 1", stale, round, len(won), errs)
			}
			for _, err := range errs {
				var le *HeldError
				if !errors.As(err, &le) || le.PID != os.Getpid() {
					t.Fatalf("stale=%v round %d: a loser got %v, want a *HeldError naming this process", stale, round, err)
				}
			}
			if h, _ := lockFileOwner(t, dir); h.id != won[0].owner.Nonce {
				t.Fatalf("stale=%v round %d: the lock file is not the winner's", stale, round)
			}
			if got := dirFiles(t, dir); !slices.Equal(got, []string{FileName}) {
				t.Fatalf("stale=%v round %d: folder holds %q, want only the lock", stale, round, got)
			}
			releaseLock(t, won[0])
		}
	}
}

// A racer that judged the lock stale, but got to the takeover only after
// another process had replaced it, must leave the new lock alone: the race
// the naive remove-then-create loses.
func TestLateTakeoverLeavesTheNewLockAlone(t *testing.T) {
	dir := sessionDir(t)
	path := filepath.Join(dir, FileName)
	writeLockFile(t, dir, deadPID(t), hostname(t))
	staleSeen, err := readLock(path) // the late racer's view
	if err != nil {
		t.Fatal(err)
	}
	winner, err := Acquire(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer releaseLock(t, winner)

	tmp := filepath.Join(dir, "late-racer.tmp")
	if err := os.WriteFile(tmp, mustJSON(t, lockOwner{PID: os.Getpid(), Host: hostname(t), Nonce: rand.Text()}), 0o600); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Remove(tmp) }()
	if err := takeOverLock(path, tmp, staleSeen, hostname(t)); err != nil {
		t.Fatalf("late takeover: %v", err)
	}
	if h, ok := lockFileOwner(t, dir); !ok || h.id != winner.owner.Nonce {
		t.Fatalf("the late takeover replaced the winner's lock: %+v", h)
	}
}

func TestAcquireLockSkipsAnAbandonedTakeover(t *testing.T) {
	dir := sessionDir(t)
	path := filepath.Join(dir, FileName)
	dead := deadPID(t)
	stale := writeLockFile(t, dir, dead, hostname(t))
	// A process died holding the first claim on that stale lock.
	claim1 := path + ".takeover-" + stale.Nonce + "-1"
	abandoned := mustJSON(t, lockOwner{PID: dead, Host: hostname(t), Nonce: rand.Text()})
	if err := os.WriteFile(claim1, abandoned, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(dir, nil)
	if err != nil {
		t.Fatalf("Acquire with an abandoned claim: %v", err)
	}
	defer releaseLock(t, l)
	// The abandoned claim stays (harmless); the second generation was used and removed.
	if got := dirFiles(t, dir); !slices.Equal(got, []string{FileName, filepath.Base(claim1)}) {
		t.Errorf("folder holds %q", got)
	}
}

func TestAcquireLockWaitsForALiveTakeoverThenRefuses(t *testing.T) {
	dir := sessionDir(t)
	path := filepath.Join(dir, FileName)
	stale := writeLockFile(t, dir, deadPID(t), hostname(t))
	// A live process (this one, under another nonce) holds the claim and
	// never finishes: Acquire waits ~100 × 2 ms, then names it.
	claim := path + ".takeover-" + stale.Nonce + "-1"
	if err := os.WriteFile(claim, mustJSON(t, lockOwner{PID: os.Getpid(), Host: hostname(t), Since: lockSince, Nonce: rand.Text()}), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Acquire(dir, nil)
	var le *HeldError
	if !errors.As(err, &le) || le.PID != os.Getpid() {
		t.Fatalf("error = %v, want a *HeldError naming the process taking over", err)
	}
	if h, _ := lockFileOwner(t, dir); h.id != stale.Nonce {
		t.Error("the stale lock was touched while another process held the claim")
	}
}

// lockRacerEnv, when set, turns TestHelperLocker into one racer process of
// TestAcquireLockRaceBetweenProcesses; it holds the session folder.
const lockRacerEnv = "NAGAME_TEST_LOCK_RACER"

// lockRacerStartEnv is the wall-clock instant (Unix ns) all racers start at.
const lockRacerStartEnv = "NAGAME_TEST_LOCK_RACER_START"

// TestHelperLocker is a racer process, not a test: run normally it does
// nothing. It waits for the common start instant, tries Acquire, prints
// "won" or "locked <pid>", holds what it got until stdin closes, releases
// it, and exits.
func TestHelperLocker(t *testing.T) {
	dir := os.Getenv(lockRacerEnv)
	if dir == "" {
		return
	}
	startNS, err := strconv.ParseInt(os.Getenv(lockRacerStartEnv), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Until(time.Unix(0, startNS)))
	l, err := Acquire(dir, nil)
	var le *HeldError
	switch {
	case err == nil:
		os.Stdout.WriteString("won\n")
	case errors.As(err, &le):
		os.Stdout.WriteString("locked " + strconv.Itoa(le.PID) + "\n")
	default:
		os.Stdout.WriteString("error " + err.Error() + "\n")
	}
	_, _ = os.Stdin.Read(make([]byte, 1)) // until the parent closes it
	if l != nil {
		if err := l.Release(); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
		}
	}
}

// Racing processes over a stale lock: exactly one wins, the others are told
// the winner's pid, and the winner's Release leaves the folder empty.
func TestAcquireLockRaceBetweenProcesses(t *testing.T) {
	const n = 6
	dir := sessionDir(t)
	writeLockFile(t, dir, deadPID(t), hostname(t))
	start := time.Now().Add(500 * time.Millisecond).UnixNano()

	type racer struct {
		cmd   *exec.Cmd
		stdin interface{ Close() error }
		line  chan string
	}
	var rs []racer
	for range n {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHelperLocker$")
		cmd.Env = append(os.Environ(), lockRacerEnv+"="+dir, lockRacerStartEnv+"="+strconv.Itoa(int(start)))
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		r := racer{cmd: cmd, stdin: stdin, line: make(chan string, 1)}
		go func() {
			buf := make([]byte, 256)
			k, _ := stdout.Read(buf)
			r.line <- strings.TrimSpace(string(buf[:k]))
		}()
		rs = append(rs, r)
	}
	var winners []int
	var toldOwner []string
	for _, r := range rs {
		select {
		case line := <-r.line:
			switch {
			case line == "won":
				winners = append(winners, r.cmd.Process.Pid)
			case strings.HasPrefix(line, "locked "):
				toldOwner = append(toldOwner, strings.TrimPrefix(line, "locked "))
			default:
				t.Errorf("racer %d said %q", r.cmd.Process.Pid, line)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("a racer never answered")
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d processes won the lock (%v), want exactly 1", len(winners), winners)
	}
	for _, pid := range toldOwner {
		if pid != strconv.Itoa(winners[0]) {
			t.Errorf("a loser was told the owner is pid %s, want the winner %d", pid, winners[0])
		}
	}
	if h, ok := lockFileOwner(t, dir); !ok || h.owner.PID != winners[0] {
		t.Errorf("lock file holds %+v, want the winner %v", h, winners)
	}
	for _, r := range rs {
		_ = r.stdin.Close()
		if err := r.cmd.Wait(); err != nil {
			t.Errorf("racer %d: %v", r.cmd.Process.Pid, err)
		}
	}
	if got := dirFiles(t, dir); len(got) != 0 {
		t.Errorf("after the winner released, the folder holds %q, want nothing", got)
	}
}
