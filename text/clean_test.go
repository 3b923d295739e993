package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nagame-dev/nagame/text"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean ASCII is kept", "p95 latency", "p95 latency"},
		{"Japanese is kept", "決済チームの眺める会", "決済チームの眺める会"},
		{"emoji and ZWJ sequences are kept", "👍🏽 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "👍🏽 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿"},
		{"combining marks are kept", "cafe\u0301", "cafe\u0301"},
		{"newlines are kept", "a\nb\n\nc", "a\nb\n\nc"},

		// 7-bit escape sequences.
		{"SGR is removed", "\x1b[1;31mred\x1b[0m!", "red!"},
		{"CSI with private parameters is removed", "a\x1b[?1049hb\x1b[2J", "ab"},
		{"CSI with intermediates is removed", "a\x1b[2 qb", "ab"},
		{"OSC ended by BEL is removed", "\x1b]0;evil title\x07text", "text"},
		{"OSC ended by ST is removed", "\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"OSC 52 clipboard write is removed", "a\x1b]52;c;cm0gLXJmIH4=\x07b", "ab"},
		{"DCS is removed", "a\x1bP1$r0m\x1b\\b", "ab"},
		{"DCS is not ended by BEL", "a\x1bPq#0\x07junk\x1b\\b", "ab"},
		{"APC is removed", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"PM is removed", "a\x1b^private\x1b\\b", "ab"},
		{"SOS is removed", "a\x1bXstring\x1b\\b", "ab"},
		{"short ESC forms are removed", "a\x1b7b\x1b8c\x1b(Bd\x1bce\x1b=f", "abcdef"},
		{"a lone ESC at the end is removed", "abc\x1b", "abc"},
		{"ESC ESC starts over", "a\x1b\x1b[31mb", "ab"},
		{"an unterminated OSC runs to the end", "ok\x1b]0;title never ends\nmore", "ok"},
		{"CAN cancels a sequence", "a\x1b]0;x\x18b", "ab"},
		{"SUB cancels a sequence", "a\x1b[12\x1ab", "ab"},
		{"ESC inside an OSC ends it and starts the next", "a\x1b]0;x\x1b[31mb", "ab"},
		{"a line break inside CSI is obeyed and the CSI goes on", "a\x1b[3\n1mb", "a\nb"},
		{"another C0 control inside CSI is dropped and the CSI goes on", "a\x1b[3\a\t1mb", "ab"},
		{"a character inside CSI ends it", "a\x1b[3日b", "a日b"},

		// C1 controls, UTF-8 encoded.
		{"C1 CSI U+009B is removed with its parameters", "a\u009b31mred\u009b0m", "ared"},
		{"C1 OSC U+009D ended by BEL is removed", "a\u009d0;title\x07b", "ab"},
		{"C1 OSC U+009D ended by C1 ST is removed", "a\u009d0;title\u009cb", "ab"},
		{"C1 DCS U+0090 is removed", "a\u0090payload\u009cb", "ab"},
		{"C1 APC, PM, SOS are removed", "a\u009fx\u009cb\u009ey\u009cc\u0098z\u009cd", "abcd"},
		{"other C1 controls are removed", "a\u0080b\u008ec\u0099d", "abcd"},
		{"C1 ST alone is removed", "a\u009cb", "ab"},
		{"a kana whose encoding holds 0x9C does not end an OSC", "\x1b]0;ぜ\x07ok", "ok"},

		// C1 controls as raw bytes (an 8-bit terminal obeys them).
		{"raw 8-bit CSI is removed with its parameters", "a\x9b31mb", "ab"},
		{"raw 8-bit OSC is removed", "a\x9d0;t\x07b", "ab"},
		{"raw 8-bit ST ends a string", "a\x1b]0;t\x9cb", "ab"},
		{"raw C1 byte that starts nothing is removed", "a\x85b", "a\nb"},

		// Other controls.
		{"BEL is removed", "ding\a!", "ding!"},
		{"NUL and DEL are removed", "a\x00b\x7fc", "abc"},
		{"backspace is removed", "abc\b\b\bxyz", "abcxyz"},
		{"tab becomes four spaces", "a\tb", "a    b"},
		{"CRLF becomes LF", "a\r\nb", "a\nb"},
		{"lone CR becomes LF", "a\rb", "a\nb"},
		{"CR CR LF is two breaks", "a\r\r\nb", "a\n\nb"},
		{"VT and FF become LF", "a\vb\fc", "a\nb\nc"},
		{"NEL, LS and PS become LF", "a\u0085b\u2028c\u2029d", "a\nb\nc\nd"},

		// Bidirectional formatting.
		{"bidi overrides are removed", "a\u202ebc\u202cd", "abcd"},
		{"bidi embeddings are removed", "\u202aa\u202bb", "ab"},
		{"bidi isolates are removed", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"bidi marks are removed", "a\u200eb\u200fc\u061cd", "abcd"},
		{"right-to-left text itself is kept", "שלום مرحبا", "שלום مرحبا"},

		// Invalid UTF-8.
		{"an invalid byte becomes U+FFFD", "a\xffb", "a\ufffdb"},
		{"a run of invalid bytes becomes one U+FFFD", "a\xff\xfe\xfdb", "a\ufffdb"},
		{"a truncated character becomes U+FFFD", "決\xe6\xb8b", "決\ufffdb"},
		{"a truncated character before a raw C1 byte", "決\xe6\x97b", "決\ufffdb"},
		{"a truncated character at the end becomes U+FFFD", "決\xe6", "決\ufffd"},
		{"an encoded surrogate becomes U+FFFD", "a\xed\xa0\x80b", "a\ufffdb"},
		{"an overlong encoding becomes U+FFFD", "a\xc0\xafb", "a\ufffdb"},
		{"U+FFFD itself is kept", "a\ufffdb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanLeavesNothingATerminalObeys(t *testing.T) {
	for _, s := range []string{
		"\x1b[31m\x1b]0;t\x07\x1bP\x1b\\\u009b1m\u009d0;t\u009c\x9b2J\x07\x00\x7f\u202e",
		"\x1b", "\x1b[", "\x1b]", "\u009b", "\x9b", "\x1bP", "\x1b_", "\x1b\x1b\x1b",
	} {
		if got := text.Clean(s); hasControl(got) {
			t.Errorf("Clean(%q) = %q, which still has a control", s, got)
		}
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean line is kept", "決済チームの眺める会", "決済チームの眺める会"},
		{"line breaks become spaces", "first\nsecond\r\nthird", "first second third"},
		{"runs of spaces become one", "a   b \t c", "a b c"},
		{"ends are trimmed", "  \n title \n ", "title"},
		{"ideographic spaces at the ends are trimmed", "\u3000見出し\u3000", "見出し"},
		{"an ideographic space inside is kept", "決済\u3000チーム", "決済\u3000チーム"},
		{"escapes are removed", "\x1b[1mbold\x1b[0m title", "bold title"},
		{"only spaces give empty", " \t\n ", ""},
		{"empty stays empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanDoesNotAllocateOnCleanText(t *testing.T) {
	for _, s := range []string{"p95 latency of checkout", "決済チームの眺める会 👍🏽"} {
		if n := testing.AllocsPerRun(100, func() { _ = text.Clean(s) }); n != 0 {
			t.Errorf("Clean(%q) allocates %v times", s, n)
		}
		if n := testing.AllocsPerRun(100, func() { _ = text.Line(s) }); n != 0 {
			t.Errorf("Line(%q) allocates %v times", s, n)
		}
	}
}

// hasControl reports whether s holds something a terminal would act on:
// ESC, another C0 control but LF, DEL, a C1 control (encoded or raw), a
// bidi control, or bytes that are not UTF-8.
func hasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			return true
		case strings.ContainsRune("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", r):
			return true
		}
	}
	return false
}
