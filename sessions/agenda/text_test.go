package agenda

import (
	"testing"
)

func TestCleanTextRemovesWhatATerminalWouldObey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"red \x1b[31malert\x1b[0m", "red alert"},
		{"title\x1b]0;pwned\x07 ok", "title ok"},
		{"bell\a and null\x00", "bell and null"},
		{"crlf\r\nline", "crlf\nline"},
		{"tab\tx", "tab    x"},
		{"rtl \u202Eevil", "rtl evil"},
		{"c1 \u009b31m", "c1 31m"},
	}
	for _, c := range cases {
		if got := CleanText(c.in); got != c.want {
			t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := CleanLine(" two\nlines "); got != "two lines" {
		t.Errorf("CleanLine = %q", got)
	}
}
