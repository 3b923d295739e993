package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// tmux drives the real binary in a real terminal: a tmux server of the
// test's own (a private socket, killed at cleanup), so nothing touches the
// user's tmux.
type tmux struct {
	t      *testing.T
	socket string
	conf   string
}

// newTmux starts nothing yet: the server starts with the first session.
// It skips only when tmux is missing (CI installs it).
func newTmux(t *testing.T) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end test needs it (CI installs it)")
	}
	dir := t.TempDir()
	// A pane whose process ended stays on screen (remain-on-exit), so the
	// test can see how it ended; no status line, so a 100×30 window is a
	// 100×30 pane.
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\nset -g status off\nset -g history-limit 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("nagame-test-%d-%d", os.Getpid(), time.Now().UnixNano()), conf: conf}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = tm.command(ctx, "kill-server").Run()
	})
	return tm
}

func (tm *tmux) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "tmux", append([]string{"-L", tm.socket, "-f", tm.conf}, args...)...)
	// A test run from inside tmux must not talk to the user's server.
	cmd.Env = append(os.Environ(), "TMUX=")
	return cmd
}

// run runs a tmux command and returns its output.
func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	ctx, cancel := context.WithTimeout(tm.t.Context(), 10*time.Second)
	defer cancel()
	out, err := tm.command(ctx, args...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimRight(string(out), "\n")
}

// screen is what the pane shows now, as plain text.
func (tm *tmux) screen(target string) string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", target)
}

// waitUntil polls the screen (tmux capture-pane) until ok says yes; on
// timeout it fails and shows the last screen. Tests wait for what the
// screen shows, never for a fixed time.
func (tm *tmux) waitUntil(target, what string, timeout time.Duration, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.screen(target)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("after %v, the screen of %s still does not show %s; it shows:\n%s", timeout, target, what, s)
		}
		time.Sleep(50 * time.Millisecond) // between two looks at the screen
	}
}

// waitFor waits until the screen contains text.
func (tm *tmux) waitFor(target, text string, timeout time.Duration) string {
	tm.t.Helper()
	return tm.waitUntil(target, fmt.Sprintf("%q", text), timeout, func(s string) bool { return strings.Contains(s, text) })
}

// keys sends named keys (Enter, Tab, Right, q), one command each.
func (tm *tmux) keys(target string, keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.run("send-keys", "-t", target, k)
	}
}

// escape sends Escape and waits until the screen shows what it leads to:
// tmux sends Escape and the next key fast enough for the program to read
// the pair as alt+key, so the next key goes only once Escape has worked.
func (tm *tmux) escape(target, then string) {
	tm.t.Helper()
	tm.keys(target, "Escape")
	tm.waitFor(target, then, wait)
}

// typeText types text literally.
func (tm *tmux) typeText(target, text string) {
	tm.t.Helper()
	tm.run("send-keys", "-t", target, "-l", text)
}

// pane reads a pane's variable (#{pane_pid}, #{pane_dead}, …).
func (tm *tmux) pane(target, format string) string {
	tm.t.Helper()
	return tm.run("display-message", "-p", "-t", target, format)
}

// waitExit waits until the pane's process ended and returns how:
// "status N" or "signal N".
func (tm *tmux) waitExit(target string, timeout time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	var deadSince time.Time
	for {
		// The pane dies when its terminal closes; the exit status comes
		// when tmux reaps the process.
		if tm.pane(target, "#{pane_dead}") == "1" {
			if sig := tm.pane(target, "#{pane_dead_signal}"); sig != "" && sig != "0" {
				return "signal " + sig
			}
			if st := tm.pane(target, "#{pane_dead_status}"); st != "" {
				return "status " + st
			}
			// tmux 3.3a sometimes misses the SIGCHLD of a pane whose
			// process dies while a client command runs: the process stays
			// a zombie (which also keeps its pid "alive" for nagame's
			// lock). Another SIGCHLD makes the server reap it.
			if deadSince.IsZero() {
				deadSince = time.Now()
			} else if time.Since(deadSince) > 300*time.Millisecond {
				tm.nudge()
				deadSince = time.Now()
			}
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("after %v, the process of %s has not ended; its screen:\n%s", timeout, target, tm.screen(target))
		}
		time.Sleep(50 * time.Millisecond) // between two looks at the pane
	}
}

// nudge sends the tmux server a SIGCHLD, so it reaps what it missed.
func (tm *tmux) nudge() {
	tm.t.Helper()
	var pid int
	if _, err := fmt.Sscan(tm.run("display-message", "-p", "#{pid}"), &pid); err != nil || pid <= 1 {
		tm.t.Fatalf("no pid for the tmux server: %v", err)
	}
	if err := syscall.Kill(pid, syscall.SIGCHLD); err != nil {
		tm.t.Fatalf("SIGCHLD to the tmux server: %v", err)
	}
}

// nagameCommand is the shell command of a pane that runs nagame with args:
// exec'd, so the pane's pid is nagame's; stderr to a file the test reads.
func nagameCommand(bin, sessionsDir, stderr string, args ...string) string {
	parts := []string{"exec", "env", "TERM=xterm-256color", "NAGAME_SESSIONS=" + shellQuote(sessionsDir), shellQuote(bin)}
	for _, a := range args {
		parts = append(parts, shellQuote(a))
	}
	return strings.Join(parts, " ") + " 2>" + shellQuote(stderr)
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// fits checks the screen is w×h with the app's header on the first line
// and its status bar on the last: a line wider than the terminal would
// have wrapped and pushed the header off.
func fits(screen string, w, h int) error {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			return fmt.Errorf("line %d is %d wide, more than %d", i+1, n, w)
		}
	}
	if len(lines) != h {
		return fmt.Errorf("%d lines, want %d", len(lines), h)
	}
	if !strings.HasPrefix(lines[0], " nagame | ") {
		return fmt.Errorf("the first line is not the header: %q", lines[0])
	}
	if !strings.Contains(lines[h-1], "panels loaded") {
		return fmt.Errorf("the last line is not the status bar: %q", lines[h-1])
	}
	return nil
}
