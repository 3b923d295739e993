package text_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/text"
)

var wide = text.Measure{AmbiguousWide: true}

func TestWidth(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     int // default measure
		wantWide int // AmbiguousWide
	}{
		{"ASCII is one cell a byte", "p95 latency", 11, 11},
		{"empty is zero", "", 0, 0},
		{"kanji and kana are two cells", "決済チームの眺める会", 20, 20},
		{"halfwidth katakana is one cell", "ｶﾀｶﾅ", 4, 4},
		{"fullwidth forms are two cells", "ＡＢＣ１２３（）", 16, 16},
		{"ideographic space is two cells", "\u3000", 2, 2},
		{"Hangul is two cells", "한국어", 6, 6},
		{"emoji with skin tone is one grapheme of two", "👍🏽", 2, 2},
		{"ZWJ family is one grapheme of two", "👨‍👩‍👧", 2, 2},
		{"flag is one grapheme of two", "🇯🇵", 2, 2},
		{"VS16 asks for emoji presentation", "❤️", 2, 2},
		{"combining acute is part of its letter", "e\u0301", 1, 1},
		{"stacked combining marks are one cell", "x\u0300\u0301\u0302", 1, 1},
		{"ellipsis is ambiguous", "…", 1, 2},
		{"circle, reference mark, circled digit are ambiguous", "○※①", 3, 6},
		{"box drawing is ambiguous", "─│┌┐", 4, 8},
		{"Greek is ambiguous", "αβγ", 3, 6},
		{"SGR is zero", "\x1b[31mred\x1b[0m", 3, 3},
		{"hyperlink is only its text", "\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", 4, 4},
		{"tab and controls are zero", "a\tb\x07", 2, 2},
		{"widest line of several", "short\n決済チームの眺める会\nmid", 20, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Width(tt.in); got != tt.want {
				t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
			}
			if got := wide.Width(tt.in); got != tt.wantWide {
				t.Errorf("AmbiguousWide Width(%q) = %d, want %d", tt.in, got, tt.wantWide)
			}
		})
	}
}

func TestIsAmbiguous(t *testing.T) {
	for _, r := range "…○※①─│┌αД°±" {
		if !text.IsAmbiguous(r) {
			t.Errorf("IsAmbiguous(%q) = false, want true", r)
		}
	}
	for _, r := range "a1 決チｶ👍Ａ。「" {
		if text.IsAmbiguous(r) {
			t.Errorf("IsAmbiguous(%q) = true, want false", r)
		}
	}
}

func TestHasAmbiguous(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"p95 latency", false},
		{"決済チームの眺める会", false},
		{"👍🏽 👨‍👩‍👧", false},
		{"改善した…", true},
		{"┌─┐", true},
		{"※注意", true},
	}
	for _, tt := range tests {
		if got := text.HasAmbiguous(tt.in); got != tt.want {
			t.Errorf("HasAmbiguous(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestMeasureFromEnvFollowsRunewidthEastAsian(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{{"", false}, {"0", false}, {"false", false}, {"yes", false}, {"1", true}, {"true", true}, {"T", true}}
	for _, tt := range tests {
		getenv := func(k string) string {
			if k == "RUNEWIDTH_EASTASIAN" {
				return tt.value
			}
			return ""
		}
		if got := text.MeasureFromEnv(getenv).AmbiguousWide; got != tt.want {
			t.Errorf("RUNEWIDTH_EASTASIAN=%q: AmbiguousWide = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestWidthDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"p95 latency of checkout", "決済チームの眺める会 👍🏽", "\x1b[31mred\x1b[0m"} {
		if n := testing.AllocsPerRun(100, func() { _ = text.Width(s) }); n != 0 {
			t.Errorf("Width(%q) allocates %v times", s, n)
		}
	}
}

// A backend's error body full of unterminated escapes must not stall a
// frame: every function is linear in its input. (Measuring with
// displaywidth's own escape option rescans the rest of the text at each
// one: 9 s for this input.)
func TestUnterminatedEscapesTakeLinearTime(t *testing.T) {
	for _, unit := range []string{"\x1b]a", "\x1bPa", "\x1b_a", "\u009d", "\x1b["} {
		s := strings.Repeat(unit, 100_000)
		start := time.Now()
		_ = text.Width(s)
		_ = text.Clip(s, 40)
		_ = text.Wrap(s, 40)
		_ = text.Clean(s)
		_ = text.HasAmbiguous(s)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%q × 100 000 took %v", unit, d)
		}
	}
}
