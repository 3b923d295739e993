package text_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// goTool is the go command running the tests (go test puts its GOROOT/bin
// first on PATH).
func goTool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command to inspect the build with: %v", err)
	}
	return p
}

// Package text is a leaf: it imports nothing of nagame's, and nothing that
// pays at start-up (go-runewidth builds a 2×1.1M-entry table at init; x/ansi
// and lipgloss import it).
func TestImportsOnlyTheStandardLibraryAndDisplaywidth(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), goTool(t), "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := map[string]bool{
		"github.com/nagame-dev/nagame/text":                   true,
		"github.com/clipperhouse/displaywidth":                true,
		"github.com/clipperhouse/uax29/v2/graphemes":          true,
		"github.com/clipperhouse/uax29/v2/internal/iterators": true,
	}
	for _, p := range strings.Fields(string(out)) {
		if !allowed[p] {
			t.Errorf("package text depends on %s", p)
		}
	}
}

// Importing text costs nothing measurable at start-up: a program that
// imports only text spends well under a millisecond in the inits of
// packages outside the standard library (in practice none has any).
func TestInitCostIsNegligible(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "inittrace")
	if out, err := exec.CommandContext(t.Context(), goTool(t), "build", "-o", bin, "./testdata/inittrace").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(t.Context(), bin)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	// init github.com/x/y @0.51 ms, 0.024 ms clock, 416 bytes, 9 allocs
	line := regexp.MustCompile(`(?m)^init (\S+) @\S+ ms, (\S+) ms clock`)
	total := 0.0
	for _, m := range line.FindAllStringSubmatch(string(out), -1) {
		if !strings.Contains(strings.SplitN(m[1], "/", 2)[0], ".") {
			continue // standard library
		}
		ms, _ := strconv.ParseFloat(m[2], 64)
		total += ms
		t.Logf("init %s: %s ms", m[1], m[2])
	}
	if strings.Contains(string(out), "runewidth") {
		t.Errorf("go-runewidth is initialised:\n%s", out)
	}
	if total >= 0.5 {
		t.Errorf("inits outside the standard library took %.3f ms:\n%s", total, out)
	}
}
