package text

import (
	"strconv"
	"strings"
)

// Ellipsis marks where Clip cut. It is East Asian Ambiguous: 1 cell by
// default, 2 under AmbiguousWide, and Clip leaves room for it either way.
const Ellipsis = "…"

// Clip cuts s, taken as one line, to at most w cells, never inside a
// grapheme or a wide character, and ends it with Ellipsis when it cut
// (spaces before the cut are dropped). Escape sequences are kept, those
// after the cut too, so styled text keeps its resets. w < 1 gives "".
func Clip(s string, w int) string { return Measure{}.Clip(s, w) }

// Clip is [Clip] under m.
func (m Measure) Clip(s string, w int) string {
	if w < 1 {
		return ""
	}
	if m.lineWidth(s) <= w {
		return s
	}
	tail := Ellipsis
	room := w - m.lineWidth(tail)
	if room < 0 {
		// Only under AmbiguousWide at w = 1: no room for the mark.
		tail, room = "", w
	}
	if _, ok := asciiWidth(s); ok {
		return strings.TrimRight(s[:room], " ") + tail
	}
	u := m.units(s)
	end, used := 0, 0
	for u.next() {
		if used+u.width > room {
			break
		}
		used += u.width
		end = u.end
	}
	out := strings.TrimRight(s[:end], " ") + tail
	if end == len(s) || strings.IndexByte(s[end:], esc) < 0 {
		return out
	}
	// Keep the escape sequences after the cut (a reset, the end of a
	// hyperlink), so that the style does not run on.
	var b strings.Builder
	b.WriteString(out)
	for {
		if u.escape && s[u.start] == esc {
			b.WriteString(s[u.start:u.end])
		}
		if !u.next() {
			break
		}
	}
	return b.String()
}

// Excerpt is s as one clean line (see [Line]) clipped to w cells, for a
// message or a log; when it was cut, the size of the whole value follows, so
// that a blob pasted where a word belongs is never printed whole and the
// reader sees how much there was: `SELECT … (900 KB)`.
func Excerpt(s string, w int) string { return Measure{}.Excerpt(s, w) }

// Excerpt is [Excerpt] under m.
func (m Measure) Excerpt(s string, w int) string {
	l := Line(s)
	if m.lineWidth(l) <= w {
		return l
	}
	return m.Clip(l, w) + " (" + Size(len(s)) + ")"
}

// Quote is s as a quoted value for a message: one clean line clipped to w
// cells between double quotes, the size of the whole after the closing quote
// when it was cut: `"abc…" (900 KB)`. A double quote or backslash inside is
// escaped with a backslash; other characters are written as they are, so
// Japanese and emoji stay readable (strconv.Quote would escape a ZWJ).
func Quote(s string, w int) string { return Measure{}.Quote(s, w) }

// Quote is [Quote] under m.
func (m Measure) Quote(s string, w int) string {
	l := Line(s)
	if m.lineWidth(l) <= w {
		return quoted(l)
	}
	return quoted(m.Clip(l, w)) + " (" + Size(len(s)) + ")"
}

func quoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// Size writes n bytes for people: "812 B", "4.2 KB", "900 KB", "3.1 MB"
// (decimal units, as file managers show).
func Size(n int) string {
	const unit = 1000
	if n < unit {
		return strconv.Itoa(n) + " B"
	}
	v, name := float64(n)/unit, "KB"
	for _, bigger := range []string{"MB", "GB"} {
		if v < unit {
			break
		}
		v, name = v/unit, bigger
	}
	prec := 0
	if v < 10 {
		prec = 1
	}
	return strconv.FormatFloat(v, 'f', prec, 64) + " " + name
}
