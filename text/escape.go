package text

import (
	"strings"
	"unicode/utf8"
)

// Escape sequences are parsed the way a terminal (and x/ansi, which
// lipgloss measures with) parses them, so that Clean removes what a
// terminal would obey and Width skips what lipgloss skips. Every function
// here runs in time linear in what it skips.

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

// skipC1 handles the C1 control c whose encoding ends before s[i]: the
// introducers skip their sequence, NEL is a line break, the others are
// dropped. It returns the index after what it consumed. b, when not nil,
// receives what the controls amount to in clean text (line breaks).
func skipC1(s string, c byte, i int, b *strings.Builder) int {
	switch c {
	case c1CSI:
		return skipCSI(s, i, b)
	case c1OSC:
		return skipString(s, i, true)
	case c1DCS, c1SOS, c1PM, c1APC:
		return skipString(s, i, false)
	case c1NEL:
		if b != nil {
			b.WriteByte('\n')
		}
	}
	return i
}

// skipEscape skips the sequence whose ESC ends before s[i] and returns the
// index after it: a CSI, a control string, or ESC with intermediates
// 0x20–0x2F and a final 0x30–0x7E (ESC 7, ESC ( B …). C0 controls inside are
// obeyed and the sequence goes on, as in CSI. b is as for skipC1.
func skipEscape(s string, i int, b *strings.Builder) int {
	intermediates := false
	for i < len(s) {
		c := s[i]
		switch {
		case !intermediates && c == '[':
			return skipCSI(s, i+1, b)
		case !intermediates && c == ']':
			return skipString(s, i+1, true)
		case !intermediates && (c == 'P' || c == 'X' || c == '^' || c == '_'):
			return skipString(s, i+1, false)
		case c >= 0x20 && c <= 0x2f:
			intermediates = true
			i++
		case c >= 0x30 && c <= 0x7e:
			return i + 1
		case c == esc, c == can, c == sub, c >= utf8.RuneSelf:
			// Malformed: what was read is dropped; the byte that broke it
			// is read again (as text or as the next sequence).
			return i
		default: // C0 control or DEL
			obey(c, b)
			i++
		}
	}
	return i
}

// obey writes what the C0 control c, met inside a sequence, amounts to in
// clean text: a line break, or nothing.
func obey(c byte, b *strings.Builder) {
	if b != nil && (c == '\n' || c == '\r' || c == '\v' || c == '\f') {
		b.WriteByte('\n')
	}
}

// skipCSI skips a control sequence's parameter and intermediate bytes and
// its final byte, starting at s[i]. A C0 control inside is obeyed and the
// sequence goes on, as in a terminal (a line break is written to b when b is
// not nil); ESC, CAN, SUB or a non-ASCII byte ends it and is read again.
func skipCSI(s string, i int, b *strings.Builder) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c >= 0x20 && c <= 0x3f:
			i++
		case c == esc, c == can, c == sub, c >= utf8.RuneSelf:
			return i
		default: // C0 control or DEL
			obey(c, b)
			i++
		}
	}
	return i
}

// skipString skips a control string (OSC, DCS, SOS, PM, APC) starting at
// s[i], through its terminator: ST (ESC \ or C1 ST, encoded or raw), BEL for
// an OSC, or CAN/SUB, which cancel it. Another ESC ends it and starts the
// next sequence. Without a terminator it runs to the end of s, as it would
// in a terminal.
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

// nextEscape returns the index of the first escape at or after s[i]: an ESC
// or a raw C1 byte (0x80–0x9F where no character starts), or len(s).
func nextEscape(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == esc:
			return i
		case c < utf8.RuneSelf:
			i++
		case c <= 0x9f:
			return i
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
	return i
}

// escapeEnd returns the index after the escape that starts at s[i] (see
// nextEscape); it is always past i.
func escapeEnd(s string, i int) int {
	if s[i] == esc {
		return skipEscape(s, i+1, nil)
	}
	return skipC1(s, s[i], i+1, nil)
}
