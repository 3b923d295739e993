package text

import "strings"

// PadRight appends spaces to s until it is w cells wide; s is returned as it
// is when it is already as wide or wider (see [Clip] to cut it).
func PadRight(s string, w int) string { return Measure{}.PadRight(s, w) }

// PadRight is [PadRight] under m.
func (m Measure) PadRight(s string, w int) string {
	if n := m.lineWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// PadLeft puts spaces before s until it is w cells wide, aligning it to the
// right; s is returned as it is when it is already as wide or wider.
func PadLeft(s string, w int) string { return Measure{}.PadLeft(s, w) }

// PadLeft is [PadLeft] under m.
func (m Measure) PadLeft(s string, w int) string {
	if n := m.lineWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}
