package text_test

import (
	"os"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/nagame-dev/nagame/text"
)

// widthCorpus is text nagame shows: titles, names, notes and what backends
// say, in the scripts and symbols people use.
var widthCorpus = []string{
	"", "a", "p95 latency", "決済チームの眺める会", "レイテンシは改善した。次回も確認する。",
	"ｶﾀｶﾅ", "ＡＢＣ１２３", "（全角）", "👍", "👍🏽", "👨‍👩‍👧", "🏳️‍🌈", "🇯🇵", "❤️", "❤", "☺︎",
	"e\u0301", "café", "Ä\u0308\u0308", "…", "○", "※", "①②", "─│┌┐", "αβγ", "Д", "°C", "±",
	"한국어", "中文", "tab\there", "line\nbreak\nlonger line", "\x1b[31mred\x1b[0m",
	"\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", "\x1b[1;38;2;255;136;0m太字\x1b[m",
	"\u200b", "\u00ad", "a\u200db", "\ufeff", "\u3000全角空白", "ア゙", "か\u3099", "🧑🏻‍💻", "🫠",
	"9\ufe0f\u20e3", "©", "©️", "☁", "⌚", "\u0e01\u0e33", "नमस्ते", "مرحبا", "שָׁלוֹם",
	"x\u0300\u0301\u0302", "\u1100\u1161\u11a8", "ⓐ", "Ⅻ", "¼", "→", "★☆", "♪", "€",
}

// The TUI lays out with lipgloss (which measures with x/ansi); a width that disagreed would misplace a
// border or a column.
func TestWidthAgreesWithLipgloss(t *testing.T) {
	// lipgloss (x/ansi) reads RUNEWIDTH_EASTASIAN once at start-up.
	m := text.MeasureFromEnv(os.Getenv)
	for _, s := range widthCorpus {
		if got, want := m.Width(s), lipgloss.Width(s); got != want {
			t.Errorf("Width(%q) = %d, lipgloss.Width = %d", s, got, want)
		}
	}
}

// Every assigned plane-0 to plane-3 code point, alone and after a letter,
// as a sweep behind the corpus.
func TestWidthAgreesWithLipglossForEveryRune(t *testing.T) {
	m := text.MeasureFromEnv(os.Getenv)
	bad := 0
	for r := rune(0x20); r < 0x32000 && bad < 20; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r), string(r) + "\u0301"} {
			if got, want := m.Width(s), lipgloss.Width(s); got != want {
				t.Errorf("Width(%q U+%04X) = %d, lipgloss.Width = %d", s, r, got, want)
				bad++
			}
		}
	}
}

// The TUI cuts styled text with ansi.Truncate today; Clip gives the same
// result, escape sequences and all, except that it drops a space left
// before the ellipsis.
func TestClipAgreesWithAnsiTruncate(t *testing.T) {
	styled := []string{
		"\x1b[1;38;2;255;136;0m決済チームの眺める会\x1b[m",
		"\x1b[31mred text here\x1b[0m and plain",
		"› \x1b[3mレイテンシは改善した。\x1b[23m 次回も確認する。",
	}
	for _, s := range append(widthCorpus, styled...) {
		for w := 1; w <= 24; w++ {
			want := strings.ReplaceAll(ansi.Truncate(s, w, text.Ellipsis), " "+text.Ellipsis, text.Ellipsis)
			if got := text.Clip(s, w); got != want {
				t.Errorf("Clip(%q, %d) = %q, ansi.Truncate gives %q", s, w, got, want)
			}
		}
	}
}

// Whatever people type, the text as shown (cleaned, maybe styled or made a
// hyperlink) measures as lipgloss measures it. (Raw garbage is another
// matter: x/ansi's parser ends an APC at the first non-ASCII character and
// takes bytes that are not UTF-8 in ways of its own, where Clean follows
// what a terminal does.)
func FuzzWidthAgreesWithLipgloss(f *testing.F) {
	for _, s := range append(widthCorpus, fuzzSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := text.Clean(s)
		for _, v := range []string{
			c, text.Line(s), "\x1b[1;38;2;255;136;0m" + c + "\x1b[m",
			"\x1b]8;;https://x.example/?q=1\x1b\\" + c + "\x1b]8;;\x1b\\",
		} {
			if got, want := text.Width(v), lipgloss.Width(v); got != want {
				t.Fatalf("Width(%q) = %d, lipgloss.Width = %d", v, got, want)
			}
		}
	})
}
