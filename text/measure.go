package text

import (
	"strconv"
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// Measure is a rule for the width of text in terminal cells. The zero value
// measures as lipgloss v2 does by default and is what the package functions
// use; its methods mirror them.
type Measure struct {
	// AmbiguousWide counts East Asian Ambiguous characters (…, ○, ※, ①,
	// box drawing, Greek and Cyrillic letters) as 2 cells instead of 1, as
	// terminals set up for Chinese, Japanese or Korean show them.
	AmbiguousWide bool
}

// MeasureFromEnv returns the Measure lipgloss uses in an environment:
// ambiguous characters are wide when RUNEWIDTH_EASTASIAN is true, as
// github.com/charmbracelet/x/ansi reads it once at start-up. Pass os.Getenv,
// or a fake in tests.
func MeasureFromEnv(getenv func(string) string) Measure {
	wide, err := strconv.ParseBool(getenv("RUNEWIDTH_EASTASIAN"))
	return Measure{AmbiguousWide: err == nil && wide}
}

// options is the displaywidth rule for m. Escape sequences are skipped
// before displaywidth sees the text (its own option for them rescans the
// rest of the text at every unterminated one: quadratic).
func (m Measure) options() displaywidth.Options {
	return displaywidth.Options{EastAsianWidth: m.AmbiguousWide}
}

// Width is the width of s in terminal cells: of its widest line when it has
// several, and ignoring escape sequences, as lipgloss.Width measures.
func Width(s string) int { return Measure{}.Width(s) }

// Width is the width of s in terminal cells under m: of its widest line when
// it has several, and ignoring escape sequences.
func (m Measure) Width(s string) int {
	if n, ok := asciiWidth(s); ok {
		return n
	}
	widest := 0
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		widest = max(widest, m.lineWidth(line))
	}
	return widest
}

// lineWidth is the width of s taken as one line (a newline counts 0).
func (m Measure) lineWidth(s string) int {
	if n, ok := asciiWidth(s); ok {
		return n
	}
	o := m.options()
	w := 0
	for s != "" {
		e := nextEscape(s, 0)
		w += o.String(s[:e])
		if e == len(s) {
			break
		}
		s = s[escapeEnd(s, e):]
	}
	return w
}

// asciiWidth returns len(s) and true when s is all printable ASCII, whose
// width is its length.
func asciiWidth(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return 0, false
		}
	}
	return len(s), true
}

// IsAmbiguous reports whether r is an East Asian Ambiguous character whose
// width depends on the terminal: 1 cell by default, 2 under AmbiguousWide.
// Tests of frames and tables use it to check both measures.
func IsAmbiguous(r rune) bool {
	if r < 0xa1 {
		return false
	}
	return displaywidth.Options{}.Rune(r) != displaywidth.Options{EastAsianWidth: true}.Rune(r)
}

// HasAmbiguous reports whether s has a character whose width differs
// between the default Measure and AmbiguousWide.
func HasAmbiguous(s string) bool {
	if _, ok := asciiWidth(s); ok {
		return false
	}
	wide := Measure{AmbiguousWide: true}.options()
	u := Measure{}.units(s)
	for u.next() {
		if v := s[u.start:u.end]; !u.escape && v[0] >= 0x80 && u.width != wide.String(v) {
			return true
		}
	}
	return false
}

// unitIter walks text by the units layout works with: graphemes, measured,
// and escape sequences, which take no cells.
type unitIter struct {
	s      string
	o      displaywidth.Options
	pos    int // where the text not yet walked starts
	seg    displaywidth.Graphemes[string]
	segAt  int // where the next grapheme of seg starts
	inSeg  bool
	start  int // the current unit is s[start:end]
	end    int
	width  int
	escape bool
}

func (m Measure) units(s string) unitIter { return unitIter{s: s, o: m.options()} }

// next moves to the next unit; it reports false at the end of the text.
func (u *unitIter) next() bool {
	for {
		if u.inSeg {
			if u.seg.Next() {
				v := u.seg.Value()
				u.start, u.end, u.width, u.escape = u.segAt, u.segAt+len(v), u.seg.Width(), false
				u.segAt = u.end
				return true
			}
			u.inSeg = false
		}
		if u.pos >= len(u.s) {
			return false
		}
		if e := nextEscape(u.s, u.pos); e > u.pos {
			u.seg, u.segAt, u.inSeg = u.o.StringGraphemes(u.s[u.pos:e]), u.pos, true
			u.pos = e
			continue
		}
		u.start, u.end, u.width, u.escape = u.pos, escapeEnd(u.s, u.pos), 0, true
		u.pos = u.end
		return true
	}
}
