package nagame_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The layers point one way (README, Development): sources import nothing
// of nagame but sources and text; nothing under sessions imports the TUI;
// neither imports Bubble Tea, Bubbles or Lip Gloss.
func TestLayersPointOneWay(t *testing.T) {
	const mod = "github.com/nagame-dev/nagame"
	for _, c := range []struct {
		pkgs    string
		allowed func(string) bool
	}{
		{"./sources/...", func(p string) bool {
			return strings.HasPrefix(p, mod+"/sources") || p == mod+"/text"
		}},
		{"./sessions/...", func(p string) bool {
			return !strings.HasPrefix(p, mod+"/tui") && !strings.HasPrefix(p, mod+"/cmd") && !strings.HasPrefix(p, mod+"/join")
		}},
	} {
		out, err := exec.CommandContext(t.Context(), "go", "list", "-deps", "-test=false",
			"-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", c.pkgs).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", c.pkgs, err, out)
		}
		for _, p := range strings.Fields(string(out)) {
			terminal := strings.HasPrefix(p, "charm.land/") || strings.Contains(p, "charmbracelet/bubbletea") ||
				strings.Contains(p, "charmbracelet/lipgloss") || strings.Contains(p, "charmbracelet/bubbles")
			if terminal || (strings.HasPrefix(p, mod+"/") && !c.allowed(p)) {
				t.Errorf("%s depends on %s", c.pkgs, p)
			}
		}
	}
}
