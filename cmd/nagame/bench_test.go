package main

import (
	"io"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkSnapshotProcess is the README's promise that `nagame snapshot`
// of the demo agenda takes under 60 ms as a whole process: start, fetch
// and chart six panels over two windows, print, exit. The binary is built
// before the timer starts (with -race only when the benchmark runs with it,
// which makes the number meaningless for the promise).
func BenchmarkSnapshotProcess(b *testing.B) {
	benchProcess(b, "snapshot")
}

// BenchmarkVersionProcess is the start-up cost alone: `nagame --version`
// runs every package's init and exits (the README keeps it within 5× a Go
// hello-world).
func BenchmarkVersionProcess(b *testing.B) {
	benchProcess(b, "--version")
}

// benchProcess times whole runs of the nagame binary with args, a fresh
// sessions folder in its environment.
func benchProcess(b *testing.B, args ...string) {
	bin := nagameBinary(b)
	env := append(os.Environ(), "NAGAME_SESSIONS="+b.TempDir())
	for b.Loop() { // the timer starts here: the build is not measured
		cmd := exec.CommandContext(b.Context(), bin, args...)
		cmd.Env = env
		cmd.Stdout = io.Discard
		cmd.Stderr = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatalf("nagame %v: %v", args, err)
		}
	}
}
