package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tabSpaces is what a tab becomes: Clean does not know the column a tab
// starts at, so it cannot expand to tab stops; four spaces keep pasted
// indentation readable.
const tabSpaces = "    "

// Clean makes multi-line text from a person or a backend safe to print:
// escape sequences, control characters and bidirectional formatting
// characters are removed, line breaks become "\n", tabs four spaces, and
// bytes that are not UTF-8 one U+FFFD per run (see the package doc for the
// exact rules). Text that needs none of this is returned unchanged, without
// allocating.
func Clean(s string) string {
	i := firstUnclean(s)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	cleanInto(&b, s[i:])
	return b.String()
}

// Line is Clean for text shown on one line (a title, a name, a table cell):
// line breaks become spaces, runs of spaces become one, and white space is
// trimmed from both ends. Other white space inside (such as the ideographic
// space U+3000) is kept.
func Line(s string) string {
	c := Clean(s)
	if isTidyLine(c) {
		return c
	}
	var b strings.Builder
	b.Grow(len(c))
	space := false
	for i := 0; i < len(c); i++ {
		ch := c[i]
		if ch == '\n' || ch == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(ch)
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}

// isTidyLine reports whether Line has nothing to do to clean text c.
func isTidyLine(c string) bool {
	if c == "" {
		return true
	}
	if strings.IndexByte(c, '\n') >= 0 || strings.Contains(c, "  ") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(c)
	last, _ := utf8.DecodeLastRuneInString(c)
	return !unicode.IsSpace(first) && !unicode.IsSpace(last)
}

// firstUnclean returns the index of the first byte Clean must change, or
// len(s).
func firstUnclean(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || removedOrBreak(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// removedOrBreak reports whether Clean removes or replaces the (valid,
// non-ASCII) rune r.
func removedOrBreak(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || isBidiControl(r)
}

// isBidiControl reports whether r is a bidirectional formatting character:
// marks, embeddings, overrides and isolates, which reorder the text after
// them (the "Trojan Source" characters).
func isBidiControl(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// cleanInto writes the clean form of s to b.
func cleanInto(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == esc:
			i = skipEscape(s, i+1, b)
		case c == '\n':
			b.WriteByte('\n')
			i++
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case c == '\v' || c == '\f':
			b.WriteByte('\n')
			i++
		case c == '\t':
			b.WriteString(tabSpaces)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1 && c <= 0x9f:
				// A raw C1 byte: what an 8-bit terminal would obey.
				i = skipC1(s, c, i+1, b)
			case r == utf8.RuneError && size == 1:
				b.WriteString(string(utf8.RuneError))
				i++
				// One mark for the whole run; raw C1 bytes are not part of
				// it, they are controls.
				for i < len(s) && s[i] > 0x9f && startsInvalid(s[i:]) {
					i++
				}
			case r >= 0x80 && r <= 0x9f:
				i = skipC1(s, byte(r), i+size, b)
			case r == 0x2028 || r == 0x2029:
				b.WriteByte('\n')
				i += size
			case isBidiControl(r):
				i += size
			default:
				b.WriteString(s[i : i+size])
				i += size
			}
		}
	}
}

// startsInvalid reports whether s begins with a byte that is not the start
// of a valid UTF-8 encoding.
func startsInvalid(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return r == utf8.RuneError && size == 1
}
