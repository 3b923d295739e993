package agenda

import (
	"testing"

	"github.com/nagame-dev/nagame/text"
)

// The deprecated helpers are the text package's, so that the TUI, the CLI
// and the minutes clean alike until their last callers move.
func TestCleanTextAndLineAreTheTextPackages(t *testing.T) {
	for _, s := range []string{"plain", "red \x1b[31malert\x1b[0m", "title\x1b]0;pwned\x07 ok", "c1 \u009b31m x", " two\nlines ", "tab\tx"} {
		if got, want := CleanText(s), text.Clean(s); got != want {
			t.Errorf("CleanText(%q) = %q, text.Clean gives %q", s, got, want)
		}
		if got, want := CleanLine(s), text.Line(s); got != want {
			t.Errorf("CleanLine(%q) = %q, text.Line gives %q", s, got, want)
		}
	}
}
