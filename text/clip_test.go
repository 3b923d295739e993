package text_test

import (
	"strings"
	"testing"

	"github.com/nagame-dev/nagame/text"
)

func TestClip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want string
	}{
		{"text that fits is kept", "p95 latency", 11, "p95 latency"},
		{"ASCII is cut with an ellipsis", "p95 latency", 6, "p95 l…"},
		{"spaces before the cut are dropped", "p95 latency", 5, "p95…"},
		{"Japanese is cut by cells", "決済チームの眺める会", 9, "決済チー…"},
		{"a wide character is not cut in half", "決済チームの眺める会", 10, "決済チー…"},
		{"Japanese that fits is kept", "決済チームの眺める会", 20, "決済チームの眺める会"},
		{"an emoji sequence is not split", "👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5, "👨‍👩‍👧👨‍👩‍👧…"},
		{"a skin tone stays with its emoji", "👍🏽👍🏽👍🏽", 4, "👍🏽…"},
		{"combining marks stay with their letter", "e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301…"},
		{"fullwidth forms are two cells", "ＡＢＣＤ", 5, "ＡＢ…"},
		{"width 1 leaves only the ellipsis", "abc", 1, "…"},
		{"width 1 and a wide character", "決済", 1, "…"},
		{"width 0 is empty", "abc", 0, ""},
		{"negative width is empty", "abc", -3, ""},
		{"empty stays empty", "", 5, ""},
		{"SGR inside is kept and the reset after the cut too", "\x1b[31mred text\x1b[0m", 4, "\x1b[31mred…\x1b[0m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text.Clip(tt.in, tt.w)
			if got != tt.want {
				t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			if tt.w > 0 && text.Width(got) > tt.w {
				t.Errorf("Clip(%q, %d) is %d cells wide", tt.in, tt.w, text.Width(got))
			}
		})
	}
}

// Under AmbiguousWide the ellipsis itself takes two cells.
func TestClipAmbiguousWide(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want string
	}{
		{"room is left for a two-cell ellipsis", "p95 latency", 7, "p95 l…"},
		{"Japanese keeps a two-cell ellipsis", "決済チームの眺める会", 10, "決済チー…"},
		{"a wide character that would overlap the ellipsis goes", "決済チームの眺める会", 9, "決済チ…"},
		{"ambiguous characters count two", "○○○○○", 6, "○○…"},
		{"width 1 has no room for the mark", "abc", 1, "a"},
		{"width 1 and a wide character is empty", "決済", 1, ""},
		{"ambiguous text that fits is kept", "※注意", 6, "※注意"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wide.Clip(tt.in, tt.w)
			if got != tt.want {
				t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
			if w := wide.Width(got); w > tt.w {
				t.Errorf("Clip(%q, %d) is %d cells wide", tt.in, tt.w, w)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	blob := strings.Repeat("A", 900_000)
	tests := []struct {
		name string
		in   string
		w    int
		want string
	}{
		{"a short value is kept", "5m", 60, "5m"},
		{"a value is made one clean line", "5m\x1b[31m\nnow", 60, "5m now"},
		{"a pasted blob says how big it was", blob, 10, "AAAAAAAAA… (900 KB)"},
		{"Japanese is cut by cells", "決済チームの眺める会", 9, "決済チー… (30 B)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Excerpt(tt.in, tt.w); got != tt.want {
				t.Errorf("Excerpt(%.20q…, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
}

func TestQuote(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    int
		want string
	}{
		{"a value is quoted", "5 minutes", 60, `"5 minutes"`},
		{"Japanese and emoji stay readable", "決済 👨‍👩‍👧", 60, `"決済 👨‍👩‍👧"`},
		{"quotes and backslashes are escaped", `say "hi" \o/`, 60, `"say \"hi\" \\o/"`},
		{"a cut says the size outside the quotes", strings.Repeat("x", 2500), 5, `"xxxx…" (2.5 KB)`},
		{"a control is removed, not escaped", "a\x1b]0;t\x07b", 60, `"ab"`},
		{"a cut in Japanese is judged by width, not bytes", "あいう", 5, `"あい…" (9 B)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Quote(tt.in, tt.w); got != tt.want {
				t.Errorf("Quote(%.20q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
			}
		})
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 KB"}, {4200, "4.2 KB"}, {900_000, "900 KB"},
		{3_100_000, "3.1 MB"}, {12_000_000_000, "12 GB"}, {5_000_000_000_000, "5000 GB"},
	}
	for _, tt := range tests {
		if got := text.Size(tt.n); got != tt.want {
			t.Errorf("Size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
