package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed clock of the in-process tests: a Sunday morning.
var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	// Session folder names, the sessions table and the dates in the
	// minutes are in local time (sessions uses time.Local and export
	// passes no Location), so golden files would change with the machine's
	// time zone. time.Local is read lazily and TZ is not re-read after the
	// first use, so setting TZ here would be unreliable: pin the variable
	// itself, before any test runs and before any goroutine reads it.
	time.Local = time.UTC
	if err := setupBinary(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	cleanupBinary()
	os.Exit(code)
}

// result is what one run of Main left behind.
type result struct {
	code     int
	out, err string
}

// cli runs nagame in-process with buffers, a fixed clock and an
// environment of the test's own (nothing leaks in from the real one).
type cli struct {
	env map[string]string
	now time.Time
}

// newCLI is a CLI whose sessions live in a fresh temporary folder.
func newCLI(t *testing.T) *cli {
	t.Helper()
	return &cli{env: map[string]string{"NAGAME_SESSIONS": t.TempDir()}, now: testNow}
}

func (c *cli) run(t *testing.T, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, factory{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv: func(k string) string { return c.env[k] },
		Now:    func() time.Time { return c.now },
	})
	r := result{code: code, out: out.String(), err: errb.String()}
	noCrash(t, args, r.out+r.err)
	return r
}

// noCrash fails when output looks like a Go crash: a user never sees one.
func noCrash(t *testing.T, args []string, output string) {
	t.Helper()
	for _, bad := range []string{"panic", "goroutine ", "runtime error", ".go:"} {
		if strings.Contains(output, bad) {
			t.Errorf("nagame %s printed %q:\n%s", strings.Join(args, " "), bad, output)
		}
	}
}

// wantCode checks the exit code, showing both streams when it is wrong.
func wantCode(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit code %d, want %d\n--- stdout ---\n%s--- stderr ---\n%s", r.code, code, r.out, r.err)
	}
}

// writeAgenda writes an agenda into a temporary folder and returns its path.
func writeAgenda(t *testing.T, name, yaml string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
