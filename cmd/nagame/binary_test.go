package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// The end-to-end test and the snapshot benchmark run the real binary. It
// is built once per test process, on first use, into a folder TestMain
// removes at the end; tests that only call Main never pay for the build.
var (
	binaryDir   string
	buildBinary = sync.OnceValues(func() (string, error) {
		if binaryDir == "" {
			return "", fmt.Errorf("no folder for the binary: TestMain did not run")
		}
		path := filepath.Join(binaryDir, "nagame")
		args := []string{"build", "-o", path}
		if raceEnabled {
			args = append(args, "-race")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", append(args, ".")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go %v: %w\n%s", args, err, out)
		}
		return path, nil
	})
)

// setupBinary makes the folder the binary is built into.
func setupBinary() error {
	dir, err := os.MkdirTemp("", "nagame-test-bin-")
	binaryDir = dir
	return err
}

// cleanupBinary removes the built binary.
func cleanupBinary() {
	if binaryDir != "" {
		_ = os.RemoveAll(binaryDir)
	}
}

// nagameBinary returns the path of the built binary, building it on first
// use.
func nagameBinary(tb testing.TB) string {
	tb.Helper()
	path, err := buildBinary()
	if err != nil {
		tb.Fatal(err)
	}
	return path
}
