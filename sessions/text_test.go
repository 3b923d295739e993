package sessions

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

func TestMarkdownEscapesWhatMarkdownWouldMisread(t *testing.T) {
	cases := []struct{ in, want string }{
		{"p95 up *a lot*", `p95 up \*a lot\*`},
		{"use `rate()` | sum", "use \\`rate()\\` \\| sum"},
		{"<script>x</script>", `\<script\>x\</script\>`},
		{"[link](x) #tag ~~s~~ _u_", `\[link\](x) \#tag \~\~s\~\~ \_u\_`},
		{"see https://app.datadoghq.com/x?y=1.", "see <https://app.datadoghq.com/x?y=1>."},
	}
	for _, c := range cases {
		if got := mdInline(c.in); got != c.want {
			t.Errorf("mdInline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestMarkdownBlocksKeepListsAndLines(t *testing.T) {
	in := "p95 went up\nafter the deploy\n\n- pool fix helped\n* cache next\n1. not a list\n+ nor this"
	want := "p95 went up\\\nafter the deploy\n\n- pool fix helped\n- cache next\n\n1\\. not a list\\\n\\+ nor this"
	if got := mdBlock(in); got != want {
		t.Errorf("mdBlock =\n%s\nwant\n%s", got, want)
	}
}

func TestCodeSpanSurvivesBackticks(t *testing.T) {
	if got := codeSpan("a`b"); got != "``a`b``" {
		t.Errorf("codeSpan = %q", got)
	}
	if got := codeSpan("`x"); got != "`` `x ``" {
		t.Errorf("codeSpan = %q", got)
	}
}
