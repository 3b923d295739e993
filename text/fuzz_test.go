package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nagame-dev/nagame/text"
)

var fuzzSeeds = []string{
	"", "p95 latency", "決済チームの眺める会", "レイテンシは改善した。次回も確認する。", "👍🏽👨‍👩‍👧 e\u0301",
	"\x1b[31mred\x1b[0m", "\x1b]0;t\x07", "\x1b]8;;u\x1b\\l\x1b]8;;\x1b\\", "\x1bPq\x1b\\", "\u009b31m", "\x9b2J",
	"\u009d0;t\u009c", "a\r\nb\rc\td", "\xff\xfe", "決\xe6", "\u202eevil", "「決済」（単位）……！？", "○※①─",
	"aaaa 。", strings.Repeat("x", 200), "\x1b", "\x1b[", "\u0085\u2028",
}

func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := text.Clean(s)
		if !utf8.ValidString(c) || hasControl(c) {
			t.Fatalf("Clean(%q) = %q has a control or invalid UTF-8", s, c)
		}
		if again := text.Clean(c); again != c {
			t.Fatalf("Clean is not idempotent: Clean(%q) = %q, then %q", s, c, again)
		}
		l := text.Line(s)
		if hasControl(l) || strings.Contains(l, "\n") || strings.Contains(l, "  ") {
			t.Fatalf("Line(%q) = %q is not one tidy line", s, l)
		}
		if again := text.Line(l); again != l {
			t.Fatalf("Line is not idempotent: Line(%q) = %q, then %q", s, l, again)
		}
	})
}

func FuzzWrap(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(10), false)
		f.Add(s, uint8(3), true)
	}
	f.Fuzz(func(t *testing.T, s string, width uint8, ambiguousWide bool) {
		m := text.Measure{AmbiguousWide: ambiguousWide}
		w := int(width % 100)
		for _, in := range []string{s, text.Clean(s)} {
			lines := m.Wrap(in, w)
			checkWrap(t, m, in, w, lines)
		}
		for _, l := range m.Wrap(text.Clean(s), w) {
			if hasControl(l) {
				t.Fatalf("Wrap(Clean(%q), %d) line %q has a control", s, w, l)
			}
		}
		one := text.Line(s)
		if c := m.Clip(one, w); w >= 1 && m.Width(c) > w {
			t.Fatalf("Clip(%q, %d) = %q is %d cells", one, w, c, m.Width(c))
		}
		if c := m.Clip(one, w); w >= 1 && m.Width(one) <= w && c != one {
			t.Fatalf("Clip(%q, %d) = %q cut text that fits", one, w, c)
		}
	})
}
