package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadQuery is a query the demo source answers.
const loadQuery = `"sum:trace.http.request.hits{service:checkout,env:prod}.as_rate()"`

// validate shows a fixed window as precisely as the agenda wrote it: a
// ten-minute window is not "2026-12-02 to 2026-12-02".
func TestValidateShowsTheTimesOfAShortWindow(t *testing.T) {
	tests := []struct{ window, want string }{
		{"{from: 2026-10-01, to: 2026-11-01}", "window 2026-10-01 to 2026-11-01,"},
		{`{from: "2026-12-02T15:41:00Z", to: "2026-12-02T15:51:00Z"}`, "window 2026-12-02 15:41 to 15:51 UTC,"},
		{`{from: "2026-12-02T15:41:10Z", to: "2026-12-02T15:41:30Z"}`, "window 2026-12-02 15:41:10 to 15:41:30 UTC,"},
		{`{from: "2026-12-02T22:00:00Z", to: "2026-12-03T02:00:00Z"}`, "window 2026-12-02 22:00 to 2026-12-03 02:00 UTC,"},
	}
	for _, tt := range tests {
		path := writeAgenda(t, "w.yaml", "version: 1\ntitle: t\nwindow: "+tt.window+"\npanels:\n  - {id: p, kind: load, query: "+loadQuery+"}\n")
		r := newCLI(t).run(t, "validate", path)
		wantCode(t, r, exitOK)
		if !strings.Contains(r.out, tt.want) {
			t.Errorf("window %s: stdout lacks %q:\n%s", tt.window, tt.want, r.out)
		}
	}
}

// runBinary runs the real nagame with args and a private sessions folder,
// and fails the test if it does not end within wait.
func runBinary(t *testing.T, sessionsDir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	cmd := exec.CommandContext(ctx, nagameBinary(t), args...)
	cmd.Env = append(os.Environ(), "NAGAME_SESSIONS="+sessionsDir, "NO_COLOR=1")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("nagame %s did not end within %v", strings.Join(args, " "), wait)
	}
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("nagame %s: %v", strings.Join(args, " "), err)
	}
	noCrash(t, args, out.String()+errb.String())
	return code, out.String(), errb.String()
}

// Hostile files as agendas, through the real binary: a device that never
// ends, a named pipe nobody writes, a file with a byte-order mark. None
// hangs, runs out of memory or prints a trace.
func TestHostileAgendaFilesThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	bom := filepath.Join(dir, "bom.yaml")
	if err := os.WriteFile(bom, []byte("\ufeffversion: 1\ntitle: t\npanels:\n  - {id: p, kind: load, query: "+loadQuery+"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"validate", "/dev/zero"}, exitError, "", "nagame: /dev/zero is a device, not an agenda file"},
		{[]string{"validate", fifo}, exitError, "", "pipe.yaml is a named pipe, not an agenda file"},
		{[]string{"check", fifo}, exitError, "", "pipe.yaml is a named pipe, not an agenda file"},
		{[]string{"run", "/dev/zero"}, exitError, "", "/dev/zero is a device"},
		{[]string{"validate", bom}, exitOK, `bom.yaml: ok: "t", 1 panel(s)`, ""},
		{[]string{"snapshot", bom, "--width", "80"}, exitOK, "1/1 p · load · demo", ""},
	}
	nagameBinary(t) // built before the clock starts: the bound is on nagame, not on go build
	for _, tt := range tests {
		start := time.Now()
		code, out, errOut := runBinary(t, filepath.Join(dir, "sessions"), tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("nagame %s: exit %d, want %d\n--- stdout ---\n%s--- stderr ---\n%s", strings.Join(tt.args, " "), code, tt.code, out, errOut)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("nagame %s took %v", strings.Join(tt.args, " "), d)
		}
	}
}
