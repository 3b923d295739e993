package main

import (
	"io"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkSnapshotProcess is the README's promise that `nagame snapshot`
// of the demo agenda takes under 150 ms as a whole process: start, fetch
// and chart six panels over two windows, print, exit. The binary is built
// before the timer starts (with -race only when the benchmark runs with it,
// which makes the number meaningless for the promise).
func BenchmarkSnapshotProcess(b *testing.B) {
	bin := nagameBinary(b)
	env := append(os.Environ(), "NAGAME_SESSIONS="+b.TempDir())
	for b.Loop() { // the timer starts here: the build is not measured
		cmd := exec.CommandContext(b.Context(), bin, "snapshot")
		cmd.Env = env
		cmd.Stdout = io.Discard
		cmd.Stderr = io.Discard
		if err := cmd.Run(); err != nil {
			b.Fatalf("nagame snapshot: %v", err)
		}
	}
}
