package agenda

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// TODO(text): CleanText and CleanLine move to the leaf package text that is
// being built to replace them; they live here, in the lowest package of ours
// that every caller (minutes, tui, cmd) already imports, until then.

// CleanText makes text from a person or a backend safe to show: escape
// sequences are removed, tabs become spaces, other control characters and
// bidirectional overrides are dropped, and line endings become "\n".
func CleanText(s string) string {
	if s == "" {
		return s
	}
	s = ansi.Strip(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r == '\r', unicode.IsControl(r), isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanLine is CleanText on one line: line breaks become spaces and the ends
// are trimmed.
func CleanLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(CleanText(s), "\n", " "))
}

func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}
