package join_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The join package is a leaf the TUI adapts to: it imports nothing of the
// terminal (Bubble Tea, Lip Gloss) and nothing of nagame but text.
func TestImportsNoTerminalPackages(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	out, err := exec.CommandContext(t.Context(), goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		nagame := strings.HasPrefix(p, "github.com/nagame-dev/nagame/")
		if (nagame && p != "github.com/nagame-dev/nagame/join" && p != "github.com/nagame-dev/nagame/text") ||
			strings.Contains(p, "charm") || strings.Contains(p, "bubbletea") || strings.Contains(p, "lipgloss") {
			t.Errorf("package join depends on %s", p)
		}
	}
}
