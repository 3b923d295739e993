package tui

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sources"
)

// TestStatusSaysTheCurrentState: "Fetching …" is replaced by what the
// fetch did, a message expires after a few seconds, and one about a stop
// goes when the meeting moves on.
func TestStatusSaysTheCurrentState(t *testing.T) {
	srcs := sessions.Sources{Open: map[string]sources.Source{"demo": broken{}}}
	m, c := newApp(t, 100, 30, appOptions{sources: &srcs})
	keys(m, "enter", "r")
	if !strings.Contains(screen(m), "Fetching Checkout latency (p95)…") {
		t.Fatalf("r does not say it fetches:\n%s", screen(m))
	}
	m.Update(m.fetch(0)())
	if out := statusBar(m); strings.Contains(out, "Fetching") || !strings.Contains(out, "Could not fetch Checkout latency (p95)") {
		t.Errorf("after the retry failed the status says %q", out)
	}
	c.Advance(statusErrFor)
	m.Update(tickMsg(c.Now()))
	if out := statusBar(m); strings.Contains(out, "Could not fetch") {
		t.Errorf("the error outlived its time: %q", out)
	}

	keys(m, "i")
	typeText(m, "Alert on pool saturation")
	keys(m, "enter", "enter", "enter")
	if !strings.Contains(statusBar(m), "Action item saved") {
		t.Fatalf("no word of the saved item: %q", statusBar(m))
	}
	keys(m, "l")
	if out := statusBar(m); strings.Contains(out, "Action item saved") {
		t.Errorf("the next panel still says %q", out)
	}
}

// statusBar is the status bar, the screen's last line.
func statusBar(m *Model) string {
	lines := strings.Split(screen(m), "\n")
	return lines[len(lines)-1]
}
