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

// C0 and C1 controls that matter to the escape-sequence parser.
const (
	bel = 0x07
	can = 0x18
	sub = 0x1a
	esc = 0x1b

	c1NEL = 0x85
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

// cleanInto writes the clean form of s to b.
func cleanInto(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == esc:
			i = skipEscape(s, i+1)
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
				i = skipC1(b, s, c, i+1)
			case r == utf8.RuneError && size == 1:
				b.WriteString(string(utf8.RuneError))
				i++
				// One mark for the whole run; raw C1 bytes are not part of
				// it, they are controls.
				for i < len(s) && s[i] > 0x9f && startsInvalid(s[i:]) {
					i++
				}
			case r >= 0x80 && r <= 0x9f:
				i = skipC1(b, s, byte(r), i+size)
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

// skipC1 handles the C1 control c whose encoding ends before s[i]: the
// introducers skip their sequence, NEL is a line break, the others are
// dropped. It returns the index after what it consumed.
func skipC1(b *strings.Builder, s string, c byte, i int) int {
	switch c {
	case c1CSI:
		return skipCSI(s, i)
	case c1OSC:
		return skipString(s, i, true)
	case c1DCS, c1SOS, c1PM, c1APC:
		return skipString(s, i, false)
	case c1NEL:
		b.WriteByte('\n')
	}
	return i
}

// skipEscape skips the sequence whose ESC ends before s[i] and returns the
// index after it.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']':
		return skipString(s, i+1, true)
	case 'P', 'X', '^', '_':
		return skipString(s, i+1, false)
	}
	// ESC, intermediates 0x20–0x2F, a final 0x30–0x7E (ESC 7, ESC ( B …).
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	// Malformed: drop what was read; the byte that broke it is read again
	// as text (or as the start of the next sequence).
	return j
}

// skipCSI skips a control sequence's parameter and intermediate bytes and
// its final byte, starting at s[i]. A byte that cannot be part of it ends the
// sequence and is read again.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c >= 0x20 && c <= 0x3f:
			i++
		default:
			return i
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) starting at
// s[i], through its terminator: ST (ESC \ or C1 ST, encoded or raw), BEL for
// an OSC, or CAN/SUB, which cancel it. Another ESC ends it and starts the
// next sequence. Without a terminator it runs to the end of s.
func skipString(s string, i int, belEnds bool) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == bel && belEnds, c == can, c == sub:
			return i + 1
		case c == esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		case c < utf8.RuneSelf:
			i++
		default:
			// Step over whole characters: a byte 0x9C inside one (as in
			// ぜ, E3 81 9C) is not an ST.
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == c1ST || (r == utf8.RuneError && size == 1 && c == c1ST) {
				return i + size
			}
			i += size
		}
	}
	return i
}
