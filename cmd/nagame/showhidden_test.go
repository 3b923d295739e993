package main

import (
	"strings"
	"testing"
)

// TestExportShowHidden: the facilitator can see what the anonymity rule
// hides; the minutes to share never say so.
func TestExportShowHidden(t *testing.T) {
	c := threeSessions(t)
	r := c.run(t, "export", "--show-hidden")
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, "Written with --show-hidden") {
		t.Errorf("the minutes do not say they show what is hidden:\n%s", r.out)
	}
	r = c.run(t, "export", "--format", "json", "--show-hidden")
	wantCode(t, r, exitOK)
	if !strings.Contains(r.out, `"shown_hidden": true`) {
		t.Errorf("the JSON does not say it shows what is hidden")
	}
	if r := c.run(t, "export"); strings.Contains(r.out, "show-hidden") {
		t.Error("the minutes to share mention --show-hidden")
	}
}

func TestShellWordQuotesOnlyWhatNeedsIt(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/ns":            "/tmp/ns",
		"/tmp/my sessions":   "'/tmp/my sessions'",
		"/tmp/it's":          `'/tmp/it'\''s'`,
		"/home/a/.local/x-1": "/home/a/.local/x-1",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}
